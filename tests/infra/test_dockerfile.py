"""service/Dockerfile: a base image pinned by digest, and service/ compiled at build time."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "service" / "Dockerfile"
DIGEST = re.compile(r"@sha256:[0-9a-f]{64}$")


def _instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    joined = re.sub(r"\\\n", " ", DOCKERFILE.read_text(encoding="utf-8"))
    pairs = []
    for line in joined.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            pairs.append((keyword.upper(), rest.strip()))
    return pairs


def _base_image() -> str:
    """The FROM reference with build args before it replaced by their defaults."""
    args: dict[str, str] = {}
    for keyword, rest in _instructions():
        if keyword == "ARG" and "=" in rest:
            name, _, default = rest.partition("=")
            args[name] = default
        elif keyword == "FROM":
            return re.sub(r"\$\{(\w+)\}", lambda m: args[m.group(1)], rest.split()[0])
    raise AssertionError("no FROM")


def test_base_image_is_the_lambda_python_image_pinned_by_digest() -> None:
    image = _base_image()
    assert image.startswith("public.ecr.aws/lambda/python:")
    assert DIGEST.search(image), f"{image} is not pinned by digest"


def test_service_is_compiled_after_it_is_copied_and_before_it_runs() -> None:
    instructions = _instructions()
    copy_service = next(
        i
        for i, (kw, rest) in enumerate(instructions)
        if kw == "COPY" and rest.startswith("service/ ")
    )
    compiles = [
        i
        for i, (kw, rest) in enumerate(instructions)
        if kw == "RUN" and shlex.split(rest)[:3] == ["python", "-m", "compileall"]
    ]
    assert compiles, "no `python -m compileall` step"
    (compile_step,) = compiles
    assert compile_step > copy_service
    assert "${LAMBDA_TASK_ROOT}/service" in instructions[compile_step][1]
    # Nothing copies service/ again afterwards (that would bring uncompiled sources back).
    assert not any(
        kw in {"COPY", "ADD"} and "service" in rest for kw, rest in instructions[compile_step:]
    )


def test_host_bytecode_stays_out_of_the_build_context() -> None:
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert "service/**/__pycache__" in ignored
