"""The infrastructure review: least privilege, encryption, CORS, secrets."""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from tests.infra.conftest import Deployment, Runner

yaml: Any = importlib.import_module("yaml")  # stubs not needed: loaded by name
ROOT = Path(__file__).resolve().parents[2]
BASIC = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
VPC_ACCESS = "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"
API_KEY = "test-key-0123456789abcdef"


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _statements(document: str) -> list[dict[str, Any]]:
    return [dict(s) for s in json.loads(document)["Statement"]]


def test_role_policies_have_no_wildcards_for_efs_or_ecr(deployment: Deployment) -> None:
    fs_arn = deployment.one("aws:efs/fileSystem:FileSystem").outputs["arn"]
    ap_arn = deployment.one("aws:efs/accessPoint:AccessPoint").outputs["arn"]
    role = deployment.one("aws:iam/role:Role")
    attached = {
        a.inputs["policyArn"]
        for a in deployment.all("aws:iam/rolePolicyAttachment:RolePolicyAttachment")
    }
    assert attached == {BASIC, VPC_ACCESS}
    inline = deployment.all("aws:iam/rolePolicy:RolePolicy")
    assert inline
    for policy in inline:
        assert policy.inputs["role"] == role.id
        for statement in _statements(policy.inputs["policy"]):
            actions = _as_list(statement["Action"])
            resources = _as_list(statement["Resource"])
            assert not any("*" in a for a in actions), actions
            assert not any("*" in r for r in resources), resources
            if any(a.startswith("elasticfilesystem:") for a in actions):
                assert set(actions) <= {
                    "elasticfilesystem:ClientMount",
                    "elasticfilesystem:ClientWrite",
                }
                assert resources == [fs_arn]
                condition = statement["Condition"]["StringEquals"]
                assert condition["elasticfilesystem:AccessPointArn"] == ap_arn
            # Lambda pulls the image with its own service permissions: the role needs no ECR.
            assert not any(a.startswith("ecr:") for a in actions)


def test_file_system_is_encrypted_at_rest(deployment: Deployment) -> None:
    assert deployment.one("aws:efs/fileSystem:FileSystem").inputs["encrypted"] is True


def test_file_system_requires_tls_and_the_function_role(deployment: Deployment) -> None:
    fs = deployment.one("aws:efs/fileSystem:FileSystem")
    ap_arn = deployment.one("aws:efs/accessPoint:AccessPoint").outputs["arn"]
    role_arn = deployment.one("aws:iam/role:Role").outputs["arn"]
    policy = deployment.one("aws:efs/fileSystemPolicy:FileSystemPolicy")
    assert policy.inputs["fileSystemId"] == fs.id
    assert not policy.inputs.get("bypassPolicyLockoutSafetyCheck")
    statements = _statements(policy.inputs["policy"])
    for statement in statements:
        assert _as_list(statement["Resource"]) == [fs.outputs["arn"]]
        assert not any("*" in a for a in _as_list(statement["Action"]))
    allows = [s for s in statements if s["Effect"] == "Allow"]
    assert allows
    for allow in allows:
        # An allow for anyone but this role through this access point would reopen the mount.
        condition = allow["Condition"]
        assert condition["ArnEquals"]["aws:PrincipalArn"] == role_arn
        assert condition["StringEquals"]["elasticfilesystem:AccessPointArn"] == ap_arn
        assert condition["Bool"]["aws:SecureTransport"] == "true"
        assert "elasticfilesystem:ClientRootAccess" not in _as_list(allow["Action"])
    (deny,) = [s for s in statements if s["Effect"] == "Deny"]
    assert deny["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
    assert {"elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"} <= set(
        _as_list(deny["Action"])
    )
    function = deployment.one("aws:lambda/function:Function")
    assert policy.urn in function.dependencies


def test_nothing_but_the_function_group_reaches_efs(deployment: Deployment) -> None:
    groups = deployment.all("aws:ec2/securityGroup:SecurityGroup")
    efs_sg = next(g for g in groups if g.name.endswith("-efs-sg"))
    function_sg = next(g for g in groups if g.name.endswith("-function-sg"))
    sources = [
        source for rule in efs_sg.inputs.get("ingress", []) for source in rule["securityGroups"]
    ]
    assert sources == [function_sg.id]
    assert not any(r.get("cidrBlocks") for r in efs_sg.inputs.get("ingress", []))
    # No separate rule resources open it some other way.
    assert not deployment.all("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
    assert not deployment.all("aws:ec2/securityGroupRule:SecurityGroupRule")


def test_committed_dev_stack_has_no_cors_wildcard() -> None:
    stack = yaml.safe_load((ROOT / "Pulumi.dev.yaml").read_text())
    origins = stack["config"]["hanzi-lambda:corsOrigins"]
    assert origins and not any("*" in origin for origin in origins)


@pytest.mark.parametrize("origins", [["*"], ["https://*.example.com"], []])
def test_cors_wildcards_are_refused(run: Runner, origins: list[str]) -> None:
    with pytest.raises(Exception, match="corsOrigins"):
        run({"hanzi-lambda:corsOrigins": json.dumps(origins)})


def test_committed_stack_holds_no_plaintext_api_key() -> None:
    stack = yaml.safe_load((ROOT / "Pulumi.dev.yaml").read_text())
    value = stack["config"].get("hanzi-lambda:apiKeys")
    assert value is None or (isinstance(value, dict) and set(value) == {"secure"})


def test_plaintext_api_keys_are_refused(run: Runner) -> None:
    with pytest.raises(Exception, match="must be a secret"):
        run({"hanzi-lambda:apiKeys": API_KEY})


def test_secret_api_keys_reach_the_function_only_as_a_secret(run: Runner) -> None:
    deployment = run(secrets={"hanzi-lambda:apiKeys": API_KEY})
    function = deployment.one("aws:lambda/function:Function")
    # Pulumi hoists secrecy to the top-level property: the whole environment is masked.
    environment = function.inputs["environment"]
    assert deployment.is_secret(environment)
    assert deployment.plain(environment)["variables"]["API_KEYS"] == API_KEY

    def leaks(value: Any) -> bool:
        if deployment.is_secret(value):
            return False
        if isinstance(value, dict):
            return any(leaks(v) for v in value.values())
        if isinstance(value, list):
            return any(leaks(v) for v in value)
        return isinstance(value, str) and API_KEY in value

    for resource in deployment.resources:
        assert not leaks(resource.inputs), resource.name
