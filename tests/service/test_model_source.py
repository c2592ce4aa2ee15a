"""Which files a hub download fetches: one weight format when a repository has both."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from huggingface_hub.hf_api import ModelInfo
from huggingface_hub.utils._paths import filter_repo_objects  # what snapshot_download applies

from service.translation import model_source

# The layout of Helsinki-NLP/opus-mt-* repositories: both weight formats, and other frameworks'.
BOTH_FORMATS = [
    ".gitattributes", "README.md", "config.json", "generation_config.json", "metadata.json",
    "model.safetensors", "pytorch_model.bin", "rust_model.ot", "tf_model.h5",
    "source.spm", "target.spm", "tokenizer_config.json", "vocab.json",
]  # fmt: skip
CONFIG_FILES = {
    "config.json", "generation_config.json", "metadata.json", "source.spm", "target.spm",
    "tokenizer_config.json", "vocab.json",
}  # fmt: skip


def _fetched(repo_files: list[str]) -> set[str]:
    """The files snapshot_download fetches, filtered the way huggingface_hub filters them."""
    patterns = model_source.download_patterns(repo_files)
    return set(filter_repo_objects(repo_files, allow_patterns=patterns))


def test_both_formats_fetch_safetensors_only() -> None:
    assert _fetched(BOTH_FORMATS) == CONFIG_FILES | {"model.safetensors"}


def test_pytorch_bin_alone_is_fetched() -> None:
    files = [f for f in BOTH_FORMATS if f != "model.safetensors"]
    assert _fetched(files) == CONFIG_FILES | {"pytorch_model.bin"}


def test_a_repository_without_weights_fetches_no_weights() -> None:
    files = [f for f in BOTH_FORMATS if f not in model_source.WEIGHT_FILES]
    assert _fetched(files) == CONFIG_FILES


def test_hub_download_asks_for_one_format(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """_hub_snapshot lists the repository, then downloads with those patterns."""
    import huggingface_hub

    commit = "c" * 40
    info = ModelInfo(  # type: ignore[no-untyped-call]
        id="org/model", sha=commit, siblings=[{"rfilename": f} for f in BOTH_FORMATS]
    )
    calls: list[dict[str, Any]] = []

    def snapshot_download(repo_id: str, **kwargs: Any) -> str:
        calls.append(kwargs)
        if kwargs.get("local_files_only"):
            raise huggingface_hub.errors.LocalEntryNotFoundError("not cached")
        return str(tmp_path)

    monkeypatch.setattr(huggingface_hub.HfApi, "model_info", lambda self, repo_id: info)
    monkeypatch.setattr(huggingface_hub, "snapshot_download", snapshot_download)

    assert model_source._hub_snapshot("org/model", force=False) == tmp_path
    download = calls[-1]
    # The branch, not the listed commit: only a branch download records refs/main, which the
    # offline lookup of every later cold start needs.
    assert download.get("revision") in (None, "main")
    fetched = set(filter_repo_objects(BOTH_FORMATS, allow_patterns=download["allow_patterns"]))
    assert fetched == CONFIG_FILES | {"model.safetensors"}
