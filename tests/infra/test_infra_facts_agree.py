"""Facts the Pulumi program cannot import from the service (it runs without the service's
packages) must agree with the service's own: model ids, engine defaults, direction names."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args

from service.schemas import Direction
from service.settings import Settings
from service.translation.translator import DIRECTIONS

if TYPE_CHECKING:
    from tests.infra.conftest import Deployment

yaml: Any = importlib.import_module("yaml")
ROOT = Path(__file__).resolve().parents[2]
# Pulumi config key -> the service setting it sets (infra/function.py passes it on).
SAME_DEFAULT = {
    "modelZhEn": "translate_model_zh_en",
    "modelEnZh": "translate_model_en_zh",
    "translateEngine": "translate_engine",
    "translateComputeType": "translate_compute_type",
}


def test_pulumi_defaults_are_the_service_defaults() -> None:
    project = yaml.safe_load((ROOT / "Pulumi.yaml").read_text(encoding="utf-8"))["config"]
    for key, field in SAME_DEFAULT.items():
        assert project[key]["default"] == Settings.model_fields[field].default, key
    stack = yaml.safe_load((ROOT / "Pulumi.dev.yaml").read_text(encoding="utf-8"))["config"]
    # The dev stack inherits the model ids rather than repeating them.
    assert not {f"hanzi-lambda:{key}" for key in ("modelZhEn", "modelEnZh")} & stack.keys()


def test_directions_are_listed_once() -> None:
    assert get_args(Direction) == tuple(DIRECTIONS)
    for direction, spec in DIRECTIONS.items():
        assert direction == f"{spec.source}-{spec.target}"
        field = spec.setting.lower()  # the variable named in 503 messages is the one read
        assert spec.model(Settings.model_validate({field: "/models/x"})) == "/models/x"


def test_the_function_sets_each_directions_model_variable(deployment: Deployment) -> None:
    function = deployment.one("aws:lambda/function:Function").inputs
    variables = function["environment"]["variables"]
    assert {spec.setting for spec in DIRECTIONS.values()} <= variables.keys()
