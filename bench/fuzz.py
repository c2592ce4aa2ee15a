"""Schemathesis against the live service: every operation, 0 server errors, schema-conform.

    python -m bench.fuzz --max-examples 250 [--seed 1] [--min-requests 1000]

Starts the real service under uvicorn on a loopback port with tiny MarianMT models (built in a
temporary directory, no hub traffic), warms both translation directions, then runs the
schemathesis CLI against its /openapi.json with the checks `not_a_server_error` and
`response_schema_conformance`. The summary counts every request schemathesis sent (from its
NDJSON event report), the server errors among them and the schema violations; rounds with new
seeds are run until at least --min-requests requests were sent. Then hostile strings
(lone surrogates, noncharacters, astral-plane Han, combining marks, control and format
characters) go to every endpoint that takes text, as raw JSON, the LibreTranslate-compatible
/libretranslate/translate and /detect included (schemathesis covers them like every other
operation of /openapi.json, in JSON and form-encoded bodies). Exits non-zero unless all
conditions hold: no server error, no check failure, no network error, and every hostile
string answered 200 (tokens covering the text) or a 422 with a `detail` sentence (400 with an
`error` sentence on /libretranslate).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from tests.support.server import running_service
from tests.support.tiny_models import build_tiny_models

CHECKS = ("not_a_server_error", "response_schema_conformance")
# JSON string bodies, escaped as a client would send them; the first ones are not text.
HOSTILE = [
    r"\ud800abc",
    r"abc\udfff",
    r"\udc00\ud800",
    r"中文\udbff",  # lone or reversed surrogates
    r"\ufdd0中文",
    r"中\uffff文",
    r"\ufffe",
    r"\udbff\udfff",  # noncharacters (U+10FFFF too)
    r"\ud840\udc00\ud840\udc01\ud869\udea5",
    r"我\ud842\udfb7野家",  # astral-plane Han
    r"e\u0301",
    r"中\u0301文",
    r"\u0300\u0300\u0300",
    r"覺\u0308得",  # combining marks
    r"\u200b中\u200d文",
    r"\ufeff中文",
    r"\u202e中文",
    r"\u0000中文",
    r"中\u0085文",
]
UNENCODABLE = 4  # the first four hold a lone surrogate: a 422
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")


@dataclass
class FuzzSummary:
    requests: int = 0
    by_operation: Counter[str] = field(default_factory=Counter)
    by_status: Counter[int] = field(default_factory=Counter)
    server_errors: int = 0
    check_failures: Counter[str] = field(default_factory=Counter)
    network_errors: int = 0
    exit_code: int = 0
    output: str = ""

    def add(self, other: FuzzSummary) -> None:
        self.requests += other.requests
        self.by_operation.update(other.by_operation)
        self.by_status.update(other.by_status)
        self.server_errors += other.server_errors
        self.check_failures.update(other.check_failures)
        self.network_errors += other.network_errors
        self.exit_code = self.exit_code or other.exit_code
        self.output += other.output

    @property
    def schema_violations(self) -> int:
        return self.check_failures["response_schema_conformance"]

    @property
    def ok(self) -> bool:
        return (
            self.exit_code == 0
            and self.server_errors == 0
            and not self.check_failures
            and self.network_errors == 0
            and self.requests > 0
        )

    def lines(self) -> list[str]:
        operations = ", ".join(f"{op} {n}" for op, n in sorted(self.by_operation.items()))
        statuses = ", ".join(f"{s}: {n}" for s, n in sorted(self.by_status.items()))
        failures = ", ".join(f"{c} {n}" for c, n in sorted(self.check_failures.items()))
        return [
            f"requests sent:      {self.requests} ({operations})",
            f"status codes:       {statuses}",
            f"server errors:      {self.server_errors}",
            f"schema violations:  {self.schema_violations}",
            f"check failures:     {failures or 'none'}",
            f"network errors:     {self.network_errors}",
            f"schemathesis exit:  {self.exit_code}",
        ]


def tiny_model_env(directory: Path) -> dict[str, str]:
    """Environment for the service: tiny local models, a private offline HF cache."""
    models = build_tiny_models(directory / "models")
    return {
        "TRANSLATE_MODEL_ZH_EN": str(models["zh-en"]),
        "TRANSLATE_MODEL_EN_ZH": str(models["en-zh"]),
        "HF_HUB_OFFLINE": "1",
        "HF_HOME": str(directory / "hf"),
        "TOKENIZERS_PARALLELISM": "false",
    }


@contextmanager
def tiny_service() -> Iterator[str]:
    """The real service under uvicorn with tiny models; both directions loaded; its URL."""
    with (
        tempfile.TemporaryDirectory(prefix="hanzi-fuzz-") as tmp,
        running_service(tiny_model_env(Path(tmp))) as base_url,
    ):
        warm_up(base_url)
        yield base_url


def warm_up(base_url: str, attempts: int = 4) -> None:
    """Load both directions. A cold load counts against the request's generation deadline,
    so on a busy machine the first call may answer 504; the model is loaded by then."""
    for text in ("我喜欢学习中文。", "i like tea."):
        for attempt in range(attempts):
            response = httpx.post(f"{base_url}/translate", json={"text": text}, timeout=120)
            if response.status_code != 504 or attempt == attempts - 1:
                response.raise_for_status()
                break


def summarize(events: Path) -> FuzzSummary:
    """Count requests, statuses and failed checks from a schemathesis NDJSON report."""
    summary = FuzzSummary()
    with events.open(encoding="utf-8") as lines:
        for line in lines:
            event = json.loads(line)
            if "NonFatalError" in event:
                summary.network_errors += 1
                continue
            finished = event.get("ScenarioFinished")
            if finished is None:
                continue
            recorder = finished.get("recorder") or {}
            for interaction in (recorder.get("interactions") or {}).values():
                request, response = interaction["request"], interaction.get("response")
                if response is None:
                    summary.network_errors += 1
                    continue
                path = httpx.URL(request["uri"]).path
                summary.requests += 1
                summary.by_operation[f"{request['method']} {path}"] += 1
                summary.by_status[int(response["status_code"])] += 1
                if response["status_code"] >= 500:
                    summary.server_errors += 1
            for checks in (recorder.get("checks") or {}).values():
                for check in checks:
                    if check["status"] == "failure":
                        summary.check_failures[check["name"]] += 1
    return summary


def run_schemathesis(
    base_url: str, max_examples: int, report_dir: Path, *, seed: int | None = None
) -> FuzzSummary:
    """Run the schemathesis CLI against `base_url` and summarize its event report."""
    command = [
        str(SCHEMATHESIS), "run", f"{base_url}/openapi.json",
        "--checks", ",".join(CHECKS),
        "--max-examples", str(max_examples),
        "--phases", "examples,coverage,fuzzing",
        "--request-timeout", "60",
        "--report", "ndjson",
        "--report-ndjson-path", str(report_dir / "events.ndjson"),
        "--no-color",
    ]  # fmt: skip
    if seed is not None:
        command += ["--seed", str(seed)]
    completed = subprocess.run(
        command,
        cwd=report_dir,  # schemathesis keeps a .schemathesis/ cache in its working directory
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    events = report_dir / "events.ndjson"
    summary = summarize(events) if events.is_file() else FuzzSummary()
    summary.exit_code = completed.returncode
    summary.output = completed.stdout + completed.stderr
    return summary


def hostile_failures(base_url: str) -> list[str]:
    """Each HOSTILE string to every text endpoint: what did not answer as it should."""
    failures: list[str] = []
    with httpx.Client(base_url=base_url, timeout=60) as client:
        for index, escaped in enumerate(HOSTILE):
            for path, body in (
                ("/segment", f'{{"text": "{escaped}"}}'),
                ("/segment", f'{{"text": "{escaped}", "script": "traditional", "zhuyin": true}}'),
                ("/segment/batch", f'{{"texts": ["你好", "{escaped}"], "sandhi": true}}'),
                ("/translate", f'{{"text": ["你好", "{escaped}"]}}'),
                (
                    "/libretranslate/translate",
                    f'{{"q": ["你好", "{escaped}"], "source": "auto", "target": "en"}}',
                ),
                ("/libretranslate/detect", f'{{"q": "{escaped}"}}'),
            ):
                response = client.post(
                    path, content=body.encode(), headers={"content-type": "application/json"}
                )
                if path.startswith("/libretranslate"):
                    refused = response.status_code == 400 and response.json().get("error")
                else:
                    refused = response.status_code == 422 and response.json().get("detail")
                if index < UNENCODABLE and not refused:
                    failures.append(f"{path} {escaped}: {response.status_code}, expected 422")
                elif response.status_code >= 500:
                    failures.append(f"{path} {escaped}: {response.status_code}")
                elif path == "/segment" and response.status_code == 200:
                    text = json.loads(body)["text"]
                    joined = "".join(t["text"] for t in response.json()["tokens"])
                    if joined != text:
                        failures.append(f"{path} {escaped}: tokens do not cover the text")
                elif path == "/segment/batch" and response.status_code == 200:
                    texts = json.loads(body)["texts"]
                    covered = [
                        "".join(t["text"] for t in r["tokens"]) for r in response.json()["results"]
                    ]
                    if covered != texts:
                        failures.append(f"{path} {escaped}: tokens do not cover the texts")
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=250, help="per operation and round")
    parser.add_argument("--seed", type=int, default=1, help="seed of the first round")
    parser.add_argument("--min-requests", type=int, default=1000, help="rounds run until this")
    parser.add_argument("--max-rounds", type=int, default=10)
    args = parser.parse_args(argv)

    # schemathesis stops early once an operation's input space looks exhausted, so one round
    # of N examples per operation sends fewer than 3N requests; further rounds use new seeds.
    total = FuzzSummary()
    rounds = 0
    with tiny_service() as base_url:
        while rounds < args.max_rounds and total.requests < args.min_requests:
            with tempfile.TemporaryDirectory() as reports:
                summary = run_schemathesis(
                    base_url, args.max_examples, Path(reports), seed=args.seed + rounds
                )
            rounds += 1
            print(f"round {rounds} (seed {args.seed + rounds - 1}): {summary.requests} requests")
            total.add(summary)
            if not summary.ok:
                break
        hostile = hostile_failures(base_url)
    if not total.ok:
        print(total.output[-6000:])
    print(
        f"schemathesis {', '.join(CHECKS)}: {rounds} round(s) of --max-examples "
        f"{args.max_examples}, seeds {args.seed}..{args.seed + rounds - 1}"
    )
    for line in total.lines():
        print(line)
    print(f"hostile strings: {len(HOSTILE)} x 5 requests, {len(hostile)} wrong")
    for failure in hostile:
        print(f"  {failure}")
    if total.requests < args.min_requests:
        print(f"FAIL: fewer than {args.min_requests} requests; raise --max-examples")
        return 1
    ok = total.ok and not hostile
    print("OK" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
