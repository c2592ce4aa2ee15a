"""Translation: sentence splitting, batched generation, a bounded cache, lazy model loading.

One `Translator` per direction, created on first use by `TranslatorRegistry` under a lock, so
two concurrent first requests cause one load. A failed load is remembered only for /health:
the next request tries again. `DIRECTIONS` is the one list of supported directions.
"""

from __future__ import annotations

import logging
import re
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from cachetools import LRUCache

from service.settings import Settings
from service.translation.backends import (
    Backend,
    CTranslate2Backend,
    TransformersBackend,
    TranslationTimeout,
    convert_to_ctranslate2,
)
from service.translation.loop_guard import (
    RETRY_NO_REPEAT_NGRAM,
    LoopGuardMode,
    Redecode,
    guard_outputs,
)
from service.translation.model_source import ModelFiles, ModelUnavailable, damaged_files, locate
from service.translation.sentences import split_sentences

log = logging.getLogger(__name__)


Language = Literal["zh", "en"]


@dataclass(frozen=True)
class DirectionSpec:
    source: Language
    target: Language
    setting: str  # the environment variable that names the model, for messages
    model: Callable[[Settings], str]  # reads that setting, typed
    # The target-language token put before each sentence, only when the model's vocabulary
    # has it: opus-mt-en-zh wants >>cmn_Hans<<; a model with several target languages (such as
    # opus-mt-tc-bible-big-zhx-deu_eng_fra_por_spa) >>eng<<. A single-target model's vocabulary
    # has no such token (opus-mt-zh-en), and then nothing is added.
    language_token: str | None


DIRECTIONS: dict[str, DirectionSpec] = {
    "zh-en": DirectionSpec(
        "zh", "en", "TRANSLATE_MODEL_ZH_EN", lambda s: s.translate_model_zh_en, ">>eng<<"
    ),
    "en-zh": DirectionSpec(
        "en", "zh", "TRANSLATE_MODEL_EN_ZH", lambda s: s.translate_model_en_zh, ">>cmn_Hans<<"
    ),
}

__all__ = ["DIRECTIONS", "TranslationTimeout", "Translator", "TranslatorRegistry"]


class Translator:
    def __init__(
        self,
        model: str,
        backend: Backend,
        *,
        batch_size: int,
        cache_size: int,
        loop_guard: LoopGuardMode = "trim",
    ) -> None:
        self.model = model
        self.backend = backend
        self.batch_size = batch_size
        self.loop_guard = loop_guard
        self._cache: LRUCache[str, str] | None = LRUCache(cache_size) if cache_size else None
        self._cache_lock = threading.Lock()
        self._seconds_per_sentence: float | None = None  # of the last batch

    def _next_batch_size(self, deadline: float) -> int:
        """The configured size, smaller once the deadline is nearer than two such batches.

        A batch still running at the deadline is abandoned but finishes in the background,
        so short batches near the end keep that leftover work short.
        """
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TranslationTimeout
        if not self._seconds_per_sentence:
            return self.batch_size
        fits = int(remaining / (2 * self._seconds_per_sentence))
        return max(1, min(self.batch_size, fits))

    def _cached(self, sentence: str) -> str | None:
        if self._cache is None:
            return None
        with self._cache_lock:
            return self._cache.get(sentence)

    def _remember(self, sentence: str, translation: str) -> None:
        if self._cache is not None:
            with self._cache_lock:
                self._cache[sentence] = translation

    def translate_sentences(self, sentences: list[str], deadline: float) -> dict[str, str]:
        """Translate unique sentences in batches of similar length; cached ones are reused."""
        done: dict[str, str] = {}
        todo: list[str] = []
        for sentence in dict.fromkeys(sentences):
            hit = self._cached(sentence)
            if hit is None:
                todo.append(sentence)
            else:
                done[sentence] = hit
        todo.sort(key=len)  # similar lengths share a batch: less padding
        start = 0
        while start < len(todo):
            batch = todo[start : start + self._next_batch_size(deadline)]
            start += len(batch)
            began = time.monotonic()
            outputs = self.backend.translate(batch, deadline=deadline)
            self._seconds_per_sentence = (time.monotonic() - began) / len(batch)
            outputs = guard_outputs(batch, outputs, self.loop_guard, self._redecoder(deadline))
            for sentence, translation in zip(batch, outputs, strict=True):
                done[sentence] = translation
                self._remember(sentence, translation)
        return done

    def _redecoder(self, deadline: float) -> Redecode:
        def redecode(sentences: list[str]) -> list[str]:
            return self.backend.translate(
                sentences, deadline=deadline, no_repeat_ngram_size=RETRY_NO_REPEAT_NGRAM
            )

        return redecode

    def translate(self, texts: list[str], target: str, deadline: float) -> list[str]:
        splits = [split_sentences(text) for text in texts]
        translated = self.translate_sentences(
            [s for split in splits for s in split.sentences], deadline
        )
        return [split.join([translated[s] for s in split.sentences], target) for split in splits]


def _slug(spec: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "--", spec.strip("/"))[-80:]


