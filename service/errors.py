"""Every error becomes JSON `{"detail", "request_id"}` with a sentence a person understands."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from service.request_context import request_id_var
from service.schemas import ErrorResponse
from service.settings import get_settings
from service.translation.backends import TranslationTimeout
from service.translation.model_source import ModelUnavailable
from service.translation.pipeline import TextTooLong, UnsupportedInput

log = logging.getLogger(__name__)


class InputError(Exception):
    """Input a client can fix; becomes a 4xx with this message."""

    def __init__(self, status_code: int, detail: str) -> None:
        super().__init__(detail)
        self.status_code = status_code
        self.detail = detail


def error_response(status: int, detail: str, headers: dict[str, str] | None = None) -> JSONResponse:
    body = ErrorResponse(detail=detail, request_id=request_id_var.get())
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


def describe_validation_errors(errors: list[dict[str, Any]]) -> str:
    """Turn pydantic's error list into one readable sentence per problem."""
    messages = []
    for error in errors:
        kind = error.get("type", "")
        loc = [str(part) for part in error.get("loc", ()) if part != "body"]
        where = ".".join(loc) or "request body"
        if kind == "json_invalid":
            messages.append("Request body is not valid JSON.")
        elif kind in ("model_attributes_type", "dict_type") and not loc:
            messages.append("Request body must be a JSON object sent as application/json.")
        elif kind == "missing":
            messages.append(f"Field '{where}' is required.")
        elif kind == "extra_forbidden":
            messages.append(f"Unknown field '{where}'.")
        else:
            msg = str(error.get("msg", "is invalid")).removeprefix("Value error, ")
            messages.append(f"Field '{where}': {msg}.")
    return " ".join(dict.fromkeys(messages)) or "Invalid request."


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(422, describe_validation_errors(list(exc.errors())))

    @app.exception_handler(InputError)
    async def _input(_: Request, exc: InputError) -> JSONResponse:
        return error_response(exc.status_code, exc.detail)

    @app.exception_handler(TextTooLong)
    async def _too_long(_: Request, exc: TextTooLong) -> JSONResponse:
        return error_response(413, str(exc))

    @app.exception_handler(UnsupportedInput)
    async def _unsupported(_: Request, exc: UnsupportedInput) -> JSONResponse:
        return error_response(422, str(exc))

    @app.exception_handler(HTTPException)
    async def _http(_: Request, exc: HTTPException) -> JSONResponse:
        return error_response(exc.status_code, str(exc.detail), dict(exc.headers or {}))

    @app.exception_handler(ModelUnavailable)
    async def _model(_: Request, exc: ModelUnavailable) -> JSONResponse:
        retry = str(get_settings().model_retry_after_s)
        return error_response(503, str(exc), {"Retry-After": retry})

    @app.exception_handler(TranslationTimeout)
    async def _timeout(_: Request, exc: TranslationTimeout) -> JSONResponse:
        limit = get_settings().translate_deadline_s
        return error_response(
            504, f"Translation took longer than {limit:g} s; send shorter text or retry."
        )

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error")
        return error_response(500, "Internal error; the request id identifies it in the logs.")
