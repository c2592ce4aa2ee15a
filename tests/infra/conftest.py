"""Run the real Pulumi program (__main__.py) against Pulumi's mocks with the committed dev stack.

Every resource the program registers is recorded with its inputs and its dependencies, so each
test asserts on plain data. The awsx components are multi-language (their code runs in a plugin
that mocks never start), so their outputs (vpcId, privateSubnetIds, url, imageUri) come from here.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import runpy
import sys
import warnings
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pulumi
import pytest
from pulumi.runtime import mocks as pulumi_mocks
from pulumi.runtime import rpc

# PyYAML comes with pulumi; loaded by name so the type check does not need its stubs.
yaml: Any = importlib.import_module("yaml")

ROOT = Path(__file__).resolve().parents[2]
PROGRAM = ROOT / "__main__.py"
ACCOUNT = "123456789012"
REGION = "us-east-1"
IMAGE_DIGEST = "sha256:" + "ab" * 32
SECRET_SIG = {rpc._special_sig_key: rpc._special_secret_sig}

if str(ROOT) not in sys.path:  # __main__.py imports infra/, the tests import service/
    sys.path.insert(0, str(ROOT))

# The generated SDKs warn when some of their modules load, about resources this program never
# uses (pulumi_aws.ec2's EncryptionControl, pulumi_aws.lambda_'s MicrovmsImage, awsx's
# get_default_vpc, pulumi/pulumi#7583). Load the modules the program uses once here, ignoring
# only DeprecationWarnings raised from inside those SDKs, so the rest of the suite keeps running
# with warnings as errors.
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"pulumi_awsx?\.")
    import pulumi_aws
    import pulumi_awsx

    # Submodules load lazily, on first use of one of their classes.
    for _cls in (
        pulumi_aws.apigatewayv2.Api,
        pulumi_aws.cloudwatch.LogGroup,
        pulumi_aws.ec2.SecurityGroup,
        pulumi_aws.ecr.Repository,
        pulumi_aws.efs.FileSystem,
        pulumi_aws.iam.Role,
        pulumi_aws.lambda_.Function,
        pulumi_awsx.ec2.Vpc,
        pulumi_awsx.ecr.Image,
    ):
        assert _cls is not None


@dataclasses.dataclass
class Registered:
    """One resource as the engine would have seen it."""

    type: str
    name: str
    urn: str
    id: str
    inputs: dict[str, Any]
    outputs: dict[str, Any]
    dependencies: list[str]


@dataclasses.dataclass
class Deployment:
    resources: list[Registered]
    exports: dict[str, Any]
    config: dict[str, str]

    def all(self, type_: str) -> list[Registered]:
        return [r for r in self.resources if r.type == type_]

    def one(self, type_: str) -> Registered:
        found = self.all(type_)
        assert len(found) == 1, f"expected one {type_}, found {len(found)}"
        return found[0]

    def by_id(self, id_: str) -> Registered:
        return next(r for r in self.resources if r.id == id_)

    def named(self, type_: str, suffix: str) -> Registered:
        found = [r for r in self.all(type_) if r.name.endswith(suffix)]
        assert len(found) == 1, f"expected one {type_} named *{suffix}, found {len(found)}"
        return found[0]

    def setting(self, key: str) -> str:
        return self.config[f"{project_name()}:{key}"]

    @staticmethod
    def is_secret(value: object) -> bool:
        return is_secret(value)

    @staticmethod
    def plain(value: Any) -> Any:
        return plain(value)


def is_secret(value: object) -> bool:
    return isinstance(value, dict) and all(value.get(k) == v for k, v in SECRET_SIG.items())


def plain(value: Any) -> Any:
    """The value with secret markers removed, for assertions that do not care about secrecy."""
    if is_secret(value):
        return plain(value["value"])
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def _arn(service: str, resource: str) -> str:
    return f"arn:aws:{service}:{REGION}:{ACCOUNT}:{resource}"


def _outputs(type_: str, name: str, inputs: dict[str, Any], id_: str) -> dict[str, Any]:
    """What the provider would return: the inputs plus the computed properties the program uses."""
    # awsx components' inputs and outputs share names with different types (natGateways is a
    # setting going in and a list of resources coming out): return only their outputs.
    out = {} if type_.startswith("awsx:") else dict(inputs)
    if type_ == "awsx:ec2:Vpc":
        azs = int(inputs.get("numberOfAvailabilityZones", 3))
        out |= {
            "vpcId": "vpc-0mock",
            "privateSubnetIds": [f"subnet-private-{i}" for i in range(azs)],
            "publicSubnetIds": [f"subnet-public-{i}" for i in range(azs)],
        }
    elif type_ == "awsx:ecr:Repository":
        out["url"] = f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/{name}"
    elif type_ == "awsx:ecr:Image":
        out["imageUri"] = f"{plain(inputs['repositoryUrl'])}@{IMAGE_DIGEST}"
    elif type_ == "aws:efs/fileSystem:FileSystem":
        out["arn"] = _arn("elasticfilesystem", f"file-system/{id_}")
    elif type_ == "aws:efs/accessPoint:AccessPoint":
        out["arn"] = _arn("elasticfilesystem", f"access-point/{id_}")
    elif type_ == "aws:iam/role:Role":
        out |= {"arn": f"arn:aws:iam::{ACCOUNT}:role/{name}", "name": name}
    elif type_ == "aws:lambda/function:Function":
        arn = _arn("lambda", f"function:{name}")
        out |= {"arn": arn, "name": name, "version": "1"}
        out["invokeArn"] = (
            f"arn:aws:apigateway:{REGION}:lambda:path/2015-03-31/functions/{arn}/invocations"
        )
    elif type_ == "aws:lambda/alias:Alias":
        arn = _arn("lambda", f"function:{plain(inputs['functionName'])}:{inputs['name']}")
        out |= {"arn": arn}
        out["invokeArn"] = (
            f"arn:aws:apigateway:{REGION}:lambda:path/2015-03-31/functions/{arn}/invocations"
        )
    elif type_ == "aws:apigatewayv2/api:Api":
        out |= {
            "executionArn": _arn("execute-api", id_),
            "apiEndpoint": f"https://{id_}.execute-api.{REGION}.amazonaws.com",
        }
    elif type_ == "aws:cloudwatch/logGroup:LogGroup":
        out["arn"] = _arn("logs", f"log-group:{inputs.get('name', name)}")
    return out


class _Mocks(pulumi.runtime.Mocks):
    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict[str, Any]]:
        id_ = f"{args.name}-id"
        return id_, _outputs(args.typ, args.name, args.inputs, id_)

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict[str, Any], None]:
        return {}, None


class _RecordingMonitor(pulumi_mocks.MockMonitor):
    """The stock mock monitor, also keeping each registration's dependencies."""

    def __init__(self, mocks: _Mocks) -> None:
        super().__init__(mocks)
        self.registered: list[Registered] = []

    def RegisterResource(self, request: Any) -> Any:  # noqa: N802 (gRPC method name)
        response = super().RegisterResource(request)  # type: ignore[no-untyped-call]
        if request.type != "pulumi:pulumi:Stack":
            self.registered.append(
                Registered(
                    type=request.type,
                    name=request.name,
                    urn=response.urn,
                    id=response.id,
                    inputs=rpc.deserialize_properties(request.object),
                    outputs=self.resources[response.urn].state,
                    dependencies=list(request.dependencies),
                )
            )
        return response


