"""The FastAPI app: `service.main:app` under uvicorn, wrapped by Mangum on Lambda."""

from __future__ import annotations

import gc
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from fastapi import FastAPI
from fastapi_offline import FastAPIOffline

from service.common.timing import install_recorder
from service.docs_pages import DOCS_PATHS, DocsPagesPolicy
from service.errors import install_error_handlers
from service.middleware import RequestContextMiddleware
from service.request_context import add_timing, configure_logging
from service.routes import health, libretranslate, segment, translate
from service.settings import get_settings

if TYPE_CHECKING:
    from service.annotation.segmenter import Segmenter

# Net allocations before a young garbage collection, once the warm-up is frozen (Python's
# default is 700); see _warm_up.
GC_YOUNG_THRESHOLD = 7000

DESCRIPTION = """
Chinese⇄English translation (MarianMT, opus-mt) and word segmentation for learners
(jiagu words with pinyin, HSK level and CC-CEDICT glosses).

Errors are JSON `{"detail": ..., "request_id": ...}`. `/translate` answers 503 with
`Retry-After` while a model is downloading or unavailable; `/segment` works offline.
`/libretranslate/...` is LibreTranslate's own API (a LibreTranslate client's base URL is
`<api>/libretranslate/`), with its error shape `{"error": ...}`.
"""


def _warm_up(segmenter: Segmenter) -> None:
    segmenter.warm_up()
    # What is loaded by now stays for the life of the process: frozen, the collector's full
    # passes no longer walk it (~3 % faster ten-sentence /segment requests, side by side).
    gc.freeze()
    # A young collection walks every object the caches took in since the last one (~1 µs
    # each on this heap): at 700 net allocations that came every ~10 ten-sentence texts and
    # cost ~4 % of /segment. Ten times the threshold lets most cache entries be evicted,
    # freed by reference count, before any collection sees them.
    gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])


@asynccontextmanager
async def lifespan(_: FastAPI) -> AsyncIterator[None]:
    # Under uvicorn, load the segmenter's data in the background so the first /segment is
    # quick; startup itself does not wait. (Mangum runs with lifespan="off".)
    from service.dependencies import get_segmenter

    segmenter = get_segmenter()
    threading.Thread(
        target=_warm_up, args=(segmenter,), name="segmenter-warm-up", daemon=True
    ).start()
    yield


def create_app() -> FastAPI:
    settings = get_settings()
    configure_logging(settings.log_level)
    install_recorder(add_timing)  # the domains' phase timings become Server-Timing entries
    # /docs and /redoc with Swagger UI's and ReDoc's assets served by the app itself (from the
    # fastapi-offline wheel), not from a CDN: the docs work offline and behind proxies.
    app = FastAPIOffline(
        title="Hanzi Lambda",
        version="1.0.0",
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    app.add_middleware(DocsPagesPolicy, paths=DOCS_PATHS)
    app.add_middleware(RequestContextMiddleware, max_body_bytes=settings.max_body_bytes)
    install_error_handlers(app)
    app.include_router(translate.router)
    app.include_router(segment.router)
    app.include_router(health.router)
    # LibreTranslate's API for its clients: their base URL is <api>/libretranslate/
    app.include_router(libretranslate.router, prefix="/libretranslate")
    return app


app = create_app()