class TranslatorRegistry:
    """Lazily loads one translator per direction; thread-safe; failures are retried."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._translators: dict[str, Translator] = {}
        self._errors: dict[str, str] = {}
        self._locks = {direction: threading.Lock() for direction in DIRECTIONS}
        self.load_counts = dict.fromkeys(DIRECTIONS, 0)
        self.load_seconds: dict[str, float] = {}

    def model_spec(self, direction: str) -> str:
        return self.model_spec_for(DIRECTIONS[direction])

    def model_spec_for(self, spec: DirectionSpec) -> str:
        return spec.model(self.settings)

    def compute_type(self) -> str:
        """The weight precision in use: the transformers engine always runs float32."""
        if self.settings.translate_engine == "transformers":
            return "float32"
        return self.settings.translate_compute_type

    def is_loaded(self, direction: str) -> bool:
        return direction in self._translators

    def last_error(self, direction: str) -> str | None:
        return self._errors.get(direction)

    def get(self, direction: str) -> Translator:
        translator = self._translators.get(direction)
        if translator is not None:
            return translator
        with self._locks[direction]:
            translator = self._translators.get(direction)
            if translator is None:
                translator = self._load(direction)
                self._translators[direction] = translator
        return translator

    def _load(self, direction: str) -> Translator:
        spec = DIRECTIONS[direction]
        model = self.model_spec(direction)
        started = time.perf_counter()
        self.load_counts[direction] += 1
        try:
            backend = self._load_backend(model, spec)
        except ModelUnavailable as exc:
            self._errors[direction] = exc.reason
            log.warning("model unavailable", extra={"direction": direction, "reason": exc.reason})
            raise
        self._errors.pop(direction, None)
        self.load_seconds[direction] = time.perf_counter() - started
        log.info(
            "model loaded",
            extra={"direction": direction, "model": model, "seconds": self.load_seconds[direction]},
        )
        return Translator(
            model,
            backend,
            batch_size=self.settings.translate_batch_size,
            cache_size=self.settings.translate_cache_size,
            loop_guard=self.settings.translate_loop_guard,
        )

    def _load_backend(self, model: str, spec: DirectionSpec) -> Backend:
        files = locate(model, spec.setting)
        try:
            return self._open(files, spec)
        except ModelUnavailable:
            raise
        except Exception as exc:
            # Download again only what the hub's own checksums say is damaged: a converter
            # crash on intact files would fail the same way after a full re-download.
            damaged = damaged_files(files.directory) if files.from_hub else []
            log.warning(
                "model files broken",
                extra={"model": model, "error": repr(exc), "damaged": damaged},
            )
            if not damaged:
                raise ModelUnavailable(model, spec.setting, f"cannot load: {exc}") from exc
        try:
            return self._open(locate(model, spec.setting, refetch=True), spec)
        except ModelUnavailable:
            raise
        except Exception as exc:
            raise ModelUnavailable(model, spec.setting, f"cannot load: {exc}") from exc

    def _open(self, files: ModelFiles, spec: DirectionSpec) -> Backend:
        settings = self.settings
        if settings.translate_engine == "transformers":
            return TransformersBackend(
                files.directory,
                threads=settings.inference_threads(),
                num_beams=settings.translate_num_beams,
                language_token=spec.language_token,
            )
        ct2_dir = self.converted_dir(files)
        try:
            convert_to_ctranslate2(files.directory, ct2_dir, settings.translate_compute_type)
        except OSError as exc:
            # Read-only, full or not a directory: say it is the cache, not the model.
            if not str(exc.filename or "").startswith(str(self.cache_root())):
                raise
            raise ModelUnavailable(
                self.model_spec_for(spec),
                spec.setting,
                f"model cache {self.cache_root()} not writable: {exc.strerror or exc}",
            ) from exc
        try:
            return self._ct2(ct2_dir, spec)
        except Exception:  # noqa: BLE001 - a corrupt conversion: redo it once
            shutil.rmtree(ct2_dir, ignore_errors=True)
            convert_to_ctranslate2(files.directory, ct2_dir, settings.translate_compute_type)
            return self._ct2(ct2_dir, spec)

    def converted_dir(self, files: ModelFiles) -> Path:
        """Where the CTranslate2 conversion of these files lives: the model cache (EFS)."""
        # A hub snapshot sits at models--org--name/snapshots/<commit>: name it by the repo.
        source = files.directory.parent.parent.name if files.from_hub else str(files.directory)
        name = f"{_slug(source)}-{files.revision[:12]}-{self.settings.translate_compute_type}"
        return self.cache_root() / "ctranslate2" / name

    def _ct2(self, ct2_dir: Path, spec: DirectionSpec) -> CTranslate2Backend:
        return CTranslate2Backend(
            ct2_dir,
            threads=self.settings.inference_threads(),
            num_beams=self.settings.translate_num_beams,
            compute_type=self.settings.translate_compute_type,
            language_token=spec.language_token,
        )

    def cache_root(self) -> Path:
        if self.settings.hf_home:
            return Path(self.settings.hf_home)
        from huggingface_hub import constants

        return Path(constants.HF_HOME)
