"""The service's engine called directly: TranslatorRegistry → Translator.translate.

Sentence splitting, batching and the backend exactly as the service runs them; the LRU cache
is off (it would fake speed) and the backend's output length is forced (equal work).

    python -m bench.engine_arm serve ENGINE COMPUTE_TYPE THREADS   # warm ops over stdin/stdout
    python -m bench.engine_arm convert ENGINE COMPUTE_TYPE THREADS DIRECTION  # time one load

Models come from TRANSLATE_MODEL_ZH_EN / TRANSLATE_MODEL_EN_ZH and HF_HOME in the environment.
"""

from __future__ import annotations

import time

STARTED = time.monotonic()

import resource  # noqa: E402
import sys  # noqa: E402

from bench.workload import emit, force_backend, peak_rss_mb, serve_ops, workload  # noqa: E402
from service.settings import Settings  # noqa: E402
from service.translation.translator import DIRECTIONS, TranslatorRegistry  # noqa: E402


def registry(engine: str, compute_type: str, threads: int) -> TranslatorRegistry:
    settings = Settings(
        translate_engine=engine,
        translate_compute_type=compute_type,
        translate_threads=threads,
        translate_cache_size=0,
    )
    return TranslatorRegistry(settings)


def main() -> None:
    mode, engine, compute_type, threads = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    reg = registry(engine, compute_type, threads)
    if mode == "convert":
        direction = sys.argv[5]
        reg.get(direction)
        emit(
            {
                "started": STARTED,
                "done_at": time.monotonic(),
                "load_s": reg.load_seconds[direction],
                "torch_imported": "torch" in sys.modules,
                # The converter is this process's only child: its peak resident set.
                "converter_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                "rss_mb": peak_rss_mb(),
            }
        )
        return

    loaded_s = {}
    for direction in DIRECTIONS:
        reg.get(direction)
        force_backend(reg.get(direction).backend)
        loaded_s[direction] = reg.load_seconds[direction]
    translator = reg.get("zh-en")
    work = workload()

    def run(name: str) -> None:
        outputs = translator.translate(work[name]["texts"], "en", time.monotonic() + 600)
        assert len(outputs) == len(work[name]["texts"])

    # Equal work check: sentence splitting must yield the sentences the seed's call is charged.
    from service.translation.sentences import split_sentences

    split = [len(split_sentences(t).sentences) for t in work["para"]["texts"]]
    assert split == [work["para"]["sentences"]], split
    reg.get("en-zh").translate(work["en_one"]["texts"], "zh", time.monotonic() + 600)
    emit(
        {
            "ready": True,
            "load_s": loaded_s,
            "threads": reg.settings.inference_threads(),
            "num_beams": translator.backend.decoding.num_beams,
            "torch_imported": "torch" in sys.modules,
            "rss_mb": peak_rss_mb(),
        }
    )
    serve_ops({name: (lambda name=name: run(name)) for name in work})


if __name__ == "__main__":
    main()
