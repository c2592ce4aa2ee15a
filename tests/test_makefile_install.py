"""`make serve`'s install step: CPU-only torch first, from PyTorch's CPU index, then the rest."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CPU_INDEX = "https://download.pytorch.org/whl/cpu"


def _install_commands(tmp_path: Path) -> list[str]:
    """The commands make would run to build a fresh virtualenv (dry run: nothing installed)."""
    venv = tmp_path / "venv"
    out = subprocess.run(
        ["make", "-n", "-C", str(ROOT), f"VENV={venv}", f"{venv}/.installed"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    joined = re.sub(r"\\\n\s*", " ", out)  # continuation lines
    return [line for line in joined.splitlines() if "pip install" in line]


def test_torch_comes_first_from_the_cpu_index_with_a_short_timeout(tmp_path: Path) -> None:
    commands = _install_commands(tmp_path)
    torch_step = next(i for i, c in enumerate(commands) if "torch==" in c)
    requirements_step = next(i for i, c in enumerate(commands) if "-r requirements-dev.txt" in c)
    assert torch_step < requirements_step
    torch_command = commands[torch_step]
    assert f"--extra-index-url {CPU_INDEX}" in torch_command
    # An unreachable index must not cost minutes (pip's default-timeout may be set high).
    timeout = re.search(r"--timeout (\d+)", torch_command)
    assert timeout is not None and int(timeout.group(1)) <= 30
    assert "--retries 1" in torch_command


def test_the_makefile_pins_the_same_torch_as_the_requirements(tmp_path: Path) -> None:
    """Otherwise the requirements step would replace the CPU build with PyPI's CUDA one."""
    (torch_command,) = [c for c in _install_commands(tmp_path) if "torch==" in c]
    pinned = re.search(r"torch==([\w.]+)", torch_command)
    requirement = re.search(
        r"^torch==([\w.]+)$", (ROOT / "requirements-dev.txt").read_text(), re.MULTILINE
    )
    assert pinned is not None and requirement is not None
    assert pinned.group(1) == requirement.group(1)
