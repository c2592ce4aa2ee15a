"""Every setting of the service, read from the environment in this one place."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Environment variables (case-insensitive); see the README's settings table."""

    model_config = SettingsConfigDict(case_sensitive=False, extra="ignore")

    translate_model_zh_en: str = Field(
        "Helsinki-NLP/opus-mt-zh-en", description="Hub id or local directory for zh→en."
    )
    translate_model_en_zh: str = Field(
        "Helsinki-NLP/opus-mt-en-zh", description="Hub id or local directory for en→zh."
    )
    translate_engine: Literal["ctranslate2", "transformers"] = Field(
        "ctranslate2",
        description="Inference engine; ctranslate2 converts the same weights on first load.",
    )
    translate_compute_type: Literal["int8", "float32"] = Field(
        "int8",
        description=(
            "Weights as stored by the conversion: int8 (default; ~4x smaller, faster, slightly "
            "lossy) or float32 (exactly the published weights). ctranslate2 only."
        ),
    )
    translate_num_beams: int | None = Field(
        None, ge=1, le=8, description="Beam count; empty keeps the model's own (lossless)."
    )
    translate_batch_size: int = Field(16, ge=1, le=64, description="Sentences per generate call.")
    translate_threads: int = Field(
        0, ge=0, le=64, description="Inference threads; 0 = the CPUs this process may use."
    )
    translate_cache_size: int = Field(
        1024, ge=0, description="Translated sentences kept in a per-process LRU cache."
    )
    translate_deadline_s: float = Field(
        25.0, gt=0, description="A translation still running after this answers 504."
    )
    translate_loop_guard: Literal["trim", "retry", "off"] = Field(
        "trim",
        description=(
            "Runaway output: a piece of up to 6 characters or a word 4 times in a row is cut to "
            "one (trim), decoded again without repeated 3-grams and then cut (retry), or kept."
        ),
    )
    max_text_chars: int = Field(5000, ge=1, description="Longest accepted text, in characters.")
    max_batch_items: int = Field(
        32,
        ge=1,
        description="Most strings in one /translate list or /segment/batch request.",
    )
    max_body_bytes: int = Field(
        262_144, ge=1024, description="Largest request body; bigger is refused before reading."
    )
    model_retry_after_s: int = Field(
        30, ge=1, description="Retry-After sent with a 503 while a model is unavailable."
    )
    api_keys: str = Field("", description="Comma-separated keys; empty disables the key check.")
    hf_home: str | None = Field(None, description="Hugging Face cache root (EFS on Lambda).")
    data_cache_dir: str | None = Field(
        None,
        # LEXICON_CACHE_DIR is the name it had before it held more than the lexicon.
        validation_alias=AliasChoices("data_cache_dir", "lexicon_cache_dir"),
        description=(
            "Where the dictionary and POS-weight SQLite files are built; "
            "default ~/.cache/hanzi-lambda. The old name LEXICON_CACHE_DIR still works."
        ),
    )
    log_level: str = Field("INFO", description="Python logging level.")

    @field_validator("translate_num_beams", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        return None if value == "" else value

    @property
    def api_key_set(self) -> frozenset[str]:
        return frozenset(k.strip() for k in self.api_keys.split(",") if k.strip())

    def data_cache_path(self) -> Path:
        if self.data_cache_dir:
            return Path(self.data_cache_dir)
        return Path.home() / ".cache" / "hanzi-lambda"

    def inference_threads(self) -> int:
        """Threads for inference: the setting, else the CPUs this process may run on."""
        if self.translate_threads:
            return self.translate_threads
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except AttributeError:  # not on Linux
            return max(1, os.cpu_count() or 1)


@lru_cache
def get_settings() -> Settings:
    return Settings()
