"""HTTP API rules: CORS, payload 2.0, throttling, scoped permission, access logs."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.infra.conftest import Deployment

API = "aws:apigatewayv2/api:Api"


def test_cors_origins_come_from_config(deployment: Deployment) -> None:
    cors = deployment.one(API).inputs["corsConfiguration"]
    assert cors["allowOrigins"] == json.loads(deployment.setting("corsOrigins"))
    assert "chrome-extension://bhekmlkjianelojbeeghgnfemjgpjoan" in cors["allowOrigins"]
    assert sorted(cors["allowMethods"]) == ["GET", "OPTIONS", "POST"]
    assert {h.lower() for h in cors["allowHeaders"]} == {"content-type", "x-api-key"}


def test_cors_lets_web_pages_read_the_service_headers(deployment: Deployment) -> None:
    """A page's script can read Retry-After (503/429), X-Request-ID and Server-Timing."""
    cors = deployment.one(API).inputs["corsConfiguration"]
    exposed = {h.lower() for h in cors["exposeHeaders"]}
    assert exposed == {"retry-after", "x-request-id", "server-timing"}


def test_integration_is_lambda_proxy_with_payload_2(deployment: Deployment) -> None:
    integration = deployment.one("aws:apigatewayv2/integration:Integration").inputs
    function = deployment.one("aws:lambda/function:Function")
    assert integration["integrationType"] == "AWS_PROXY"
    assert integration["payloadFormatVersion"] == "2.0"
    assert integration["integrationUri"] == function.outputs["invokeArn"]
    route = deployment.named("aws:apigatewayv2/route:Route", "hanzi-route").inputs
    assert route["routeKey"] == "$default"
    assert (
        route["target"]
        == "integrations/" + deployment.one("aws:apigatewayv2/integration:Integration").id
    )


def test_the_libretranslate_api_has_its_route_and_cors(deployment: Deployment) -> None:
    """A LibreTranslate client's base URL is <apiUrl>/libretranslate/: its GET /languages and
    POST /translate and /detect (JSON or forms, the key as a field or X-API-Key) reach the
    function by a route of their own, and CORS admits them from the configured origins."""
    routes = deployment.all("aws:apigatewayv2/route:Route")
    integration = deployment.one("aws:apigatewayv2/integration:Integration")
    assert {r.inputs["routeKey"] for r in routes} == {"$default", "ANY /libretranslate/{proxy+}"}
    assert {r.inputs["target"] for r in routes} == {f"integrations/{integration.id}"}
    cors = deployment.one(API).inputs["corsConfiguration"]
    assert {"GET", "POST", "OPTIONS"} <= set(cors["allowMethods"])
    assert {"content-type", "x-api-key"} <= {h.lower() for h in cors["allowHeaders"]}
    stage = deployment.one("aws:apigatewayv2/stage:Stage").inputs
    assert "$context.routeKey" in json.loads(stage["accessLogSettings"]["format"]).values()


def test_stage_throttles_and_logs(deployment: Deployment) -> None:
    stage = deployment.one("aws:apigatewayv2/stage:Stage").inputs
    assert stage["name"] == "$default"
    assert stage["autoDeploy"] is True
    throttling = stage["defaultRouteSettings"]
    assert throttling["throttlingBurstLimit"] == int(deployment.setting("throttlingBurstLimit"))
    assert throttling["throttlingRateLimit"] == float(deployment.setting("throttlingRateLimit"))
    assert throttling["throttlingBurstLimit"] > 0 and throttling["throttlingRateLimit"] > 0
    access_logs = deployment.named("aws:cloudwatch/logGroup:LogGroup", "-access-logs")
    assert stage["accessLogSettings"]["destinationArn"] == access_logs.outputs["arn"]
    json.loads(stage["accessLogSettings"]["format"])


def test_permission_is_scoped_to_this_api(deployment: Deployment) -> None:
    permission = deployment.one("aws:lambda/permission:Permission").inputs
    api = deployment.one(API)
    function = deployment.one("aws:lambda/function:Function")
    assert permission["action"] == "lambda:InvokeFunction"
    assert permission["principal"] == "apigateway.amazonaws.com"
    assert permission["function"] == function.outputs["name"]
    assert permission["sourceArn"].startswith(api.outputs["executionArn"] + "/")
