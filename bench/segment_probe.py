"""Does the /segment path import torch? Import the app, call /segment, look.

The second call asks for part-of-speech tags: it also builds the POS weights file in the
bench's cache (as `docker build` does for the image), so the cold starts find it.

python -m bench.segment_probe
"""

from __future__ import annotations

import sys

from fastapi.testclient import TestClient

from bench.workload import emit
from service.main import app


def main() -> None:
    client = TestClient(app)  # no `with`: no lifespan, so only the request path imports
    response = client.post("/segment", json={"text": "我喜欢学习中文。今天天气很好。"})
    tagged = client.post("/segment", json={"text": "我喜欢学习中文。", "pos": True})
    emit(
        {
            "status": response.status_code,
            "pos_status": tagged.status_code,
            "torch": "torch" in sys.modules,
            "transformers": "transformers" in sys.modules,
            "ctranslate2": "ctranslate2" in sys.modules,
        }
    )


if __name__ == "__main__":
    main()
