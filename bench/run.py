"""`make bench`: the service against the AWS sample's way, side by side in one run.

    python -m bench.run [--runs 5] [--keep DIR]

Builds opus-mt-shaped models with random weights in a temporary directory, converts them for
CTranslate2 (timed: the one-time cost), then measures, interleaving the arms round by round
so that machine noise hits them alike:

- cold starts (fresh processes): the AWS sample's way, process start → first translation; ours
  under uvicorn over loopback HTTP, process start → first /segment 200 and, in separate
  processes, → first /translate 200; peak RSS (VmHWM) with both directions loaded; the
  same first /translate from a read-only copy of the code as Lambda runs it
  (PYTHONDONTWRITEBYTECODE, no bytecode cache), and from one compiled as the Dockerfile does;
- warm latency (medians of --runs): 1 sentence, a 5-sentence paragraph, 16 sentences
  (16 texts in one request; the AWS sample's way runs one generate per text), for the AWS
  sample's way, the service's engine called directly (several settings), and the service over HTTP.

Every arm decodes exactly TOKENS_PER_SENTENCE tokens per sentence with the model's 6 beams
(the AWS sample's whole-paragraph call: 5×). Prints a Markdown table; writes bench/results.json.
The parent process never imports torch, transformers or ctranslate2.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from bench import big_arm
from bench.workload import (
    BATCH_SENTENCES,
    MARKER,
    PARAGRAPH_SENTENCES,
    TOKENS_PER_SENTENCE,
    child_env,
    peak_rss_mb,
    workload,
)

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
OPS = ("one", "para", "batch16")
SEED_MEMORY_MB = 8096  # the AWS sample's Lambda function size


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def loadavg() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


def parse(line: str) -> dict[str, Any] | None:
    return json.loads(line[len(MARKER) :]) if line.startswith(MARKER) else None


def run_child(args: list[str], env: dict[str, str]) -> tuple[float, dict[str, Any]]:
    """Run to completion; (CLOCK_MONOTONIC just before the spawn, its last protocol line)."""
    started = time.monotonic()
    proc = subprocess.run(
        [PY, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    payloads = [p for p in map(parse, proc.stdout.splitlines()) if p is not None]
    if proc.returncode != 0 or not payloads:
        raise RuntimeError(f"{args} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return started, payloads[-1]


class Worker:
    """A long-lived arm: one JSON op per line in, one timed JSON answer out."""

    def __init__(self, name: str, args: list[str], env: dict[str, str]) -> None:
        self.name = name
        self.proc = subprocess.Popen(
            [PY, *args],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            bufsize=1,
        )
        self.ready = self.read()

    def read(self) -> dict[str, Any]:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            payload = parse(line)
            if payload is not None:
                return payload
        raise RuntimeError(f"worker {self.name} exited ({self.proc.wait()})")

    def call(self, op: str, **kwargs: Any) -> dict[str, Any]:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps({"op": op, **kwargs}) + "\n")
        self.proc.stdin.flush()
        return self.read()

    def time(self, op: str, **kwargs: Any) -> float:
        return float(self.call(op, **kwargs)["s"])

    def close(self) -> None:
        if self.proc.poll() is None:
            assert self.proc.stdin is not None
            self.proc.stdin.write('{"op": "quit"}\n')
            self.proc.stdin.flush()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """Our service under uvicorn in its own process (bench.forced_app: equal work)."""

    def __init__(self, env: dict[str, str], cwd: Path = ROOT) -> None:
        self.port = free_port()
        self.started = time.monotonic()
        self.proc = subprocess.Popen(
            [
                PY,
                "-m",
                "uvicorn",
                "bench.forced_app:app",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--log-level",
                "warning",
            ],
            cwd=cwd,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.client = httpx.Client(base_url=f"http://127.0.0.1:{self.port}", timeout=300)

    def first_ok(self, path: str, body: dict[str, Any]) -> float:
        """Poll until the first 200; seconds since the process was spawned."""
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"uvicorn exited with {self.proc.returncode}")
            try:
                response = self.client.post(path, json=body)
            except httpx.TransportError:  # not listening yet
                time.sleep(0.005)
                continue
            if response.status_code != 200:
                raise RuntimeError(f"{path}: {response.status_code} {response.text[:300]}")
            return time.monotonic() - self.started

    def post(self, path: str, body: dict[str, Any]) -> float:
        started = time.perf_counter()
        response = self.client.post(path, json=body)
        elapsed = time.perf_counter() - started
        if response.status_code != 200:
            raise RuntimeError(f"{path}: {response.status_code} {response.text[:300]}")
        return elapsed

    def state(self) -> dict[str, Any]:
        return dict(self.client.get("/_bench/state").json())

    def rss_mb(self) -> float:
        return peak_rss_mb(self.proc.pid)

    def close(self) -> None:
        self.client.close()
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def translate_body(texts: list[str], source: str = "zh", target: str = "en") -> dict[str, Any]:
    return {"text": texts[0] if len(texts) == 1 else texts, "source": source, "target": target}


def med(values: list[float]) -> float:
    return float(statistics.median(values))


# --------------------------------------------------------------------------------------------


def build_models(tmp: Path, *, big: bool = False) -> dict[str, Any]:
    log("building opus-mt-shaped models with random weights" + (" (+ transformer-big)" * big))
    args = ["-m", "bench.models", str(tmp / "models"), *(["--big"] if big else [])]
    started, out = run_child(args, child_env())
    out["build_s"] = time.monotonic() - started
    return dict(out)


def convert_all(env: dict[str, str], big_env: dict[str, str] | None = None) -> dict[str, Any]:
    """The one-time conversion, per direction and compute type, each in a fresh process."""
    result: dict[str, Any] = {}
    cases = [("zh-en", "zh-en", env), ("en-zh", "en-zh", env)]
    if big_env is not None:  # the transformer-big model, converted as the zh-en direction
        cases.append(("zh-en-big", "zh-en", big_env))
    for compute_type in ("float32", "int8"):
        for name, direction, case_env in cases:
            log(f"converting {name} to CTranslate2 {compute_type}")
            started, out = run_child(
                ["-m", "bench.engine_arm", "convert", "ctranslate2", compute_type, "0", direction],
                case_env,
            )
            result[f"{name}-{compute_type}"] = {
                "process_s": out["done_at"] - started,  # python + torch import + convert + load
                "load_s": out["load_s"],  # registry.get: conversion (+ its imports) + load
                "converter_rss_mb": out["converter_rss_mb"],  # the converter child's peak
            }
    return result


def first_translations(env: dict[str, str], cwd: Path = ROOT) -> dict[str, Any]:
    """A fresh server: process start → first /translate 200, then both directions loaded."""
    work = workload()
    server = Server(env, cwd)
    try:
        first_translate = server.first_ok("/translate", translate_body(work["one"]["texts"]))
        server.post("/translate", translate_body(work["en_one"]["texts"], "en", "zh"))
        state = server.state()
        rss_mb = server.rss_mb()
        # Part-of-speech tags (an opt-in of /segment) load one more model: sizing needs it.
        server.post("/segment", {"text": "我喜欢学习中文。今天天气很好。", "pos": True})
        return {
            "first_translate_s": first_translate,
            "rss_mb": rss_mb,
            "rss_with_pos_mb": server.rss_mb(),
            "load_s": state["load_seconds"],
            "torch": state["torch"],
            "transformers": state["transformers"],
        }
    finally:
        server.close()


# The code as Lambda runs it: the image's files are read-only and PYTHONDONTWRITEBYTECODE is
# set, so no bytecode cache is written; either the image ships one (service/Dockerfile
# compiles service/ at build time) or every cold start compiles every module again.
CODE_PACKAGES = ("service", "bench")
COMPILE_ARGS = ["-m", "compileall", "-q", "-j", "0", "--invalidation-mode", "unchecked-hash"]
LAMBDA_ARMS = ("lambda_no_bytecode", "lambda_compiled")


def lambda_code(tmp: Path) -> dict[str, Path]:
    """Two read-only copies of the code without the working tree's __pycache__: one left
    bare, one compiled with the Dockerfile's command. Site-packages are the venv's (pip
    compiles them at install, in the image too)."""
    copies: dict[str, Path] = {}
    for arm in LAMBDA_ARMS:
        root = tmp / arm
        for package in CODE_PACKAGES:
            shutil.copytree(
                ROOT / package, root / package, ignore=shutil.ignore_patterns("__pycache__")
            )
        if arm == "lambda_compiled":
            subprocess.run([PY, *COMPILE_ARGS, *CODE_PACKAGES], cwd=root, check=True)
        for path in [root, *root.rglob("*")]:
            path.chmod(path.stat().st_mode & ~0o222)
        copies[arm] = root
    return copies


def lambda_env(env: dict[str, str], code: Path) -> dict[str, str]:
    return {**env, "PYTHONPATH": str(code), "PYTHONDONTWRITEBYTECODE": "1"}


def bytecode_files(code: Path) -> int:
    return sum(1 for _ in code.rglob("*.pyc"))


def cold_starts(
    runs: int, dirs: dict[str, str], env: dict[str, str], code: dict[str, Path]
) -> dict[str, Any]:
    seed: list[dict[str, Any]] = []
    lambda_rows: dict[str, list[dict[str, Any]]] = {arm: [] for arm in LAMBDA_ARMS}
    pyc_before = {arm: bytecode_files(path) for arm, path in code.items()}
    ours_segment: list[dict[str, Any]] = []
    ours_translate: list[dict[str, Any]] = []
    ours_translate_float32: list[dict[str, Any]] = []
    for run in range(runs):
        log(f"cold starts, round {run + 1}/{runs} (load {loadavg():.1f})")
        started, out = run_child(
            ["-m", "bench.seed_arm", "cold", dirs["zh-en"], dirs["en-zh"]], child_env()
        )
        seed.append(
            {
                "first_translation_s": out["first_translation_at"] - started,
                "interpreter_s": out["import_started"] - started,
                "imports_s": out["imports_s"],
                "load_one_s": out["load_one_s"],
                "load_both_s": out["load_both_s"],
                "rss_mb": out["rss_mb"],
                "torch_threads": out["torch_threads"],
                "num_beams": out["num_beams"],
            }
        )

        server = Server(env)
        try:
            first_segment = server.first_ok("/segment", {"text": "我喜欢学习中文。今天天气很好。"})
            state = server.state()
            ours_segment.append(
                {"first_segment_s": first_segment, "torch": state["torch"], "state": state}
            )
        finally:
            server.close()

        ours_translate.append(first_translations(env))
        ours_translate_float32.append(
            first_translations({**env, "TRANSLATE_COMPUTE_TYPE": "float32"})
        )
        for arm, path in code.items():
            lambda_rows[arm].append(first_translations(lambda_env(env, path), cwd=path))
    # The read-only copies must come out as they went in: no bytecode written by any run.
    pyc_after = {arm: bytecode_files(path) for arm, path in code.items()}
    if pyc_after != pyc_before:
        raise RuntimeError(f"bytecode written into the read-only copies: {pyc_after}")
    return {
        "seed": seed,
        "ours_segment": ours_segment,
        "ours_translate": ours_translate,
        "ours_translate_float32": ours_translate_float32,
        **lambda_rows,
        "lambda_pyc_files": pyc_after,
    }


# The service over HTTP: its default (int8 weights) and the lossless float32 option.
HTTP_ARMS = {"http": "int8", "http-float32": "float32"}
ENGINE_ARMS = (  # (label, engine, compute type, threads setting; 0 = the CPUs we may use)
    ("ct2-float32-default", "ctranslate2", "float32", 0),
    ("ct2-float32-1t", "ctranslate2", "float32", 1),
    ("ct2-int8-default", "ctranslate2", "int8", 0),
    ("ct2-int8-1t", "ctranslate2", "int8", 1),
    ("transformers-batched-default", "transformers", "float32", 0),
)


def warm(runs: int, dirs: dict[str, str], env: dict[str, str]) -> dict[str, Any]:
    work = workload()
    log("starting warm arms")
    workers: dict[str, Worker] = {}
    servers: dict[str, Server] = {}
    samples: dict[str, dict[str, list[float]]] = {}
    info: dict[str, Any] = {}
    try:
        workers["seed"] = Worker(
            "seed", ["-m", "bench.seed_arm", "serve", dirs["zh-en"], dirs["en-zh"]], child_env()
        )
        for label, engine, compute_type, threads in ENGINE_ARMS:
            workers[label] = Worker(
                label,
                ["-m", "bench.engine_arm", "serve", engine, compute_type, str(threads)],
                env,
            )
        for label, overrides in big_arm.http_arms(dirs, HTTP_ARMS).items():
            servers[label] = Server({**env, **overrides})
            servers[label].first_ok("/translate", translate_body(work["one"]["texts"]))
        info = {name: worker.ready for name, worker in workers.items()}

        def http(label: str, op: str) -> float:
            return servers[label].post("/translate", translate_body(work[op]["texts"]))

        # arm → op → a function that runs the op once and returns its seconds
        arms: dict[str, dict[str, Any]] = {
            "seed": {op: (lambda op=op: workers["seed"].time(op)) for op in OPS},
            "seed-1t": {
                op: (lambda op=op: workers["seed"].time(op, threads=1)) for op in ("one", "para")
            },
        }
        for label in servers:
            arms[label] = {op: (lambda op=op, label=label: http(label, op)) for op in OPS}
        for label, *_ in ENGINE_ARMS:
            arms[label] = {op: (lambda op=op, w=workers[label]: w.time(op)) for op in OPS}
        samples = {arm: {op: [] for op in ops} for arm, ops in arms.items()}

        log("warm-up: every arm, 1 sentence and paragraph, once")
        for ops in arms.values():
            for op, fn in ops.items():
                if op != "batch16":
                    fn()
        names = list(arms)
        for run in range(runs):
            log(f"warm round {run + 1}/{runs} (load {loadavg():.1f})")
            shift = run % len(names)
            for arm in names[shift:] + names[:shift]:  # rotate the order every round
                for op, fn in arms[arm].items():
                    samples[arm][op].append(fn())
        info["rss_mb"] = {name: w.call("rss")["rss_mb"] for name, w in workers.items()}
        info["http_rss_mb"] = {label: server.rss_mb() for label, server in servers.items()}
    finally:
        for worker in workers.values():
            worker.close()
        for server in servers.values():
            server.close()
    return {"samples": samples, "workers": info}


def segment_probe(env: dict[str, str]) -> dict[str, Any]:
    _, out = run_child(["-m", "bench.segment_probe"], env)
    return out


# --------------------------------------------------------------------------------------------


def summarize(raw: dict[str, Any]) -> dict[str, Any]:
    """Headline keys measure the service's defaults (int8 weights); *_float32 the exact option."""
    warm_samples = raw["warm"]["samples"]
    m = {arm: {op: med(v) for op, v in ops.items()} for arm, ops in warm_samples.items()}
    cold = raw["cold"]
    seed_first = med([r["first_translation_s"] for r in cold["seed"]])
    seed_rss = med([r["rss_mb"] for r in cold["seed"]])

    def cold_figures(rows: list[dict[str, Any]]) -> tuple[float, float]:
        return med([r["first_translate_s"] for r in rows]), med([r["rss_mb"] for r in rows])

    ours_first, ours_rss = cold_figures(cold["ours_translate"])
    f32_first, f32_rss = cold_figures(cold["ours_translate_float32"])
    engine = m["ct2-int8-default"]
    return {
        "paragraph_speedup": m["seed"]["para"] / m["http"]["para"],
        "paragraph_speedup_engine": m["seed"]["para"] / engine["para"],
        "paragraph_speedup_1t": m["seed-1t"]["para"] / m["ct2-int8-1t"]["para"],
        "paragraph_speedup_float32": m["seed"]["para"] / m["http-float32"]["para"],
        "paragraph_speedup_float32_1t": m["seed-1t"]["para"] / m["ct2-float32-1t"]["para"],
        "one_sentence_speedup": m["seed"]["one"] / m["http"]["one"],
        "batch16_speedup": m["seed"]["batch16"] / m["http"]["batch16"],
        "cold_start_speedup": seed_first / ours_first,
        "cold_start_speedup_float32": seed_first / f32_first,
        **{
            f"first_translate_{arm}_s": med([r["first_translate_s"] for r in cold[arm]])
            for arm in LAMBDA_ARMS
        },
        **{
            f"cold_start_speedup_{arm}": seed_first
            / med([r["first_translate_s"] for r in cold[arm]])
            for arm in LAMBDA_ARMS
        },
        "rss_ratio": ours_rss / seed_rss,
        "rss_ratio_float32": f32_rss / seed_rss,
        "first_segment_s": med([r["first_segment_s"] for r in cold["ours_segment"]]),
        "segment_imports_torch": bool(
            raw["segment_probe"]["torch"] or any(r["torch"] for r in cold["ours_segment"])
        ),
        "translate_imports_torch": any(
            r["torch"] for r in cold["ours_translate"] + cold["ours_translate_float32"]
        ),
        "first_translate_s": ours_first,
        "first_translate_float32_s": f32_first,
        "seed_first_translation_s": seed_first,
        "model_load_s": med([r["load_s"]["zh-en"] for r in cold["ours_translate"]]),
        "model_load_float32_s": med([r["load_s"]["zh-en"] for r in cold["ours_translate_float32"]]),
        "seed_model_load_s": med([r["load_one_s"] for r in cold["seed"]]),
        "seed_imports_s": med([r["imports_s"] for r in cold["seed"]]),
        "ours_peak_rss_mb": ours_rss,
        "ours_float32_peak_rss_mb": f32_rss,
        "ours_with_pos_peak_rss_mb": med([r["rss_with_pos_mb"] for r in cold["ours_translate"]]),
        "ours_float32_with_pos_peak_rss_mb": med(
            [r["rss_with_pos_mb"] for r in cold["ours_translate_float32"]]
        ),
        "seed_peak_rss_mb": seed_rss,
        "http_overhead_para_s": m["http"]["para"] - engine["para"],
        "http_overhead_one_s": m["http"]["one"] - engine["one"],
        "conversion_s": {k: v["process_s"] for k, v in raw["conversion"].items()},
        # The default models only: bench.sizing copies this for the dev stack's memory test.
        "converter_peak_rss_mb": {
            k: v["converter_rss_mb"] for k, v in raw["conversion"].items() if "-big-" not in k
        },
        "big_converter_peak_rss_mb": {
            k: v["converter_rss_mb"] for k, v in raw["conversion"].items() if "-big-" in k
        },
        "medians_s": m,
        "lambda": lambda_costs(m),
        **big_arm.summary(m),
    }