def _config_value(value: object) -> str:
    """Config reaches a program as strings; structured values as JSON (as the CLI passes them)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return json.dumps(value)
    return str(value)


def dev_stack_config() -> dict[str, str]:
    """Pulumi.yaml's project defaults overlaid with the committed Pulumi.dev.yaml."""
    project = yaml.safe_load((ROOT / "Pulumi.yaml").read_text())
    name = project["name"]
    merged: dict[str, str] = {}
    for key, spec in (project.get("config") or {}).items():
        if isinstance(spec, dict) and "default" in spec:
            merged[f"{name}:{key}"] = _config_value(spec["default"])
    stack = yaml.safe_load((ROOT / "Pulumi.dev.yaml").read_text())
    for key, value in (stack.get("config") or {}).items():
        merged[key] = _config_value(value)
    return merged


def project_name() -> str:
    return str(yaml.safe_load((ROOT / "Pulumi.yaml").read_text())["name"])


Runner = Callable[..., Deployment]


def run_program(
    overrides: Mapping[str, str] | None = None, secrets: Mapping[str, str] | None = None
) -> Deployment:
    """Run __main__.py once under fresh mocks; overrides and secrets are extra config values."""
    config = dev_stack_config() | dict(overrides or {}) | dict(secrets or {})
    pulumi.runtime.set_all_config(config, list(secrets or {}))
    monitor = _RecordingMonitor(_Mocks())
    pulumi.runtime.set_mocks(
        monitor.mocks, project=project_name(), stack="dev", preview=False, monitor=monitor
    )
    exports: dict[str, Any] = {}

    @pulumi.runtime.test  # type: ignore[untyped-decorator]
    def program() -> pulumi.Output[None]:
        runpy.run_path(str(PROGRAM), run_name="__main__")
        stack = pulumi.runtime.get_root_resource()
        assert stack is not None
        return pulumi.Output.all(**stack.outputs).apply(exports.update)  # type: ignore[attr-defined]

    program()
    return Deployment(resources=monitor.registered, exports=exports, config=config)


@pytest.fixture(scope="package")
def deployment() -> Iterator[Deployment]:
    """The committed dev stack, deployed once for the whole package."""
    yield run_program()
    pulumi.runtime.set_all_config({}, [])


@pytest.fixture
def run() -> Iterator[Runner]:
    """Run the program again with changed config (for rules about what config may do)."""
    yield run_program
    pulumi.runtime.set_all_config({}, [])
