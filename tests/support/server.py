"""Run the real service under uvicorn on a free loopback port, for end-to-end tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class Server:
    pid: int
    base_url: str


@contextmanager
def launched_service(
    env: dict[str, str],
    *,
    log_file: Path | None = None,
    timeout_s: float = 120.0,
    root: Path = ROOT,
) -> Iterator[Server]:
    """Start `uvicorn service.main:app` (from the source tree `root`) with `env` added; yield
    its pid and URL once /health answers; stop it. Output goes to `log_file`, or nowhere."""
    port = free_port()
    with log_file.open("wb") if log_file else open(os.devnull, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "service.main:app", "--host", "127.0.0.1",
             "--port", str(port), "--log-level", "warning", "--no-access-log"],
            cwd=root,
            env={**os.environ, **env},
            stdout=log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"service exited with code {process.returncode}")
            try:
                if httpx.get(f"{base_url}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError("service did not become healthy")
            time.sleep(0.1)
        yield Server(process.pid, base_url)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def running_service(env: dict[str, str], timeout_s: float = 120.0) -> Iterator[str]:
    """`launched_service`, yielding only the base URL."""
    with launched_service(env, timeout_s=timeout_s) as server:
        yield server.base_url
