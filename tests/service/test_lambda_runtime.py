"""The image's entry point run the way Lambda runs it: awslambdaric against a Runtime API.

The official runtime interface emulator cannot be fetched here, so the test serves the three
endpoints of the Lambda Runtime API that the client uses on loopback itself, starts
`python -m awslambdaric <the Dockerfile's handler>` in a child process, and hands it events.
"""

from __future__ import annotations

import json
import os
import queue
import re
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.service.test_lambda import http_api_v2

ROOT = Path(__file__).resolve().parents[2]
PREFIX = "/2018-06-01/runtime"
ANSWER_TIMEOUT_S = 300  # a first warm-up converts both tiny models on a loaded machine


@dataclass
class RuntimeApi:
    """Events go out on GET .../invocation/next; answers come back by request id."""

    events: queue.Queue[tuple[str, bytes]] = field(default_factory=queue.Queue)
    answers: dict[str, queue.Queue[tuple[str, Any]]] = field(default_factory=dict)
    init_errors: list[Any] = field(default_factory=list)

    def invoke(self, event: dict[str, Any]) -> tuple[str, Any]:
        """("response" | "error", the JSON the runtime posted) for one event."""
        request_id = str(uuid.uuid4())
        self.answers[request_id] = queue.Queue()
        self.events.put((request_id, json.dumps(event).encode()))
        return self.answers[request_id].get(timeout=ANSWER_TIMEOUT_S)


def _handler_class(api: RuntimeApi) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:  # keep the test output clean
            pass

        def _reply(
            self, status: int, body: bytes = b"", headers: dict[str, str] | None = None
        ) -> None:
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            if self.path != f"{PREFIX}/invocation/next":
                self._reply(404)
                return
            request_id, body = api.events.get()
            self._reply(
                200,
                body,
                {
                    "Content-Type": "application/json",
                    "Lambda-Runtime-Aws-Request-Id": request_id,
                    "Lambda-Runtime-Deadline-Ms": "9999999999999",
                    "Lambda-Runtime-Invoked-Function-Arn": (
                        "arn:aws:lambda:us-east-1:123456789012:function:hanzi-lambda"
                    ),
                    "Lambda-Runtime-Trace-Id": "Root=1-00000000-000000000000000000000000",
                },
            )

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            payload = json.loads(self.rfile.read(length) or b"null")
            answered = re.fullmatch(rf"{PREFIX}/invocation/([^/]+)/(response|error)", self.path)
            if answered:
                request_id, kind = answered.groups()
                api.answers[request_id].put((kind, payload))
            elif self.path == f"{PREFIX}/init/error":
                api.init_errors.append(payload)
            else:
                self._reply(404)
                return
            self._reply(202, b"{}", {"Content-Type": "application/json"})

    return Handler


def _dockerfile_handler() -> str:
    dockerfile = (ROOT / "service" / "Dockerfile").read_text(encoding="utf-8")
    (handler,) = re.findall(r'^CMD \["([\w.]+)"\]$', dockerfile, flags=re.MULTILINE)
    return str(handler)


@pytest.fixture
def late_en_zh(tmp_path: Path) -> Path:
    return tmp_path / "en-zh-not-yet"


@pytest.fixture
def runtime(tiny_models: dict[str, Path], late_en_zh: Path) -> Iterator[RuntimeApi]:
    api = RuntimeApi()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_class(api))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    env = {
        **os.environ,  # the session's private HF_HOME, offline hub, lexicon cache
        "AWS_LAMBDA_RUNTIME_API": f"127.0.0.1:{server.server_address[1]}",
        "TRANSLATE_MODEL_ZH_EN": str(tiny_models["zh-en"]),
        "TRANSLATE_MODEL_EN_ZH": str(late_en_zh),
        "PYTHONPATH": str(ROOT),
    }
    child = subprocess.Popen(
        [sys.executable, "-m", "awslambdaric", _dockerfile_handler()],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield api
    finally:
        child.kill()
        child.wait(timeout=30)
        server.shutdown()
        server.server_close()


def test_entry_point_under_the_runtime_interface_client(
    runtime: RuntimeApi, tiny_models: dict[str, Path], late_en_zh: Path
) -> None:
    kind, answer = runtime.invoke(http_api_v2("POST", "/segment", '{"text": "我喜欢学习中文"}'))
    assert kind == "response", answer
    assert answer["statusCode"] == 200
    assert [t["text"] for t in json.loads(answer["body"])["tokens"]] == [
        "我",
        "喜欢",
        "学习",
        "中文",
    ]

    # en→zh's directory is not there yet: a function error on the runtime's error endpoint.
    kind, error = runtime.invoke({"warmup": True})
    assert kind == "error", error
    assert error["errorType"] == "WarmupFailed"
    assert "loaded zh-en and /segment, but not en-zh" in error["errorMessage"]
    assert "TRANSLATE_MODEL_EN_ZH" in error["errorMessage"]

    kind, error = runtime.invoke({"warmup": True, "directions": ["fr-de"]})
    assert kind == "error" and error["errorType"] == "WarmupFailed"
    assert "Invalid warm-up event" in error["errorMessage"]

    # The model arrives; the next warm-up (the next `pulumi up`) tries again and succeeds.
    late_en_zh.symlink_to(tiny_models["en-zh"], target_is_directory=True)
    kind, answer = runtime.invoke({"warmup": True})
    assert kind == "response", answer
    assert [(r["direction"], r["loaded"]) for r in answer["results"]] == [
        ("zh-en", True),
        ("en-zh", True),
    ]
    assert answer["segment"]["ready"] is True
    assert runtime.init_errors == []
