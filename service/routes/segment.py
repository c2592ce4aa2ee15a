"""POST /segment and POST /segment/batch.

The answer is written as JSON here and returned as a `Response`: validating every word into
a `Token` (from its attributes) and FastAPI validating the result once more cost about a
quarter of a ten-sentence request. A `Word` dataclass has `Token`'s fields in its order, so
the words are written by a serializer built for `list[Word]` (a third quicker than pydantic
inferring each word's type, and no dict per word), the summary from a dict in the model's
field order. The bytes are those FastAPI would send (pydantic's serializer; a test compares).
"""

from __future__ import annotations

import dataclasses

import pydantic_core
from fastapi import APIRouter, Depends, Response
from pydantic import TypeAdapter

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
    return _json(b'{"results":[' + b",".join(_response(r, request) for r in results) + b"]}")


def _segment(segmenter: Segmenter, text: str, options: SegmentOptions) -> Segmentation:
    return segmenter.segment(
        text, options.hsk, options.pos, options.script, options.zhuyin, options.sandhi
    )


def _json(content: bytes) -> Response:
    return Response(content, media_type="application/json")


def _response(result: Segmentation, options: SegmentOptions) -> bytes:
    """`SegmentResponse` as JSON: its fields in the model's order."""
    chinese = sum(1 for w in result.words if w.is_chinese)
    summary = {
        "words": chinese,
        "by_level": result.by_level,
        "level": result.level,
        "standard": options.hsk,
        "script": result.script,
    }
    words = _WORDS.dump_json(result.words)
    return b'{"tokens":' + words + b',"summary":' + pydantic_core.to_json(summary) + b"}"


# A word carries Token's fields under the same names in the same order (its other readings
# and parts are dataclasses of the same fields too): checked here, so a field added to one
# and not the other fails at import rather than changing the JSON.
if tuple(Token.model_fields) != tuple(f.name for f in dataclasses.fields(Word)):
    raise RuntimeError("Word's fields must be Token's, in Token's order")
_WORDS = TypeAdapter(list[Word])
