"""HTTP API in front of the function: CORS for the extension, throttling, access logs."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence

import pulumi
import pulumi_aws as aws

# The extension sends JSON and, when keys are on, X-API-Key (header names are case-insensitive);
# LibreTranslate clients send JSON or forms with the key as a field or in X-API-Key, GET for
# /languages and POST for /translate and /detect: the same headers and methods cover them.
CORS_HEADERS = ["content-type", "x-api-key"]
CORS_METHODS = ["GET", "POST", "OPTIONS"]
# The LibreTranslate-compatible API (service/routes/libretranslate.py): a client's base URL is
# <apiUrl>/libretranslate/. Its own route makes its traffic a routeKey of its own in the access
# logs and the per-route metrics, apart from the extension's.
LIBRETRANSLATE_ROUTE_KEY = "ANY /libretranslate/{proxy+}"
# Response headers a web page's script may read: the wait after a 503/429, the id to quote in a
# report, and the service's phase timings.
CORS_EXPOSE_HEADERS = ["retry-after", "x-request-id", "server-timing"]
CORS_MAX_AGE_S = 3600
# API Gateway's own context variables, one JSON object per request.
ACCESS_LOG_FORMAT = json.dumps(
    {
        "requestId": "$context.requestId",
        "ip": "$context.identity.sourceIp",
        "requestTime": "$context.requestTime",
        "method": "$context.httpMethod",
        "path": "$context.path",
        "routeKey": "$context.routeKey",
        "status": "$context.status",
        "responseLength": "$context.responseLength",
        "latencyMs": "$context.responseLatency",
        "integrationError": "$context.integrationErrorMessage",
    }
)


@dataclasses.dataclass(frozen=True)
class HttpApiArgs:
    function_name: pulumi.Input[str]
    invoke_arn: pulumi.Input[str]
    # The alias name when API Gateway invokes an alias; the permission must name it too.
    qualifier: pulumi.Input[str] | None
    cors_origins: Sequence[str]
    throttling_burst_limit: int
    throttling_rate_limit: float
    log_retention_days: int


class HttpApi(pulumi.ComponentResource):
    """`$default` route and stage proxying everything to the FastAPI app (payload 2.0)."""

    url: pulumi.Output[str]

    def __init__(
        self, name: str, args: HttpApiArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__("hanzi:infra:HttpApi", name, None, opts)
        self._name, self._child = name, pulumi.ResourceOptions(parent=self)
        api = self._create_api(args)
        route = self._create_route(args, api)
        self._create_stage(args, api, route)
        self._create_permission(args, api)
        self.url = api.api_endpoint
        self.register_outputs({"url": self.url})

    def _create_api(self, args: HttpApiArgs) -> aws.apigatewayv2.Api:
        # API Gateway answers preflight itself and overrides CORS headers from the backend.
        return aws.apigatewayv2.Api(
            f"{self._name}-api",
            protocol_type="HTTP",
            cors_configuration=aws.apigatewayv2.ApiCorsConfigurationArgs(
                allow_origins=list(args.cors_origins),
                allow_methods=CORS_METHODS,
                allow_headers=CORS_HEADERS,
                expose_headers=CORS_EXPOSE_HEADERS,
                max_age=CORS_MAX_AGE_S,
            ),
            opts=self._child,
        )

    def _create_route(self, args: HttpApiArgs, api: aws.apigatewayv2.Api) -> aws.apigatewayv2.Route:
        """`$default` to the function (every path the app serves, no list to keep), and the
        LibreTranslate API's own route to the same integration."""
        integration = aws.apigatewayv2.Integration(
            f"{self._name}-integration",
            api_id=api.id,
            integration_type="AWS_PROXY",
            integration_method="POST",
            integration_uri=args.invoke_arn,
            payload_format_version="2.0",
            opts=self._child,
        )
        target = pulumi.Output.concat("integrations/", integration.id)
        aws.apigatewayv2.Route(
            f"{self._name}-libretranslate-route",
            api_id=api.id,
            route_key=LIBRETRANSLATE_ROUTE_KEY,
            target=target,
            opts=self._child,
        )
        return aws.apigatewayv2.Route(
            f"{self._name}-route",
            api_id=api.id,
            route_key="$default",
            target=target,
            opts=self._child,
        )

    def _create_stage(
        self, args: HttpApiArgs, api: aws.apigatewayv2.Api, route: aws.apigatewayv2.Route
    ) -> None:
        access_logs = aws.cloudwatch.LogGroup(
            f"{self._name}-access-logs",
            name=f"/aws/apigateway/{pulumi.get_project()}-{pulumi.get_stack()}",
            retention_in_days=args.log_retention_days,
            opts=self._child,
        )
        aws.apigatewayv2.Stage(
            f"{self._name}-stage",
            api_id=api.id,
            name="$default",
            auto_deploy=True,
            default_route_settings=aws.apigatewayv2.StageDefaultRouteSettingsArgs(
                throttling_burst_limit=args.throttling_burst_limit,
                throttling_rate_limit=args.throttling_rate_limit,
            ),
            access_log_settings=aws.apigatewayv2.StageAccessLogSettingsArgs(
                destination_arn=access_logs.arn, format=ACCESS_LOG_FORMAT
            ),
            opts=pulumi.ResourceOptions(parent=self, depends_on=[route]),
        )

    def _create_permission(self, args: HttpApiArgs, api: aws.apigatewayv2.Api) -> None:
        # Only this API (any stage, any route) may invoke the function.
        aws.lambda_.Permission(
            f"{self._name}-invoke",
            action="lambda:InvokeFunction",
            function=args.function_name,
            qualifier=args.qualifier,
            principal="apigateway.amazonaws.com",
            source_arn=pulumi.Output.concat(api.execution_arn, "/*/*"),
            opts=self._child,
        )
