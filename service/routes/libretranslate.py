"""A LibreTranslate-compatible API under /libretranslate: POST translate and detect, GET languages.

A LibreTranslate client's base URL is `<api>/libretranslate/`. Errors are `{"error": ...}`
(see `libretranslate_io`); limits, deadlines and 503s are those of /translate.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool

from service.dependencies import SettingsDep, TranslationServiceDep
from service.libretranslate_schemas import (
    DetectedLanguage,
    LibreDetectRequest,
    LibreLanguage,
    LibreTranslateRequest,
    LibreTranslateResponse,
    form_and_json_body,
)
from service.routes.libretranslate_io import LibreRoute, check_key, declare, parse, read_fields

if TYPE_CHECKING:
    from service.translation.libretranslate import LibreTranslate

# service.translation.libretranslate is imported on first use: it brings Beautiful Soup and
# soupsieve (~0.15 s), which process start → first /segment or /translate should not pay.

router = APIRouter(tags=["libretranslate"], route_class=LibreRoute)


def get_libretranslate(service: TranslationServiceDep) -> LibreTranslate:
    from service.translation.libretranslate import LibreTranslate

    return LibreTranslate(service)


LibreDep = Annotated["LibreTranslate", Depends(get_libretranslate)]


@router.post(
    "/translate",
    response_model_exclude_none=True,
    openapi_extra=form_and_json_body(LibreTranslateRequest),
    responses=declare(400, 403, 413, 429, 503, 504, 500),
)
async def translate(
    request: Request, settings: SettingsDep, libre: LibreDep
) -> LibreTranslateResponse:
    """Translate text or HTML (LibreTranslate's POST /translate), JSON or form-encoded."""
    fields = await read_fields(request)
    check_key(fields, request, settings)
    asked = parse(LibreTranslateRequest, fields)
    texts = asked.texts()
    result = await run_in_threadpool(
        libre.translate, texts, asked.source, asked.target, asked.format
    )
    single = isinstance(asked.q, str)
    found = [DetectedLanguage(**vars(d)) for d in result.detected] if result.detected else None
    return LibreTranslateResponse(
        translated_text=result.texts[0] if single else result.texts,
        detected_language=(found[0] if single else found) if found else None,
        alternatives=(([] if single else [[] for _ in texts]) if asked.alternatives else None),
    )


@router.get("/languages", responses=declare(500))
def list_languages() -> list[LibreLanguage]:
    """The languages and their targets (LibreTranslate's GET /languages); needs no key."""
    from service.translation.libretranslate import languages

    return [LibreLanguage(code=c, name=n, targets=list(t)) for c, n, t in languages()]


@router.post(
    "/detect",
    openapi_extra=form_and_json_body(LibreDetectRequest),
    responses=declare(400, 403, 413, 429, 500),
)
async def detect_language(request: Request, settings: SettingsDep) -> list[DetectedLanguage]:
    """The language of a text, most likely first (LibreTranslate's POST /detect)."""
    fields = await read_fields(request)
    check_key(fields, request, settings)
    asked = parse(LibreDetectRequest, fields)
    from service.translation.libretranslate import detect

    return [DetectedLanguage(**vars(d)) for d in detect(asked.q)]
