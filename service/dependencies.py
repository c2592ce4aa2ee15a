"""Cached providers that hand engines to routes; each is built once per process, lazily."""

from __future__ import annotations

import hmac
from functools import lru_cache
from typing import Annotated

from fastapi import Depends, Security
from fastapi.security import APIKeyHeader

from service.annotation.segmenter import Segmenter
from service.errors import InputError
from service.settings import Settings, get_settings
from service.translation.pipeline import TranslationService
from service.translation.translator import TranslatorRegistry


@lru_cache
def get_registry() -> TranslatorRegistry:
    return TranslatorRegistry(get_settings())


def get_translation_service() -> TranslationService:
    # Not cached itself: it holds nothing but the cached registry and settings.
    return TranslationService(get_registry(), get_settings())


@lru_cache
def get_segmenter() -> Segmenter:
    return Segmenter(get_settings().data_cache_path())


async def current_settings() -> Settings:
    """`get_settings` for routes: an async dependency runs on the event loop, where a sync one
    costs a worker-thread hop per request (~0.15 ms each on two busy cores)."""
    return get_settings()


SettingsDep = Annotated[Settings, Depends(current_settings)]
RegistryDep = Annotated[TranslatorRegistry, Depends(get_registry)]
TranslationServiceDep = Annotated[TranslationService, Depends(get_translation_service)]
SegmenterDep = Annotated[Segmenter, Depends(get_segmenter)]

_api_key_header = APIKeyHeader(
    name="X-API-Key", auto_error=False, description="Required when the server sets API_KEYS."
)


async def require_api_key(  # async: no thread hop (see current_settings)
    settings: SettingsDep, supplied: Annotated[str | None, Security(_api_key_header)]
) -> None:
    keys = settings.api_key_set
    if not keys:
        return
    # Compare against every key so the time taken does not reveal which one matched.
    matched = False
    for key in keys:
        matched |= hmac.compare_digest((supplied or "").encode(), key.encode())
    if not matched:
        raise InputError(401, "Missing or invalid API key: send it in the X-API-Key header.")
