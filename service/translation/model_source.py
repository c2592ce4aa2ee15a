"""Find a model's files: a local directory as given, or a hub snapshot in the HF cache.

The hub's own cache is the store (on Lambda: EFS under HF_HOME). Downloads are atomic in
huggingface_hub (blobs are written as *.incomplete and renamed), so a killed download never
leaves a file that looks complete; a cached file that is nevertheless broken (its content no
longer matches the checksum the hub named it by: `damaged_files`) is fetched again once
(`refetch`), and a failure is reported as ModelUnavailable, never cached for good.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

# What a MarianMT translation model needs; weights in either format, safetensors preferred
# (no pickle; transformers loads it first anyway).
REQUIRED_FILES = ("config.json", "source.spm", "target.spm", "vocab.json")
WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin")
CONFIG_PATTERNS = ["*.json", "*.spm"]
HUB_PATTERNS = [*CONFIG_PATTERNS, *WEIGHT_FILES]


class ModelUnavailable(Exception):
    """The model cannot be had right now; the message names the model and its setting."""

    def __init__(self, model: str, setting: str, reason: str) -> None:
        super().__init__(
            f"Translation model '{model}' is not available ({reason}). "
            f"Set {setting} to a hub id or a local model directory."
        )
        self.model = model
        self.setting = setting
        self.reason = reason


@dataclass(frozen=True)
class ModelFiles:
    directory: Path
    from_hub: bool
    revision: str  # hub commit hash, or a fingerprint of the local files


def looks_like_path(spec: str) -> bool:
    return spec.startswith(("/", ".", "~")) or Path(spec).expanduser().is_dir()


def missing_files(directory: Path) -> list[str]:
    missing = [name for name in REQUIRED_FILES if not (directory / name).is_file()]
    if not any((directory / name).is_file() for name in WEIGHT_FILES):
        missing.append(" or ".join(WEIGHT_FILES))
    return missing


def _local_fingerprint(directory: Path) -> str:
    stats = []
    for name in sorted(p.name for p in directory.iterdir() if p.is_file()):
        stat = (directory / name).stat()
        stats.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("|".join(stats).encode()).hexdigest()[:16]


def download_patterns(repo_files: Iterable[str]) -> list[str]:
    """What to fetch from a repository holding `repo_files`: one weight format, not both
    (opus-mt repositories can carry ~300 MB of each)."""
    present = set(repo_files)
    weights = next((name for name in WEIGHT_FILES if name in present), None)
    return [*CONFIG_PATTERNS, *([weights] if weights else [])]


def _git_blob_sha1(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def _matches_checksum(path: Path) -> bool:
    """A hub cache file is a link to blobs/<etag>: the sha256 of an LFS file (the weights,
    64 hex digits) or the git blob hash of a small one (40). A file with no such name
    cannot be checked and counts as damaged."""
    etag = path.resolve().name
    if not re.fullmatch(r"[0-9a-f]{40}|[0-9a-f]{64}", etag):
        return False
    if len(etag) == 40:
        return _git_blob_sha1(path.read_bytes()) == etag
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest() == etag


def damaged_files(snapshot: Path) -> list[str]:
    """Files of a hub snapshot whose content differs from what the hub served."""
    return sorted(p.name for p in snapshot.iterdir() if p.is_file() and not _matches_checksum(p))


def _hub_snapshot(repo_id: str, *, force: bool) -> Path:
    from huggingface_hub import HfApi, snapshot_download

    if not force:
        try:  # a cold start with a warm cache makes no network call
            return Path(
                snapshot_download(repo_id, allow_patterns=HUB_PATTERNS, local_files_only=True)
            )
        except Exception:  # noqa: BLE001 - not cached yet: download below
            pass
    log.info("downloading model", extra={"model": repo_id, "force": force})
    # The file list first, so the snapshot holds one weight format. No revision pin: asking
    # for the branch is what records refs/main, by which later cold starts find the snapshot
    # offline (the weights-missing check above catches a repository changed in between).
    info = HfApi().model_info(repo_id)
    patterns = download_patterns(sibling.rfilename for sibling in info.siblings or ())
    return Path(snapshot_download(repo_id, allow_patterns=patterns, force_download=force))


def locate(spec: str, setting: str, *, refetch: bool = False) -> ModelFiles:
    """Resolve a hub id or directory to complete model files, or raise ModelUnavailable."""
    if looks_like_path(spec):
        directory = Path(spec).expanduser()
        if not directory.is_dir():
            raise ModelUnavailable(spec, setting, "directory not found")
        missing = missing_files(directory)
        if missing:
            raise ModelUnavailable(spec, setting, "missing " + ", ".join(missing))
        return ModelFiles(directory, from_hub=False, revision=_local_fingerprint(directory))
    try:
        directory = _hub_snapshot(spec, force=refetch)
    except PermissionError as exc:
        raise ModelUnavailable(spec, setting, f"model cache not writable: {exc}") from exc
    except Exception as exc:
        first_line = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise ModelUnavailable(
            spec, setting, f"cannot download from the hub: {first_line}"
        ) from exc
    missing = missing_files(directory)
    if missing:
        if not refetch:
            return locate(spec, setting, refetch=True)
        raise ModelUnavailable(spec, setting, "hub snapshot lacks " + ", ".join(missing))
    return ModelFiles(directory, from_hub=True, revision=directory.name)
