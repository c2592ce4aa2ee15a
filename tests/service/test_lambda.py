"""The Lambda handler with real API Gateway event shapes and the warm-up event."""

from __future__ import annotations

import base64
import importlib
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from service.lambda_handler import WarmupFailed, handler

ROOT = Path(__file__).resolve().parents[2]


class FakeContext:
    """The attributes of the Lambda context object that the service reads."""

    aws_request_id = "c0ffee00-1234-5678-9abc-def012345678"
    function_name = "hanzi-lambda"


def http_api_v2(method: str, path: str, body: str | None = None, *, b64: bool = False,
                query: str = "") -> dict[str, Any]:  # fmt: skip
    return {
        "version": "2.0",
        "routeKey": "$default",
        "rawPath": path,
        "rawQueryString": query,
        "headers": {"content-type": "application/json", "host": "abc.execute-api.aws"},
        "requestContext": {
            "accountId": "123456789012",
            "apiId": "abc",
            "domainName": "abc.execute-api.eu-west-1.amazonaws.com",
            "http": {
                "method": method,
                "path": path,
                "protocol": "HTTP/1.1",
                "sourceIp": "203.0.113.7",
                "userAgent": "test",
            },
            "requestId": "req-v2",
            "routeKey": "$default",
            "stage": "$default",
            "time": "26/Nov/2026:10:00:00 +0000",
            "timeEpoch": 1795600000000,
        },
        "body": base64.b64encode(body.encode()).decode() if (body and b64) else body,
        "isBase64Encoded": b64,
    }


def rest_api_v1(method: str, path: str, body: str | None = None) -> dict[str, Any]:
    return {
        "resource": "/{proxy+}",
        "path": path,
        "httpMethod": method,
        "headers": {"Content-Type": "application/json", "Host": "abc.execute-api.aws"},
        "multiValueHeaders": {"Content-Type": ["application/json"]},
        "queryStringParameters": None,
        "multiValueQueryStringParameters": None,
        "pathParameters": {"proxy": path.lstrip("/")},
        "stageVariables": None,
        "requestContext": {
            "resourcePath": "/{proxy+}",
            "httpMethod": method,
            "path": f"/prod{path}",
            "stage": "prod",
            "requestId": "req-v1",
            "identity": {"sourceIp": "203.0.113.7"},
        },
        "body": body,
        "isBase64Encoded": False,
    }


def _json(response: dict[str, Any]) -> Any:
    return json.loads(response["body"])


def test_http_api_v2_plain_body() -> None:
    body = json.dumps({"text": "我喜欢学习中文"})
    response = handler(http_api_v2("POST", "/segment", body), FakeContext())
    assert response["statusCode"] == 200
    assert [t["text"] for t in _json(response)["tokens"]] == ["我", "喜欢", "学习", "中文"]
    assert response["headers"]["x-request-id"] == FakeContext.aws_request_id


def test_http_api_v2_base64_body_and_query_string() -> None:
    body = json.dumps({"text": "银行"})
    response = handler(http_api_v2("POST", "/segment", body, b64=True, query="x=1"), FakeContext())
    assert response["statusCode"] == 200
    assert _json(response)["tokens"][0]["pinyin"] == "yín háng"


def test_http_api_v2_error_is_json_without_trace() -> None:
    response = handler(http_api_v2("POST", "/segment", '{"text": ""}'), FakeContext())
    assert response["statusCode"] == 422
    assert _json(response)["request_id"] == FakeContext.aws_request_id
    assert "Traceback" not in response["body"]


def test_rest_api_v1_event() -> None:
    response = handler(rest_api_v1("GET", "/health"), FakeContext())
    assert response["statusCode"] == 200 and _json(response)["status"] == "ok"
    posted = handler(rest_api_v1("POST", "/segment", '{"text": "中文"}'), FakeContext())
    assert _json(posted)["tokens"][0]["hsk_level"] == 1


def test_warm_up_loads_both_directions_and_the_segmenter(
    configure: Callable[..., None], tiny_models: dict[str, Path]
) -> None:
    configure(
        translate_model_zh_en=str(tiny_models["zh-en"]),
        translate_model_en_zh=str(tiny_models["en-zh"]),
    )
    result = handler({"warmup": True}, FakeContext())
    assert result["warmup"] is True
    assert [(r["direction"], r["loaded"], r["error"]) for r in result["results"]] == [
        ("zh-en", True, None),
        ("en-zh", True, None),
    ]
    assert result["segment"]["ready"] is True and result["segment"]["seconds"] >= 0
    named = handler({"warmup": True, "directions": ["en-zh"]}, FakeContext())["results"]
    assert [r["direction"] for r in named] == ["en-zh"]


def test_warm_up_that_leaves_a_model_unloaded_fails_naming_it(
    configure: Callable[..., None], tiny_models: dict[str, Path]
) -> None:
    configure(translate_model_zh_en=str(tiny_models["zh-en"]), translate_model_en_zh="/nowhere")
    assert handler({"warmup": True, "directions": ["zh-en"]}, FakeContext())["results"]
    with pytest.raises(WarmupFailed, match="loaded zh-en and /segment, but not en-zh") as failed:
        handler({"warmup": True}, FakeContext())
    assert "TRANSLATE_MODEL_EN_ZH" in str(failed.value)


def test_warm_up_that_loads_nothing_fails(configure: Callable[..., None]) -> None:
    configure(translate_model_zh_en="/nowhere", translate_model_en_zh="/nowhere")
    with pytest.raises(WarmupFailed, match="loaded no translation model") as failed:
        handler({"warmup": True}, FakeContext())
    assert "TRANSLATE_MODEL_ZH_EN" in str(failed.value)
    assert "TRANSLATE_MODEL_EN_ZH" in str(failed.value)


@pytest.mark.parametrize(
    ("event", "phrase"),
    [
        ({"warmup": True, "directions": ["fr-de"]}, "directions.0"),
        ({"warmup": "yes"}, "warmup"),
        ({"warmup": True, "direction": ["zh-en"]}, "direction: Extra inputs"),
    ],
)
def test_malformed_warm_up_event_fails(event: dict[str, Any], phrase: str) -> None:
    with pytest.raises(WarmupFailed, match="Invalid warm-up event") as failed:
        handler(event, FakeContext())
    assert phrase in str(failed.value)


def test_dockerfile_cmd_names_a_callable_handler() -> None:
    dockerfile = (ROOT / "service" / "Dockerfile").read_text(encoding="utf-8")
    (cmd,) = re.findall(r'^CMD \["([\w.]+)"\]$', dockerfile, flags=re.MULTILINE)
    module_name, _, attribute = cmd.rpartition(".")
    assert cmd == "service.lambda_handler.handler"
    assert callable(getattr(importlib.import_module(module_name), attribute))
    assert "FROM public.ecr.aws/lambda/python:3.12" in dockerfile
    assert "download.pytorch.org/whl/cpu" in dockerfile  # CPU-only torch
