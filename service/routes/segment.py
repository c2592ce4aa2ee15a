"""POST /segment and POST /segment/batch.

The answer is written as JSON here, from plain dicts in the response models' field order,
and returned as a `Response`: validating every word into a `Token` (from its attributes)
and FastAPI validating the result once more cost about a quarter of a ten-sentence
request. The bytes are those FastAPI would send (pydantic's serializer; a test compares).
"""

from __future__ import annotations

from typing import Any

import pydantic_core
from fastapi import APIRouter, Depends, Response

from service.annotation.segmenter import Segmentation, Segmenter, Word
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
    Token,
)

router = APIRouter(tags=["segment"], dependencies=[Depends(require_api_key)])


@router.post("/segment", response_model=SegmentResponse, responses=declare(401, 413, 422, 500))
def segment(request: SegmentRequest, settings: SettingsDep, segmenter: SegmenterDep) -> Response:
    """Split Chinese text into words, each with its reading in context, HSK level and senses."""
    check_length(request.text, settings.max_text_chars)
    with phase("segment"):
        return _json(_response(_segment(segmenter, request.text, request), request))


@router.post(
    "/segment/batch", response_model=SegmentBatchResponse, responses=declare(401, 413, 422, 500)
)
def segment_batch(
    request: SegmentBatchRequest, settings: SettingsDep, segmenter: SegmenterDep
) -> Response:
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
    return _json({"results": [_response(r, request) for r in results]})


def _segment(segmenter: Segmenter, text: str, options: SegmentOptions) -> Segmentation:
    return segmenter.segment(
        text, options.hsk, options.pos, options.script, options.zhuyin, options.sandhi
    )


def _json(content: dict[str, Any]) -> Response:
    return Response(pydantic_core.to_json(content), media_type="application/json")


def _response(result: Segmentation, options: SegmentOptions) -> dict[str, Any]:
    """`SegmentResponse`'s content as a dict, its keys in the model's field order."""
    chinese = sum(1 for w in result.words if w.is_chinese)
    summary = {
        "words": chinese,
        "by_level": result.by_level,
        "level": result.level,
        "standard": options.hsk,
        "script": result.script,
    }
    return {"tokens": [_token(word) for word in result.words], "summary": summary}


# Token's fields in its order: a word carries each under the same name (its other readings
# and parts are dataclasses of the same fields, which pydantic_core writes as objects).
_TOKEN_FIELDS = tuple(Token.model_fields)


def _token(word: Word) -> dict[str, Any]:
    """`Token`'s content (its field order) for one word."""
    return {name: getattr(word, name) for name in _TOKEN_FIELDS}
