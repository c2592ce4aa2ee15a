"""POST /segment and POST /segment/batch."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from service.annotation.segmenter import Segmentation, Segmenter
from service.common.timing import phase
from service.dependencies import SegmenterDep, SettingsDep, require_api_key
from service.errors import InputError
from service.routes.responses import declare
from service.routes.text_limits import check_length
from service.schemas import (
    SegmentBatchRequest,
    SegmentBatchResponse,
    SegmentOptions,
    SegmentRequest,
    SegmentResponse,
    SegmentSummary,
    Token,
)

router = APIRouter(tags=["segment"], dependencies=[Depends(require_api_key)])


@router.post("/segment", responses=declare(401, 413, 422, 500))
def segment(
    request: SegmentRequest, settings: SettingsDep, segmenter: SegmenterDep
) -> SegmentResponse:
    """Split Chinese text into words, each with its reading in context, HSK level and senses."""
    check_length(request.text, settings.max_text_chars)
    with phase("segment"):
        return _response(_segment(segmenter, request.text, request), request)


@router.post("/segment/batch", responses=declare(401, 413, 422, 500))
def segment_batch(
    request: SegmentBatchRequest, settings: SettingsDep, segmenter: SegmenterDep
) -> SegmentBatchResponse:
    """`/segment` for several texts with the same options (a page's paragraphs), in order."""
    if len(request.texts) > settings.max_batch_items:
        raise InputError(
            422,
            f"{len(request.texts)} texts in one request; the limit is "
            f"{settings.max_batch_items} (MAX_BATCH_ITEMS).",
        )
    for text in request.texts:
        check_length(text, settings.max_text_chars)
    with phase("segment"):
        results = [_segment(segmenter, text, request) for text in request.texts]
    return SegmentBatchResponse(results=[_response(r, request) for r in results])


def _segment(segmenter: Segmenter, text: str, options: SegmentOptions) -> Segmentation:
    return segmenter.segment(
        text, options.hsk, options.pos, options.script, options.zhuyin, options.sandhi
    )


def _response(result: Segmentation, options: SegmentOptions) -> SegmentResponse:
    return SegmentResponse(
        tokens=[Token.model_validate(word, from_attributes=True) for word in result.words],
        summary=SegmentSummary(
            words=sum(1 for w in result.words if w.is_chinese),
            by_level=result.by_level,
            level=result.level,
            standard=options.hsk,
            script=result.script,
        ),
    )