def dev_stack_memory_mb() -> int:
    """memoryMb of the committed dev stack: the size the costs below are quoted at."""
    text = (ROOT / "Pulumi.dev.yaml").read_text(encoding="utf-8")
    found = re.search(r"^\s*hanzi-lambda:memoryMb:\s*(\d+)", text, re.MULTILINE)
    if found is None:
        raise RuntimeError("Pulumi.dev.yaml sets no hanzi-lambda:memoryMb")
    return int(found.group(1))


def lambda_costs(m: dict[str, dict[str, float]]) -> dict[str, Any]:
    """GB-seconds per 1000 paragraph translations, from the measured warm medians.

    Assumes a request's billed duration ≈ its measured latency here (one Lambda vCPU ≈ one
    core of this machine) and ignores the per-request fee, cold starts and HTTP front-ends.
    Up to 1769 MB a function has at most one vCPU, so it runs threads=1 (the dev stack's
    translateThreads): the engine's 1-thread median plus the HTTP overhead measured here.
    The AWS sample: its measured median at 8096 MB.
    """
    memory = dev_stack_memory_mb()

    def overhead(http: str, engine: str) -> float:
        return max(0.0, m[http]["para"] - m[engine]["para"])

    cases = {
        "seed_8096mb": (SEED_MEMORY_MB, m["seed"]["para"]),
        f"ours_int8_{memory}mb_threads1": (
            memory,
            m["ct2-int8-1t"]["para"] + overhead("http", "ct2-int8-default"),
        ),
        f"ours_float32_{memory}mb_threads1": (
            memory,
            m["ct2-float32-1t"]["para"] + overhead("http-float32", "ct2-float32-default"),
        ),
    }
    return {
        name: {
            "memory_mb": mb,
            "paragraph_s": seconds,
            "gb_s_per_1000": 1000 * seconds * mb / 1024,
        }
        for name, (mb, seconds) in cases.items()
    }


