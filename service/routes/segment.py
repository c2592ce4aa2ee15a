"""POST /segment."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from service.common.timing import phase
from service.dependencies import SegmenterDep, SettingsDep, require_api_key
from service.routes.responses import declare
from service.routes.text_limits import check_length
from service.schemas import SegmentRequest, SegmentResponse, SegmentSummary, Token

router = APIRouter(tags=["segment"], dependencies=[Depends(require_api_key)])


@router.post("/segment", responses=declare(401, 413, 422, 500))
def segment(
    request: SegmentRequest, settings: SettingsDep, segmenter: SegmenterDep
) -> SegmentResponse:
    """Split Chinese text into words, each with its reading in context, HSK level and senses."""
    check_length(request.text, settings.max_text_chars)
    with phase("segment"):
        result = segmenter.segment(
            request.text, request.hsk, request.pos, request.script, request.zhuyin
        )
    return SegmentResponse(
        tokens=[Token.model_validate(word, from_attributes=True) for word in result.words],
        summary=SegmentSummary(
            words=sum(1 for w in result.words if w.is_chinese),
            by_level=result.by_level,
            level=result.level,
            standard=request.hsk,
            script=result.script,
        ),
    )
