"""/segment from two source trees side by side: throughput and process start → first /segment.

    python -m bench.segment_pair OLD_TREE [--new TREE] [--rounds 20] [--starts 7]

On a shared two-core machine absolute times move by ±20 % within the day, so both trees run
at once and take turns: a server from each, chunks of ten-sentence CPP texts (its dev set,
the "▁" marks stripped) sent to one then the other, the order flipped every round; then
servers started alternately, timed from spawn to the first /segment 200. Prints medians and
ratios (this tree / OLD_TREE). Both use the same data cache, built before anything is timed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.support.server import free_port

ROOT = Path(__file__).resolve().parent.parent
CPP = ROOT.parent / "shared" / "benchmarks" / "cpp" / "dev.sent"
PER_TEXT = 10  # sentences a request
FIRST = "我喜欢学习中文。今天天气很好。"  # bench.run's first /segment after a start


def texts(count: int, offset: int = 0) -> list[str]:
    lines = [line.strip().replace("▁", "") for line in CPP.read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line][offset:]
    return ["".join(lines[i * PER_TEXT : (i + 1) * PER_TEXT]) for i in range(count)]


class Service:
    """`uvicorn service.main:app` from one source tree."""

    def __init__(self, tree: Path) -> None:
        self.port = free_port()
        self.started = time.monotonic()
        env = {**os.environ, "PYTHONPATH": str(tree), "API_KEYS": "", "LOG_LEVEL": "WARNING"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "service.main:app", "--host", "127.0.0.1",
             "--port", str(self.port), "--log-level", "warning", "--no-access-log"],
            cwd=tree, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        self.client = httpx.Client(base_url=f"http://127.0.0.1:{self.port}", timeout=120)

    def first_segment(self, text: str) -> float:
        """Poll /segment until the first 200; seconds since the process was spawned."""
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"uvicorn exited with {self.proc.returncode}")
            try:
                response = self.client.post("/segment", json={"text": text})
            except httpx.TransportError:  # not listening yet
                time.sleep(0.005)
                continue
            response.raise_for_status()
            return time.monotonic() - self.started

    def chars_per_s(self, batch: list[str]) -> float:
        started = time.perf_counter()
        for text in batch:
            self.client.post("/segment", json={"text": text}).raise_for_status()
        return sum(map(len, batch)) / (time.perf_counter() - started)

    def close(self) -> None:
        self.client.close()
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def throughput(trees: dict[str, Path], rounds: int, chunk: int) -> dict[str, list[float]]:
    """Characters/s of each tree per round, both servers up, chunks alternating."""
    pool = texts(rounds * chunk + 20, offset=2000)
    servers = {name: Service(tree) for name, tree in trees.items()}
    figures: dict[str, list[float]] = {name: [] for name in trees}
    try:
        for server in servers.values():
            server.first_segment(pool[0])
            server.chars_per_s(pool[:20])  # warm: the data loaded, gc.freeze() done
        for number in range(rounds):
            batch = pool[20 + number * chunk : 20 + (number + 1) * chunk]
            order = list(servers) if number % 2 == 0 else list(reversed(servers))
            for name in order:
                figures[name].append(servers[name].chars_per_s(batch))
    finally:
        for server in servers.values():
            server.close()
    return figures


def starts(trees: dict[str, Path], count: int) -> dict[str, list[float]]:
    """Spawn → first /segment 200 of each tree, starts alternating (one server at a time)."""
    figures: dict[str, list[float]] = {name: [] for name in trees}
    for number in range(count):
        order = list(trees) if number % 2 == 0 else list(reversed(trees))
        for name in order:
            server = Service(trees[name])
            try:
                figures[name].append(server.first_segment(FIRST))
            finally:
                server.close()
    return figures


def report(title: str, figures: dict[str, list[float]], unit: str) -> None:
    medians = {name: statistics.median(values) for name, values in figures.items()}
    print(f"{title} (median of {len(next(iter(figures.values())))}):")
    for name, value in medians.items():
        values = " ".join(f"{v:,.3f}" for v in figures[name])
        print(f"  {name:<6} {value:,.3f} {unit}  ({values})")
    this, old = medians["this"], medians["old"]
    paired = [a / b for a, b in zip(figures["this"], figures["old"], strict=True)]
    print(
        f"  this / old: {this / old:.3f} (median of paired ratios {statistics.median(paired):.3f})"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path, help="the other source tree")
    parser.add_argument("--new", type=Path, default=ROOT, help="this tree (default: the bench's)")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--chunk", type=int, default=10, help="texts per round and server")
    parser.add_argument("--starts", type=int, default=7)
    args = parser.parse_args(argv)
    trees = {"this": args.new.resolve(), "old": args.old.resolve()}
    for tree in trees.values():  # bytecode for both, as the image has (PYTHONDONTWRITEBYTECODE)
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", str(tree / "service")], check=True
        )
    warm = Service(trees["this"])  # builds the data cache, untimed
    try:
        warm.first_segment(texts(1)[0])
    finally:
        warm.close()
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    if args.rounds:
        report("10-sentence /segment", throughput(trees, args.rounds, args.chunk), "chars/s")
    if args.starts:
        report("spawn → first /segment 200", starts(trees, args.starts), "s")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
