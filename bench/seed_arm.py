"""The seed's way, as the original demo served models (the baseline arm).

torch + transformers imported and both directions' MarianMTModel + MarianTokenizer loaded at
import, fp32, no `inference_mode`, one `generate` per request on the request's whole text with
the model's default generation config (its beams). transformers 5 removed the "translation"
pipeline; on 4.57 the pipeline measured the same as this `generate` call.

    python -m bench.seed_arm cold ZH_EN_DIR EN_ZH_DIR   # start → first translation, exit
    python -m bench.seed_arm serve ZH_EN_DIR EN_ZH_DIR  # warm ops over stdin/stdout
"""

from __future__ import annotations

import time

IMPORT_STARTED = time.monotonic()

import sys  # noqa: E402

import torch  # noqa: E402
from transformers import MarianMTModel, MarianTokenizer  # noqa: E402

from bench.workload import (  # noqa: E402
    EN_ZH_TOKEN,
    TOKENS_PER_SENTENCE,
    emit,
    peak_rss_mb,
    serve_ops,
    workload,
)

IMPORTED = time.monotonic()
MODE, ZH_EN, EN_ZH = sys.argv[1], sys.argv[2], sys.argv[3]

# Built at import, as the demo built its pipelines.
zh_en_tokenizer = MarianTokenizer.from_pretrained(ZH_EN)
zh_en_model = MarianMTModel.from_pretrained(ZH_EN)
ONE_LOADED = time.monotonic()
en_zh_tokenizer = MarianTokenizer.from_pretrained(EN_ZH)
en_zh_model = MarianMTModel.from_pretrained(EN_ZH)
LOADED = time.monotonic()


def translate(model: MarianMTModel, tokenizer: MarianTokenizer, text: str, sentences: int) -> str:
    """One request: one generate on the whole text; output length forced (equal work)."""
    tokens = TOKENS_PER_SENTENCE * sentences
    inputs = tokenizer(text, return_tensors="pt")
    output = model.generate(**inputs, min_new_tokens=tokens, max_new_tokens=tokens)
    assert output.shape[1] == tokens + 1, output.shape  # decoder start + forced tokens
    return str(tokenizer.decode(output[0], skip_special_tokens=True))  # type: ignore[no-untyped-call]


def main() -> None:
    work = workload()
    one = work["one"]["texts"][0]
    en = f"{EN_ZH_TOKEN} {work['en_one']['texts'][0]}"
    if MODE == "cold":
        translate(zh_en_model, zh_en_tokenizer, one, 1)
        first = time.monotonic()
        translate(en_zh_model, en_zh_tokenizer, en, 1)
        emit(
            {
                "import_started": IMPORT_STARTED,
                "imports_s": IMPORTED - IMPORT_STARTED,
                "load_one_s": ONE_LOADED - IMPORTED,
                "load_both_s": LOADED - IMPORTED,
                "first_translation_at": first,
                "rss_mb": peak_rss_mb(),
                "torch_threads": torch.get_num_threads(),
                "num_beams": zh_en_model.generation_config.num_beams,
            }
        )
        return

    default_threads = torch.get_num_threads()

    def run(name: str, threads: int | None = None) -> None:
        torch.set_num_threads(threads or default_threads)
        try:
            item = work[name]
            for text in item["texts"]:  # one request per text, its whole text at once
                sentences = item["sentences"] if len(item["texts"]) == 1 else 1
                translate(zh_en_model, zh_en_tokenizer, text, sentences)
        finally:
            torch.set_num_threads(default_threads)

    handlers = {name: (lambda name=name, **kw: run(name, **kw)) for name in work}
    emit(
        {
            "ready": True,
            "torch_threads": default_threads,
            "num_beams": zh_en_model.generation_config.num_beams,
        }
    )
    serve_ops(handlers)


if __name__ == "__main__":
    main()
