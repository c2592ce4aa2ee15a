"""The /docs and /redoc pages may load only from the app itself.

Their assets come from the fastapi-offline wheel (served under STATIC_URL), but ReDoc's
sidebar still links an image on Redocly's CDN: a Content-Security-Policy on the two pages
keeps the browser from making any request to another host (offline, behind proxies, and
for privacy).
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# FastAPIOffline's defaults: the two pages, and where their assets are served.
DOCS_PATHS = frozenset({"/docs", "/redoc"})
STATIC_URL = "/static-offline-docs"
# Inline scripts and styles: FastAPI's page starts Swagger UI inline; ReDoc injects styles
# and runs its search in a blob: worker.
POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'"
)


class DocsPagesPolicy:
    """Adds POLICY to the responses of the docs pages' paths, and nothing else."""

    def __init__(self, app: ASGIApp, paths: frozenset[str]) -> None:
        self.app = app
        self.paths = paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] not in self.paths:
            await self.app(scope, receive, send)
            return

        async def send_with_policy(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)["content-security-policy"] = POLICY
            await send(message)

        await self.app(scope, receive, send_with_policy)
