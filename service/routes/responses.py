"""Error responses declared in the OpenAPI spec, shared by the routers."""

from __future__ import annotations

from typing import Any

from service.schemas import ErrorResponse


def declare(*statuses: int) -> dict[int | str, dict[str, Any]]:
    descriptions = {
        401: "Missing or invalid X-API-Key (only when the server sets API_KEYS).",
        413: "Text longer than MAX_TEXT_CHARS, or a body over MAX_BODY_BYTES.",
        422: "Invalid input: empty text, unknown field, unsupported language pair.",
        503: "Translation model not available yet; retry after the Retry-After header.",
        504: "Translation did not finish within TRANSLATE_DEADLINE_S.",
        500: "Unexpected error; the request id identifies it in the logs.",
    }
    return {s: {"model": ErrorResponse, "description": descriptions[s]} for s in statuses}
