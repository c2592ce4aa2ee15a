"""Function rules: limits, image, warm-up, concurrency, logs, exports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from service.schemas import WarmupEvent

if TYPE_CHECKING:
    from tests.infra.conftest import Deployment, Runner

FUNCTION = "aws:lambda/function:Function"
# Copied from bench/results.json only by `python -m bench.sizing`: a bench run changes nothing here.
SIZING = Path(__file__).resolve().parents[2] / "bench" / "sizing.json"
# Beyond the processes' own peaks: Lambda's runtime interface client and the page cache of
# EFS reads, which count against the function's memory too.
RUNTIME_HEADROOM_MB = 128
IMAGE = "awsx:ecr:Image"
INVOCATION = "aws:lambda/invocation:Invocation"
PLATFORMS = {"x86_64": "linux/amd64", "arm64": "linux/arm64"}


def test_memory_timeout_and_environment_within_lambda_limits(deployment: Deployment) -> None:
    function = deployment.one(FUNCTION).inputs
    assert 128 <= function["memorySize"] <= 10240
    assert function["memorySize"] == int(deployment.setting("memoryMb"))
    # Long enough for a first hub download of both models, within Lambda's 900 s.
    assert 120 <= function["timeout"] <= 900
    assert 512 <= function["ephemeralStorage"]["size"] <= 10240
    variables = deployment.plain(function["environment"]["variables"])
    assert sum(len(k.encode()) + len(v.encode()) for k, v in variables.items()) < 4096


def test_memory_holds_the_measured_peaks(deployment: Deployment) -> None:
    """Serving everything and, on a model's first load, the converter child at once.

    Figures from `make bench` kept in bench/sizing.json for the stack's compute type: peak
    RSS of the server with both directions and the part-of-speech tagger loaded, and of the
    converter process.
    """
    results = json.loads(SIZING.read_text(encoding="utf-8"))
    compute_type = deployment.setting("translateComputeType")
    serving = results[
        "ours_with_pos_peak_rss_mb"
        if compute_type == "int8"
        else "ours_float32_with_pos_peak_rss_mb"
    ]
    converter = max(
        mb for arm, mb in results["converter_peak_rss_mb"].items() if arm.endswith(compute_type)
    )
    memory = deployment.one(FUNCTION).inputs["memorySize"]
    assert serving + converter + RUNTIME_HEADROOM_MB <= memory


def test_environment_carries_the_service_settings(deployment: Deployment) -> None:
    variables = deployment.one(FUNCTION).inputs["environment"]["variables"]
    assert variables["TRANSLATE_MODEL_ZH_EN"] == deployment.setting("modelZhEn")
    assert variables["TRANSLATE_MODEL_EN_ZH"] == deployment.setting("modelEnZh")
    assert variables["TRANSLATE_ENGINE"] == deployment.setting("translateEngine")
    assert (
        variables["TRANSLATE_COMPUTE_TYPE"] == deployment.setting("translateComputeType") == "int8"
    )
    assert variables["TRANSLATE_NUM_BEAMS"] == ""
    assert variables["TRANSLATE_THREADS"] == str(deployment.setting("translateThreads"))
    assert variables["MAX_TEXT_CHARS"] == "5000"
    assert "API_KEYS" not in variables  # unset in the committed stack


def test_image_platform_matches_architecture(deployment: Deployment) -> None:
    function = deployment.one(FUNCTION).inputs
    image = deployment.one(IMAGE)
    (architecture,) = function["architectures"]
    assert architecture == deployment.setting("architecture")
    # One platform only: with docker-build's default (provenance off) that is a plain manifest.
    assert image.inputs["platform"] == PLATFORMS[architecture]
    assert image.inputs["dockerfile"] == "service/Dockerfile"
    assert function["packageType"] == "Image"
    assert function["imageUri"] == image.outputs["imageUri"]
    assert "@sha256:" in function["imageUri"]  # by digest: every rebuild updates the function
    assert function["imageConfig"]["commands"] == ["service.lambda_handler.handler"]


def test_arm64_builds_an_arm64_image(run: Runner) -> None:
    deployment = run({"hanzi-lambda:architecture": "arm64"})
    assert deployment.one(FUNCTION).inputs["architectures"] == ["arm64"]
    assert deployment.one(IMAGE).inputs["platform"] == "linux/arm64"


def test_warmup_input_is_accepted_by_the_service_model(deployment: Deployment) -> None:
    invocation = deployment.one(INVOCATION)
    event = WarmupEvent.model_validate_json(invocation.inputs["input"])
    assert event.warmup is True
    assert event.directions is None  # every direction the service has: it alone lists them
    function = deployment.one(FUNCTION)
    assert invocation.inputs["functionName"] == function.outputs["name"]
    # Re-run when the image or a model changes.
    triggers = invocation.inputs["triggers"]
    assert triggers["imageUri"] == deployment.one(IMAGE).outputs["imageUri"]
    assert triggers["modelZhEn"] == deployment.setting("modelZhEn")
    assert triggers["modelEnZh"] == deployment.setting("modelEnZh")


def test_prewarm_can_be_switched_off(run: Runner) -> None:
    assert not run({"hanzi-lambda:prewarm": "false"}).all(INVOCATION)


def test_concurrency_and_log_retention_come_from_config(deployment: Deployment) -> None:
    function = deployment.one(FUNCTION)
    assert function.inputs["reservedConcurrentExecutions"] == int(
        deployment.setting("reservedConcurrency")
    )
    log_group = deployment.named("aws:cloudwatch/logGroup:LogGroup", "-function-logs")
    assert function.inputs["loggingConfig"]["logGroup"] == log_group.outputs["name"]
    assert log_group.inputs["retentionInDays"] == int(deployment.setting("logRetentionDays"))
    # Provisioned concurrency is off in the committed stack.
    assert not deployment.all("aws:lambda/alias:Alias")
    assert not deployment.all(
        "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig"
    )


def test_provisioned_concurrency_goes_through_a_published_alias(run: Runner) -> None:
    deployment = run({"hanzi-lambda:provisionedConcurrency": "2"})
    function = deployment.one(FUNCTION)
    alias = deployment.one("aws:lambda/alias:Alias")
    provisioned = deployment.one(
        "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig"
    )
    assert function.inputs["publish"] is True
    assert alias.inputs["functionVersion"] == function.outputs["version"]
    assert provisioned.inputs["qualifier"] == alias.inputs["name"]
    assert provisioned.inputs["provisionedConcurrentExecutions"] == 2
    integration = deployment.one("aws:apigatewayv2/integration:Integration")
    assert integration.inputs["integrationUri"] == alias.outputs["invokeArn"]
    permission = deployment.one("aws:lambda/permission:Permission")
    assert permission.inputs["qualifier"] == alias.inputs["name"]


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("memoryMb", "10241"),
        ("timeoutSeconds", "901"),
        ("timeoutSeconds", "30"),
        ("architecture", "x86"),
        ("natStrategy", "None"),
        ("logRetentionDays", "10"),
    ],
)
def test_out_of_range_settings_are_refused(run: Runner, key: str, value: str) -> None:
    with pytest.raises(Exception, match=key):
        run({f"hanzi-lambda:{key}": value})


def test_reserved_concurrency_zero_is_refused_with_the_reason(run: Runner) -> None:
    with pytest.raises(Exception, match=r"reservedConcurrency=0 would throttle every call"):
        run({"hanzi-lambda:reservedConcurrency": "0"})
    capped = run({"hanzi-lambda:reservedConcurrency": "1"})
    assert capped.one(FUNCTION).inputs["reservedConcurrentExecutions"] == 1


def test_exports(deployment: Deployment) -> None:
    exports = deployment.exports
    assert exports["apiUrl"].startswith("https://")
    assert exports["docsUrl"] == exports["apiUrl"] + "/docs"
    assert exports["functionName"] == deployment.one(FUNCTION).outputs["name"]
    assert exports["imageUri"] == deployment.one(IMAGE).outputs["imageUri"]
    assert exports["repositoryUrl"] == deployment.one("awsx:ecr:Repository").outputs["url"]
    assert exports["fileSystemId"] == deployment.one("aws:efs/fileSystem:FileSystem").id
