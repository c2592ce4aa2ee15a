"""A bounded loopback load test of /segment and /translate on the real service (tiny models).

    python -m bench.load --concurrency 16 --seconds 60

Starts `uvicorn service.main:app` on 127.0.0.1 in a subprocess (its pid is needed for RSS),
warms both translation directions, then runs `--concurrency` async clients for `--seconds`
(or until `--max-requests`), half on /segment and half on /translate, with inputs drawn from
a small repeated pool (cache hits) and freshly composed sentences (cache misses). Reports
requests, errors, p50/p99 latency per endpoint and the server's RSS (VmRSS) before and after,
as a Markdown table, and writes bench/load_results.json. Exits non-zero on any error.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from tests.support.server import launched_service
from tests.support.tiny_models import EN_WORDS, ZH_WORDS, build_tiny_models

RESULTS = Path(__file__).with_name("load_results.json")
ENDPOINTS = ("/segment", "/translate")

ZH_POOL = (
    "我喜欢学习中文。", "今天天气很好。", "你在哪里工作？", "明天我们去北京。",
    "老师说中文很好。", "银行在哪里？", "他不喜欢喝茶。", "我们去商店买东西吧。",
)  # fmt: skip
EN_POOL = (
    "i like tea.", "where is the bank?", "we go to school today.", "the weather is very good.",
    "my friend works in shanghai.", "she reads a book at home.",
)  # fmt: skip


def rss_mib(pid: int) -> float:
    """Resident set size of a process, from /proc/<pid>/status (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for pid {pid}")


def make_payload(endpoint: str, rng: random.Random) -> dict[str, object]:
    """Inputs: 60% from a small pool (repeats), 40% composed now (mostly unique)."""
    chinese = endpoint == "/segment" or rng.random() < 0.6
    if rng.random() < 0.6:
        text = rng.choice(ZH_POOL if chinese else EN_POOL)
    elif chinese:
        text = "".join(rng.choice(ZH_WORDS) for _ in range(rng.randint(3, 12))) + "。"
    else:
        text = " ".join(rng.choice(EN_WORDS) for _ in range(rng.randint(3, 12))) + "."
    if endpoint == "/segment":
        return {"text": text, "pos": rng.random() < 0.2}
    if rng.random() < 0.15:  # a small batch now and then
        return {"text": [text, rng.choice(ZH_POOL), rng.choice(EN_POOL)]}
    return {"text": text}


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(
        default_factory=lambda: {endpoint: [] for endpoint in ENDPOINTS}
    )
    errors: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ENDPOINTS, 0))
    error_samples: list[str] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return sum(len(v) for v in self.latencies.values()) + sum(self.errors.values())


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


async def client(
    worker: int, base_url: str, stop_at: float, budget: list[int], stats: Stats
) -> None:
    rng = random.Random(worker)
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as http:
        while time.monotonic() < stop_at and budget[0] > 0:
            budget[0] -= 1
            endpoint = ENDPOINTS[rng.random() < 0.5]
            payload = make_payload(endpoint, rng)
            started = time.perf_counter()
            try:
                response = await http.post(endpoint, json=payload)
                ok = response.status_code == 200
                problem = f"{response.status_code} {response.text[:200]}"
            except httpx.HTTPError as exc:
                ok, problem = False, repr(exc)
            elapsed = time.perf_counter() - started
            if ok:
                stats.latencies[endpoint].append(elapsed)
            else:
                stats.errors[endpoint] += 1
                if len(stats.error_samples) < 10:
                    stats.error_samples.append(f"{endpoint} {json.dumps(payload)}: {problem}")


async def run_load(base_url: str, concurrency: int, seconds: float, max_requests: int) -> Stats:
    stats = Stats()
    stop_at = time.monotonic() + seconds
    budget = [max_requests]  # shared: the event loop is single-threaded
    await asyncio.gather(*(client(i, base_url, stop_at, budget, stats) for i in range(concurrency)))
    return stats


