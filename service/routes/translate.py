"""POST /translate."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from service.dependencies import TranslationServiceDep, require_api_key
from service.routes.responses import declare
from service.schemas import TranslateRequest, TranslateResponse

router = APIRouter(tags=["translate"], dependencies=[Depends(require_api_key)])


@router.post("/translate", responses=declare(401, 413, 422, 503, 504, 500))
def translate(request: TranslateRequest, service: TranslationServiceDep) -> TranslateResponse:
    """Translate Chinese to English or English to Chinese; long text is split into sentences."""
    result = service.translate(request.texts(), request.source, request.target, request.script)
    return TranslateResponse(
        translations=result.translations,
        source=result.source,
        target=result.target,
        model=result.model,
        source_script=result.source_script,
    )
