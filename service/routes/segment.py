"""POST /segment."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from service.dependencies import SettingsDep, require_api_key
from service.engines.segmenter import segment as segment_text
from service.request_context import timed
from service.routes.responses import declare
from service.routes.text_limits import check_length
from service.schemas import SegmentRequest, SegmentResponse, SegmentSummary, Token

router = APIRouter(tags=["segment"], dependencies=[Depends(require_api_key)])


@router.post("/segment", responses=declare(401, 413, 422, 500))
def segment(request: SegmentRequest, settings: SettingsDep) -> SegmentResponse:
    """Split Chinese text into words, each with pinyin, HSK level and English glosses."""
    check_length(request.text, settings.max_text_chars)
    with timed("segment"):
        result = segment_text(request.text, request.hsk, request.pos)
    return SegmentResponse(
        tokens=[
            Token(
                text=w.text,
                start=w.start,
                end=w.end,
                is_chinese=w.is_chinese,
                pinyin=w.pinyin,
                hsk_level=w.hsk_level,
                glosses=w.glosses,
                pos=w.pos,
            )
            for w in result.words
        ],
        summary=SegmentSummary(
            words=sum(1 for w in result.words if w.is_chinese),
            by_level=result.by_level,
            level=result.level,
            standard=request.hsk,
        ),
    )