def fmt_s(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def table(summary: dict[str, Any], raw: dict[str, Any]) -> str:
    m = summary["medians_s"]
    s = summary
    runs = raw["runs"]
    rows = [
        "| Figure | AWS sample's way | Ours: engine direct | Ours: HTTP (uvicorn) "
        "| Sample / ours (HTTP) | Ours, float32 option: HTTP | Sample / float32 |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    labels = {
        "one": "Warm latency, 1 sentence",
        "para": f"Warm latency, {PARAGRAPH_SENTENCES}-sentence paragraph",
        "batch16": f"{BATCH_SENTENCES} sentences (16 texts, one request)",
    }
    for op, label in labels.items():
        seed, eng, http, f32 = (
            m["seed"][op], m["ct2-int8-default"][op], m["http"][op], m["http-float32"][op]
        )  # fmt: skip
        rows.append(
            f"| {label} | {fmt_s(seed)} | {fmt_s(eng)} | {fmt_s(http)} | {seed / http:.1f}× "
            f"| {fmt_s(f32)} | {seed / f32:.1f}× |"
        )
    seed_b, http_b, f32_b = m["seed"]["batch16"], m["http"]["batch16"], m["http-float32"]["batch16"]
    rows += [
        f"| Throughput, {BATCH_SENTENCES} sentences | {BATCH_SENTENCES / seed_b:.2f} sent/s | "
        f"{BATCH_SENTENCES / m['ct2-int8-default']['batch16']:.2f} sent/s | "
        f"{BATCH_SENTENCES / http_b:.2f} sent/s | {seed_b / http_b:.1f}× | "
        f"{BATCH_SENTENCES / f32_b:.2f} sent/s | {seed_b / f32_b:.1f}× |",
        f"| Process start → first translation | {fmt_s(s['seed_first_translation_s'])} | — | "
        f"{fmt_s(s['first_translate_s'])} (first /translate 200) | "
        f"{s['cold_start_speedup']:.1f}× | {fmt_s(s['first_translate_float32_s'])} | "
        f"{s['cold_start_speedup_float32']:.1f}× |",
        f"| … the same, code read-only as on Lambda, no bytecode cache | — | — | "
        f"{fmt_s(s['first_translate_lambda_no_bytecode_s'])} | "
        f"{s['cold_start_speedup_lambda_no_bytecode']:.1f}× | — | — |",
        f"| … read-only, bytecode compiled at build (service/Dockerfile) | — | — | "
        f"{fmt_s(s['first_translate_lambda_compiled_s'])} | "
        f"{s['cold_start_speedup_lambda_compiled']:.1f}× | — | — |",
        f"| Process start → first /segment 200 | — | — | {fmt_s(s['first_segment_s'])} | — "
        "| — | — |",
        f"| Model load, one direction | {fmt_s(s['seed_model_load_s'])} (from_pretrained) | — | "
        f"{fmt_s(s['model_load_s'])} (converted dir) | — | {fmt_s(s['model_load_float32_s'])} "
        "| — |",
        f"| torch + transformers imports | {fmt_s(s['seed_imports_s'])} | — | not imported | — "
        "| not imported | — |",
        f"| Peak RSS, both directions loaded | {s['seed_peak_rss_mb']:.0f} MB | — | "
        f"{s['ours_peak_rss_mb']:.0f} MB | ours = {s['rss_ratio']:.2f}× sample | "
        f"{s['ours_float32_peak_rss_mb']:.0f} MB | {s['rss_ratio_float32']:.2f}× sample |",
        f"| Peak RSS, also after /segment with pos: true | — | — | "
        f"{s['ours_with_pos_peak_rss_mb']:.0f} MB | — | "
        f"{s['ours_float32_with_pos_peak_rss_mb']:.0f} MB | — |",
        "| /segment path imports torch | — | — | "
        f"{'yes' if s['segment_imports_torch'] else 'no'} | — | — | — |",
    ]
    extra = [
        "",
        f"Warm-latency medians of {runs} runs, by setting (engine called directly; "
        "ctranslate2 rows from a pre-converted cache):",
        "",
        "| Arm | 1 sentence | Paragraph | 16 sentences |",
        "|---|---:|---:|---:|",
    ]
    default_threads = raw["warm"]["workers"]["ct2-int8-default"]["threads"]
    seed_threads = raw["warm"]["workers"]["seed"]["torch_threads"]
    extra.append(
        f"| AWS sample's way, torch default threads ({seed_threads}) | {fmt_s(m['seed']['one'])} | "
        f"{fmt_s(m['seed']['para'])} | {fmt_s(m['seed']['batch16'])} |"
    )
    extra.append(
        f"| AWS sample's way, torch 1 thread | {fmt_s(m['seed-1t']['one'])} | "
        f"{fmt_s(m['seed-1t']['para'])} | — |"
    )
    arm_labels = {
        "ct2-int8-default": "ctranslate2 int8 (the default), threads=default",
        "ct2-int8-1t": "ctranslate2 int8 (the default), threads=1",
        "ct2-float32-default": "ctranslate2 float32 (exact), threads=default",
        "ct2-float32-1t": "ctranslate2 float32 (exact), threads=1",
        "transformers-batched-default": "transformers engine (reference), batched, threads=default",
        "http": "Service over HTTP, int8 (the default), threads=default",
        "http-float32": "Service over HTTP, float32, threads=default",
    }
    for arm, label in arm_labels.items():
        label = label.replace("threads=default", f"threads=default ({default_threads})")
        extra.append(
            f"| {label} | {fmt_s(m[arm]['one'])} | {fmt_s(m[arm]['para'])} | "
            f"{fmt_s(m[arm]['batch16'])} |"
        )
    extra += big_arm.table_rows(m, raw["warm"]["workers"].get("http_rss_mb", {}))
    extra += ["", "Lambda, GB-seconds per 1000 paragraph translations (see lambda_costs):", ""]
    for name, case in summary["lambda"].items():
        extra.append(
            f"- {name}: {case['memory_mb']} MB × {fmt_s(case['paragraph_s'])} → "
            f"{case['gb_s_per_1000']:.0f} GB-s"
        )
    conv = summary["conversion_s"]
    extra += [
        "",
        "One-time CTranslate2 conversion (fresh process, incl. torch import; n=1 each): "
        + ", ".join(f"{k} {v:.1f} s" for k, v in conv.items()),
        "Converter child's peak RSS: "
        + ", ".join(
            f"{k} {v:.0f} MB"
            for k, v in {
                **summary["converter_peak_rss_mb"],
                **summary["big_converter_peak_rss_mb"],
            }.items()
        ),
    ]
    return "\n".join(rows + extra)


def cold_table(cold: dict[str, Any], raw: dict[str, Any]) -> str:
    """Process start → first translation for every cold arm of one run, side by side."""
    sample = med([r["first_translation_s"] for r in cold["seed"]])
    arms = {
        "ours_translate": "Ours, int8, from the working tree (bytecode cache present)",
        "lambda_no_bytecode": "Ours, int8, read-only code, no bytecode cache",
        "lambda_compiled": "Ours, int8, read-only code compiled at build (service/Dockerfile)",
        "ours_translate_float32": "Ours, float32, from the working tree",
    }
    rows = [
        "| Process start → first translation | median | runs | AWS sample / this |",
        "|---|---:|---|---:|",
        f"| AWS sample's way | {fmt_s(sample)} | "
        + ", ".join(fmt_s(r["first_translation_s"]) for r in cold["seed"])
        + " | 1.0× |",
    ]
    for arm, label in arms.items():
        times = [r["first_translate_s"] for r in cold[arm]]
        rows.append(
            f"| {label} | {fmt_s(med(times))} | {', '.join(fmt_s(t) for t in times)} | "
            f"{sample / med(times):.1f}× |"
        )
    rows.append(
        f"\n{raw['runs']} rounds, interleaved; {raw['cpus']} CPUs; load average "
        f"{raw['loadavg_start']:.1f} → {raw['loadavg_end']:.1f}; bytecode files in the "
        f"read-only copies after the runs: {cold['lambda_pyc_files']}."
    )
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="measured runs per figure (≥ 5)")
    parser.add_argument("--keep", type=Path, help="build models here and keep them")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    parser.add_argument(
        "--cold-only",
        action="store_true",
        help="cold starts only, printed as a table (results.json untouched unless --out)",
    )
    parser.add_argument("--smoke", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--no-big", action="store_true", help="skip the transformer-big zh→en arm (bench.big_arm)"
    )
    args = parser.parse_args()
    if args.runs < 5 and not args.smoke:
        parser.error("--runs must be at least 5: the figures are medians of ≥ 5 runs")

    began = time.monotonic()
    tmp = args.keep or Path(tempfile.mkdtemp(prefix="hanzi-bench-"))
    raw: dict[str, Any] = {
        "runs": args.runs,
        "tokens_per_sentence": TOKENS_PER_SENTENCE,
        "cpus": len(os.sched_getaffinity(0)),
        "loadavg_start": loadavg(),
        "python": sys.version.split()[0],
    }
    try:
        models = build_models(tmp, big=not args.no_big)
        dirs = {d: v["dir"] for d, v in models["models"].items()}
        raw["models"] = models
        env = child_env(
            {
                "TRANSLATE_MODEL_ZH_EN": dirs["zh-en"],
                "TRANSLATE_MODEL_EN_ZH": dirs["en-zh"],
                "HF_HOME": str(tmp / "hf"),
                # Cold starts read a pre-built lexicon cache, as they read pre-converted models
                # (the steady state); segment_probe builds it first.
                "DATA_CACHE_DIR": str(tmp / "lexicon"),
                "TRANSLATE_ENGINE": "ctranslate2",
                "TRANSLATE_COMPUTE_TYPE": "int8",  # the service's default; arms override it
                "TRANSLATE_THREADS": "0",
                "TRANSLATE_CACHE_SIZE": "0",  # a cache would fake speed
                # Timed, never cut: on a busy machine the 25 s deadline aborted a whole run.
                "TRANSLATE_DEADLINE_S": "600",
                "TRANSLATE_NUM_BEAMS": "",  # the model's own: 6
                "API_KEYS": "",
                "LOG_LEVEL": "WARNING",
            }
        )
        raw["conversion"] = convert_all(env, big_arm.conversion_env(env, dirs))
        raw["segment_probe"] = segment_probe(env)
        raw["cold"] = cold_starts(args.runs, dirs, env, lambda_code(tmp))
        if not args.cold_only:
            raw["warm"] = warm(args.runs, dirs, env)
    finally:
        if args.keep is None:
            for path in tmp.rglob("*"):  # the read-only copies, writable again to delete
                if path.is_dir():
                    path.chmod(0o755)
            shutil.rmtree(tmp, ignore_errors=True)
    raw["loadavg_end"] = loadavg()
    raw["total_s"] = time.monotonic() - began
    if args.cold_only:
        print(cold_table(raw["cold"], raw))
        if args.out != parser.get_default("out"):
            args.out.write_text(json.dumps(raw, indent=2) + "\n", encoding="utf-8")
        return
    summary = summarize(raw)
    text = table(summary, raw)
    args.out.write_text(
        json.dumps({**summary, "raw": raw}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(text)
    print(
        f"\nMedians of {args.runs} runs; {TOKENS_PER_SENTENCE} output tokens per sentence, "
        f"model beams ({models['models']['zh-en']['num_beams']}); {raw['cpus']} CPUs; "
        f"load average {raw['loadavg_start']:.1f} → {raw['loadavg_end']:.1f}; "
        f"total {raw['total_s'] / 60:.1f} min. Raw samples: {args.out}"
    )


if __name__ == "__main__":
    main()
