"""A recording pass-through in front of the real service: the extension is pointed at it,
so a test can count and read the requests the extension sent (the worker's fetches are
out of Playwright's reach) while the answers stay the real service's."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx


@dataclass
class Recorded:
    """What the extension asked, in order."""

    url: str
    requests: list[tuple[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def paths(self) -> list[str]:
        with self.lock:
            return [path for path, _ in self.requests]

    def bodies(self, path: str) -> list[Any]:
        with self.lock:
            return [body for p, body in self.requests if p == path]

    def clear(self) -> None:
        with self.lock:
            self.requests.clear()


@contextmanager
def recording_proxy(upstream: str) -> Iterator[Recorded]:
    """Serves on a free loopback port, forwarding every request to `upstream`."""
    client = httpx.Client(base_url=upstream, timeout=120)
    recorded = Recorded(url="")

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.forward(None)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self.forward(self.rfile.read(length))

        def forward(self, body: bytes | None) -> None:
            if self.path != "/health":
                with recorded.lock:
                    recorded.requests.append((self.path, json.loads(body) if body else None))
            headers = {k: v for k, v in self.headers.items() if k.lower() in FORWARDED}
            answer = client.request(self.command, self.path, content=body, headers=headers)
            self.send_response(answer.status_code)
            for name, value in answer.headers.items():
                if name.lower() in ("content-type", "retry-after"):
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(answer.content)))
            self.end_headers()
            self.wfile.write(answer.content)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    recorded.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield recorded
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
        client.close()


FORWARDED = {"content-type", "accept", "x-api-key"}
