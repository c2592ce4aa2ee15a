"""AWS Lambda entry point: `service.lambda_handler.handler`.

HTTP events (API Gateway HTTP API 2.0, REST API 1.0) go through Mangum to the FastAPI app,
with lifespan off because Mangum would run it on every invocation. A `{"warmup": true}`
event instead loads the translation models (downloading them into the EFS cache if needed)
and the segmenter, and reports how long each took; the deployment sends it so no user waits
for a download. A warm-up that leaves anything unloaded, or a malformed one, raises: Lambda
reports a function error, so the deployment's invocation (and `pulumi up`) fails and says why.
"""

from __future__ import annotations

import time
from typing import Any

from mangum import Mangum
from pydantic import ValidationError

from service.dependencies import get_segmenter, get_translation_service
from service.main import app
from service.schemas import SegmentReadiness, WarmupEvent, WarmupResponse, WarmupResult

_http_handler = Mangum(app, lifespan="off")


class WarmupFailed(Exception):
    """The warm-up event was malformed, or something it had to load did not load."""


def _warm_segmenter() -> SegmentReadiness:
    # The one place that knows how /segment gets ready.
    started = time.perf_counter()
    get_segmenter().warm_up()
    return SegmentReadiness(ready=True, seconds=round(time.perf_counter() - started, 3))


def run_warmup(event: WarmupEvent) -> WarmupResponse:
    """Load the named translation directions (all when none are named) and the segmenter."""
    outcomes = get_translation_service().warm_up(event.directions)
    results = [
        WarmupResult.model_validate(
            {
                "direction": o.direction,
                "model": o.model,
                "loaded": o.error is None,
                "seconds": o.seconds,
                "error": o.error,
            }
        )
        for o in outcomes
    ]
    try:
        segment = _warm_segmenter()
    except Exception as exc:
        raise WarmupFailed(f"Warm-up failed: /segment could not load: {exc!r}") from exc
    failures = [f"{r.direction}: {r.error}" for r in results if not r.loaded]
    if failures:
        loaded = ", ".join(r.direction for r in results if r.loaded) or "no translation model"
        raise WarmupFailed(
            f"Warm-up failed: loaded {loaded} and /segment, but not " + "; ".join(failures)
        )
    return WarmupResponse(results=results, segment=segment)


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    if isinstance(event, dict) and "warmup" in event:
        try:
            warmup = WarmupEvent.model_validate(event)
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(map(str, e['loc'])) or 'event'}: {e['msg']}" for e in exc.errors()
            )
            raise WarmupFailed(f"Invalid warm-up event ({problems}).") from None
        return run_warmup(warmup).model_dump()
    return _http_handler(event, context)
