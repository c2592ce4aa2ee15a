"""Shared fixtures: a private model cache, tiny real MarianMT models, the app with settings."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

# Before anything imports huggingface_hub: a private cache, and no hub traffic from tests.
os.environ["HF_HOME"] = tempfile.mkdtemp(prefix="hanzi-test-hf-")
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import pytest

from tests.support.tiny_models import build_tiny_models


@pytest.fixture(scope="session")
def tiny_models(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_tiny_models(tmp_path_factory.mktemp("tiny-models"))


@pytest.fixture
def configure(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """Set service settings for one test; the cached settings and engines are rebuilt."""
    from service.dependencies import get_registry, get_segmenter
    from service.settings import get_settings

    def apply(**env: str) -> None:
        for key, value in env.items():
            monkeypatch.setenv(key.upper(), value)
        get_settings.cache_clear()
        get_registry.cache_clear()
        get_segmenter.cache_clear()

    apply()
    yield apply
    monkeypatch.undo()
    get_settings.cache_clear()
    get_registry.cache_clear()
    get_segmenter.cache_clear()
