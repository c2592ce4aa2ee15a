"""`service.main:app` for the HTTP arm, with the output length forced (equal work).

Run as `uvicorn bench.forced_app:app`. The only changes to the service: each backend the
registry opens is wrapped by `force_backend`, and GET /_bench/state reports which heavy
modules this process has imported and how long the model loads took.
"""

from __future__ import annotations

import sys
from typing import Any

from bench.workload import force_backend
from service.dependencies import get_registry
from service.main import app

_registry = get_registry()
_open = _registry._open


def _forced_open(files: Any, spec: Any) -> Any:
    return force_backend(_open(files, spec))


_registry._open = _forced_open  # type: ignore[method-assign]


@app.get("/_bench/state", include_in_schema=False)
def bench_state() -> dict[str, Any]:
    return {
        "torch": "torch" in sys.modules,
        "transformers": "transformers" in sys.modules,
        "jiagu": "jiagu" in sys.modules,
        "load_seconds": _registry.load_seconds,
    }


__all__ = ["app"]
