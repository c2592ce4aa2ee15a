"""AWS Lambda entry point: `service.lambda_handler.handler`.

HTTP events (API Gateway HTTP API 2.0, REST API 1.0) go through Mangum to the FastAPI app,
with lifespan off because Mangum would run it on every invocation. A `{"warmup": true}`
event instead loads the translation models (downloading them into the EFS cache if needed)
and reports how long each took; the deployment sends it so no user waits for a download.
"""

from __future__ import annotations

import time
from typing import Any

from mangum import Mangum
from pydantic import ValidationError

from service.dependencies import get_registry
from service.engines.model_source import ModelUnavailable
from service.main import app
from service.schemas import Direction, WarmupEvent, WarmupResponse, WarmupResult

_http_handler = Mangum(app, lifespan="off")


def warm_up(event: WarmupEvent) -> WarmupResponse:
    registry = get_registry()
    results = []
    directions: list[Direction] = event.directions or ["zh-en", "en-zh"]
    for direction in directions:
        started = time.perf_counter()
        error = None
        try:
            registry.get(direction)
        except ModelUnavailable as exc:
            error = str(exc)
        results.append(
            WarmupResult(
                direction=direction,
                model=registry.model_spec(direction),
                loaded=error is None,
                seconds=round(time.perf_counter() - started, 3),
                error=error,
            )
        )
    return WarmupResponse(results=results)


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    if isinstance(event, dict) and "warmup" in event:
        try:
            warmup = WarmupEvent.model_validate(event)
        except ValidationError as exc:
            return {"warmup": False, "error": f"invalid warm-up event: {exc.errors()[0]['msg']}"}
        return warm_up(warmup).model_dump()
    return _http_handler(event, context)