def warm_up(base_url: str) -> None:
    """Load both directions and the segmenter before measuring (a cold load may answer 504)."""
    payloads: list[tuple[str, dict[str, object]]] = [
        ("/translate", {"text": ZH_POOL[0]}),
        ("/translate", {"text": EN_POOL[0]}),
        ("/segment", {"text": ZH_POOL[0], "pos": True}),  # loads the tagger too
    ]
    for endpoint, payload in payloads:
        for attempt in range(4):
            response = httpx.post(f"{base_url}{endpoint}", json=payload, timeout=120)
            if response.status_code == 200:
                break
            if response.status_code != 504 or attempt == 3:
                response.raise_for_status()


def table(result: dict[str, object]) -> str:
    rows = [
        "| endpoint | requests | errors | p50 ms | p99 ms | req/s |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    endpoints = result["endpoints"]
    assert isinstance(endpoints, dict)
    for name, e in endpoints.items():
        rows.append(
            f"| {name} | {e['requests']} | {e['errors']} | {e['p50_ms']:.1f} | "
            f"{e['p99_ms']:.1f} | {e['throughput_rps']:.1f} |"
        )
    rows += [
        "",
        "| server RSS before | server RSS after | change |",
        "|---:|---:|---:|",
        f"| {result['rss_before_mib']:.1f} MiB | {result['rss_after_mib']:.1f} MiB | "
        f"{result['rss_change_mib']:+.1f} MiB |",
    ]
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--max-requests", type=int, default=500_000, help="hard cap on requests")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="hanzi-load-") as tmp:
        models = build_tiny_models(Path(tmp) / "models")
        env = {
            "TRANSLATE_MODEL_ZH_EN": str(models["zh-en"]),
            "TRANSLATE_MODEL_EN_ZH": str(models["en-zh"]),
            "HF_HUB_OFFLINE": "1",
            "HF_HOME": str(Path(tmp) / "hf"),
            "TOKENIZERS_PARALLELISM": "false",
            "LOG_LEVEL": "WARNING",
        }
        log_file = Path(tmp) / "server.log"
        with launched_service(env, log_file=log_file) as server:
            warm_up(server.base_url)
            rss_before = rss_mib(server.pid)
            started = time.monotonic()
            stats = asyncio.run(
                run_load(server.base_url, args.concurrency, args.seconds, args.max_requests)
            )
            wall = time.monotonic() - started
            rss_after = rss_mib(server.pid)
        server_log = log_file.read_text(errors="replace")

    endpoints = {
        name: {
            "requests": len(stats.latencies[name]) + stats.errors[name],
            "errors": stats.errors[name],
            "p50_ms": round(percentile(stats.latencies[name], 50) * 1000, 1),
            "p99_ms": round(percentile(stats.latencies[name], 99) * 1000, 1),
            "throughput_rps": round(len(stats.latencies[name]) / wall, 1),
        }
        for name in ENDPOINTS
    }
    result: dict[str, object] = {
        "command": f"python -m bench.load --concurrency {args.concurrency} "
        f"--seconds {args.seconds:g}",
        "model": "tiny MarianMT (tests/support/tiny_models.py), ctranslate2 float32",
        "concurrency": args.concurrency,
        "seconds": round(wall, 2),
        "requests": stats.requests,
        "errors": sum(stats.errors.values()),
        "endpoints": endpoints,
        "rss_before_mib": round(rss_before, 1),
        "rss_after_mib": round(rss_after, 1),
        "rss_change_mib": round(rss_after - rss_before, 1),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}",
        "error_samples": stats.error_samples,
    }
    args.output.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(f"{result['command']}: {stats.requests} requests in {wall:.1f} s, "
          f"{result['errors']} errors")  # fmt: skip
    print()
    print(table(result))
    for sample in stats.error_samples:
        print("error:", sample)
    if result["errors"] and "Traceback" in server_log:
        print(server_log[-4000:])
    print(f"\nwrote {args.output}")
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
