"""The web side of the LibreTranslate-compatible API: bodies, keys and errors as it has them.

LibreTranslate reads its fields from a JSON body or a form (`application/x-www-form-urlencoded`,
as `libretranslatepy` sends them), takes `api_key` among the fields, and answers every error as
`{"error": "<a sentence>"}`: 400 bad input, 403 a missing or wrong key (when API_KEYS is set),
429 throttled (API Gateway's own), 500 unexpected; this service adds its 503 (model not
available, with Retry-After) and 504 (TRANSLATE_DEADLINE_S passed).
"""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar
from urllib.parse import parse_qsl

from fastapi import Request, Response
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from pydantic import BaseModel, ValidationError
from starlette.exceptions import HTTPException

from service.errors import describe_validation_errors
from service.libretranslate_schemas import LibreError
from service.schemas import ErrorResponse
from service.settings import Settings, get_settings
from service.translation.backends import TranslationTimeout
from service.translation.model_source import ModelUnavailable
from service.translation.pipeline import TextTooLong, UnsupportedInput

log = logging.getLogger(__name__)
Model = TypeVar("Model", bound=BaseModel)
_FORM = "application/x-www-form-urlencoded"


class LibreProblem(Exception):
    """A request LibreTranslate would refuse: its status and sentence."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def error_json(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(LibreError(error=message).model_dump(), status_code=status, headers=headers)


def answer_for(exc: Exception) -> JSONResponse:
    """The LibreTranslate-shaped answer to an exception raised while serving a request."""
    settings = get_settings()
    if isinstance(exc, LibreProblem):
        return error_json(exc.status, exc.message)
    if isinstance(exc, UnsupportedInput | TextTooLong):
        return error_json(400, str(exc))
    if isinstance(exc, ModelUnavailable):
        return error_json(503, str(exc), {"Retry-After": str(settings.model_retry_after_s)})
    if isinstance(exc, TranslationTimeout):
        limit = settings.translate_deadline_s
        return error_json(504, f"Translation took longer than {limit:g} s; send shorter text.")
    log.exception("unhandled error", exc_info=exc)
    return error_json(500, "Internal error; the request id identifies it in the logs.")


class LibreRoute(APIRoute):
    """Every error of these routes in LibreTranslate's shape (the app's own handlers say
    `detail`); a body over MAX_BODY_BYTES stays the middleware's 413."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def guarded(request: Request) -> Response:
            try:
                return await handler(request)
            except HTTPException:
                raise
            except Exception as exc:  # noqa: BLE001 - every error gets a sentence
                return answer_for(exc)

        return guarded


async def read_fields(request: Request) -> dict[str, Any]:
    """The request's fields: query parameters, overridden by a JSON or form body."""
    fields: dict[str, Any] = _pairs(list(request.query_params.multi_items()))
    body = await request.body()
    if not body.strip():
        return fields
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == _FORM:
        pairs = parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
        return {**fields, **_pairs(pairs)}
    if kind and kind != "application/json" and not kind.endswith("+json"):
        raise LibreProblem(400, "Send the fields as JSON or as application/x-www-form-urlencoded.")
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise LibreProblem(400, "Invalid JSON format.") from None
    if not isinstance(data, dict):
        raise LibreProblem(400, "Invalid JSON format: the body must be a JSON object.")
    return {**fields, **data}


def _pairs(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """Form pairs as a dict; a repeated key (q=a&q=b) becomes a list."""
    fields: dict[str, Any] = {}
    for key, value in pairs:
        if key in fields:
            previous = fields[key]
            fields[key] = [*previous, value] if isinstance(previous, list) else [previous, value]
        else:
            fields[key] = value
    return fields


def check_key(fields: dict[str, Any], request: Request, settings: Settings) -> None:
    """403 unless API_KEYS is empty or `api_key` (or X-API-Key) is one of its keys."""
    keys = settings.api_key_set
    if not keys:
        return
    supplied = fields.get("api_key") or request.headers.get("x-api-key") or ""
    if not isinstance(supplied, str) or not supplied:
        raise LibreProblem(403, "Missing API key: send it as api_key or in the X-API-Key header.")
    matched = False  # compare against every key: the time taken does not tell which matched
    for key in keys:
        matched |= hmac.compare_digest(supplied.encode(), key.encode())
    if not matched:
        raise LibreProblem(403, "Invalid API key.")


def parse(model: type[Model], fields: dict[str, Any]) -> Model:
    """Validate the fields; 400 with one sentence per problem."""
    try:
        return model.model_validate(fields)
    except ValidationError as exc:
        raise LibreProblem(
            400, describe_validation_errors([dict(e) for e in exc.errors()])
        ) from None


def declare(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The error answers of these routes, for /docs."""
    descriptions = {
        400: "Invalid request: a missing field, an unsupported language, text over the limits.",
        403: "Missing or invalid API key (only when the server sets API_KEYS).",
        413: "A body over MAX_BODY_BYTES, refused before it is read.",
        429: "Throttled by API Gateway (deployed stacks only).",
        503: "Translation model not available yet; retry after the Retry-After header.",
        504: "Translation did not finish within TRANSLATE_DEADLINE_S.",
        500: "Unexpected error; the request id (X-Request-ID) identifies it in the logs.",
    }
    return {
        status: {
            "model": ErrorResponse if status == 413 else LibreError,
            "description": descriptions[status],
        }
        for status in statuses
    }
