"""The benchmark's shared workload: texts, forced output lengths, and the forcing wrappers.

Random weights stop at random lengths, so every arm decodes exactly `TOKENS_PER_SENTENCE`
tokens per sentence (min == max) with the model's own beam count; the seed's single call on
a whole paragraph decodes the sum over its sentences. Equal work, whatever the weights say.
Nothing here imports torch, transformers or ctranslate2.
"""

from __future__ import annotations

import json
import os
import random
import time
from pathlib import Path
from typing import Any

# Output tokens per sentence, identical for every arm. An opus-mt English translation of a
# 12-16 word Chinese sentence is about this long.
TOKENS_PER_SENTENCE = 20
PARAGRAPH_SENTENCES = 5
BATCH_SENTENCES = 16
EN_ZH_TOKEN = ">>cmn_Hans<<"
MARKER = "@@"  # prefix of protocol lines on a worker's stdout (libraries print too)


def _sentences(words: list[str], joiner: str, end: str, count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out: list[str] = []
    while len(out) < count:
        sentence = joiner.join(rng.choice(words) for _ in range(rng.randint(10, 14))) + end
        if sentence not in out:  # unique, or the translator would deduplicate them
            out.append(sentence)
    return out


def zh_sentences(count: int, seed: int = 11) -> list[str]:
    from tests.support.tiny_models import ZH_WORDS

    return _sentences(list(ZH_WORDS), "", "。", count, seed)


def en_sentences(count: int, seed: int = 12) -> list[str]:
    from tests.support.tiny_models import EN_WORDS

    return [s[0].upper() + s[1:] for s in _sentences(list(EN_WORDS), " ", ".", count, seed)]


def workload() -> dict[str, Any]:
    """What each operation sends: zh→en, the direction the extension's tooltip uses most."""
    zh = zh_sentences(1 + PARAGRAPH_SENTENCES + BATCH_SENTENCES)
    return {
        "one": {"texts": [zh[0]], "sentences": 1},
        "para": {
            "texts": ["".join(zh[1 : 1 + PARAGRAPH_SENTENCES])],
            "sentences": PARAGRAPH_SENTENCES,
        },
        "batch16": {"texts": zh[1 + PARAGRAPH_SENTENCES :], "sentences": BATCH_SENTENCES},
        "en_one": {"texts": en_sentences(1), "sentences": 1},
    }


class ForcedCT2:
    """Wraps a ctranslate2.Translator: every sentence decodes exactly `tokens` steps."""

    def __init__(self, inner: Any, tokens: int) -> None:
        self._inner = inner
        self._tokens = tokens

    def translate_batch(self, source: Any, *args: Any, **kwargs: Any) -> Any:
        kwargs["min_decoding_length"] = self._tokens
        kwargs["max_decoding_length"] = self._tokens
        return self._inner.translate_batch(source, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


class ForcedGenerate:
    """Wraps a transformers model: every generate call decodes exactly `tokens` new tokens."""

    def __init__(self, inner: Any, tokens: int) -> None:
        self._inner = inner
        self._tokens = tokens

    def generate(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["min_new_tokens"] = self._tokens
        kwargs["max_new_tokens"] = self._tokens
        kwargs.pop("max_time", None)  # a deadline must not cut the forced work short
        return self._inner.generate(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def force_backend(backend: Any, tokens: int = TOKENS_PER_SENTENCE) -> Any:
    """Force the output length of a service backend (either engine), in place."""
    if hasattr(backend, "translator"):  # CTranslate2Backend
        backend.translator = ForcedCT2(backend.translator, tokens)
    else:  # TransformersBackend
        backend.model = ForcedGenerate(backend.model, tokens)
    return backend


def peak_rss_mb(pid: int | str = "self") -> float:
    """VmHWM (peak resident set) of a process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM")


def emit(payload: dict[str, Any]) -> None:
    print(MARKER + json.dumps(payload), flush=True)


def now() -> float:
    """CLOCK_MONOTONIC: comparable across processes on Linux."""
    return time.monotonic()


def serve_ops(handlers: dict[str, Any]) -> None:
    """A worker's loop: one JSON op per stdin line, one timed JSON answer per op."""
    import sys

    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        op = request.pop("op")
        if op == "quit":
            break
        if op == "rss":
            emit({"rss_mb": peak_rss_mb()})
            continue
        started = time.perf_counter()
        handlers[op](**request)
        emit({"s": time.perf_counter() - started})


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("PYTHONPATH", str(Path(__file__).resolve().parent.parent))
    env["TOKENIZERS_PARALLELISM"] = "false"
    env["HF_HUB_OFFLINE"] = "1"
    env["TRANSFORMERS_VERBOSITY"] = "error"
    env["HF_HUB_DISABLE_PROGRESS_BARS"] = "1"
    env.update(extra or {})
    return env
