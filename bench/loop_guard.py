"""The loop guard on the tiny random test models: how many outputs loop, and what it costs.

    python -m bench.loop_guard [--runs 5]

The tiny MarianMT models of the tests (random weights) loop on every input. Twelve short
inputs, six Chinese and six English, go through the service's translator (both engines, the
models' own 4 beams, no cache) with TRANSLATE_LOOP_GUARD off, trim and retry; the table shows
the outputs that still hold a loop (a piece of up to six characters, or a word, four times in
a row), their mean length, and the median seconds for all twelve.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from tests.support.tiny_models import SHORT_EN, SHORT_ZH

ZH, EN = SHORT_ZH, SHORT_EN
MODES = ("off", "trim", "retry")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("HF_HOME", tempfile.mkdtemp(prefix="loop-guard-hf-"))
    os.environ["HF_HUB_OFFLINE"] = "1"
    from service.settings import Settings
    from service.translation.loop_guard import has_loop
    from service.translation.translator import TranslatorRegistry
    from tests.support.tiny_models import build_tiny_models

    models = build_tiny_models(Path(tempfile.mkdtemp(prefix="loop-guard-models-")))
    print("| engine | TRANSLATE_LOOP_GUARD | outputs with a loop | mean characters | seconds |")
    print("|---|---|---:|---:|---:|")
    for engine in ("ctranslate2", "transformers"):
        for mode in MODES:
            registry = TranslatorRegistry(
                Settings(
                    translate_model_zh_en=str(models["zh-en"]),
                    translate_model_en_zh=str(models["en-zh"]),
                    translate_engine=engine,
                    translate_loop_guard=mode,
                    translate_cache_size=0,
                )
            )
            jobs = [("zh-en", "en", ZH), ("en-zh", "zh", EN)]
            for direction, _, _ in jobs:
                registry.get(direction)  # loaded (and converted) before timing
            seconds, pairs = [], []
            for _ in range(args.runs):
                started = time.perf_counter()
                pairs = [
                    (source, output)
                    for direction, target, texts in jobs
                    for source, output in zip(
                        texts,
                        registry.get(direction).translate(texts, target, time.monotonic() + 600),
                        strict=True,
                    )
                ]
                seconds.append(time.perf_counter() - started)
            loops = sum(has_loop(output, source) for source, output in pairs)
            mean = statistics.mean(len(output) for _, output in pairs)
            print(
                f"| {engine} | {mode} | {loops} of {len(pairs)} | {mean:.1f} | "
                f"{statistics.median(seconds):.3f} |"
            )


if __name__ == "__main__":
    main()
