"""Network rules: NAT strategy, private subnets only, security groups."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.infra.conftest import Deployment

SG = "aws:ec2/securityGroup:SecurityGroup"
VPC = "awsx:ec2:Vpc"
EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"


def test_nat_strategy_comes_from_config_and_defaults_to_one_gateway(
    deployment: Deployment,
) -> None:
    vpc = deployment.one(VPC)
    assert vpc.inputs["natGateways"]["strategy"] == deployment.setting("natStrategy")
    assert deployment.setting("natStrategy") == "Single"
    assert vpc.inputs["numberOfAvailabilityZones"] == int(deployment.setting("availabilityZones"))


def test_function_runs_in_private_subnets_only(deployment: Deployment) -> None:
    vpc = deployment.one(VPC)
    function = deployment.one("aws:lambda/function:Function")
    subnets = function.inputs["vpcConfig"]["subnetIds"]
    assert subnets == vpc.outputs["privateSubnetIds"]
    assert not set(subnets) & set(vpc.outputs["publicSubnetIds"])


def test_efs_group_admits_only_nfs_from_the_function_group(deployment: Deployment) -> None:
    function_sg = deployment.named(SG, "-function-sg")
    efs_sg = deployment.named(SG, "-efs-sg")
    (rule,) = efs_sg.inputs["ingress"]
    assert (rule["protocol"], rule["fromPort"], rule["toPort"]) == ("tcp", 2049, 2049)
    assert rule["securityGroups"] == [function_sg.id]
    for other_source in ("cidrBlocks", "ipv6CidrBlocks", "prefixListIds", "self"):
        assert not rule.get(other_source), other_source


def test_function_group_has_no_ingress(deployment: Deployment) -> None:
    function_sg = deployment.named(SG, "-function-sg")
    assert not function_sg.inputs.get("ingress")
    function = deployment.one("aws:lambda/function:Function")
    assert function.inputs["vpcConfig"]["securityGroupIds"] == [function_sg.id]


def test_function_egress_is_https_out_and_nfs_to_the_file_system_only(
    deployment: Deployment,
) -> None:
    function_sg = deployment.named(SG, "-function-sg")
    efs_sg = deployment.named(SG, "-efs-sg")
    # No inline rules: the provider then removes AWS's default allow-all egress.
    assert not function_sg.inputs.get("egress")
    rules = [
        r.inputs for r in deployment.all(EGRESS) if r.inputs["securityGroupId"] == function_sg.id
    ]
    allowed = {
        (
            r["ipProtocol"],
            r["fromPort"],
            r["toPort"],
            r.get("cidrIpv4") or r.get("referencedSecurityGroupId"),
        )
        for r in rules
    }
    assert allowed == {("tcp", 443, 443, "0.0.0.0/0"), ("tcp", 2049, 2049, efs_sg.id)}
    for rule in rules:
        for other in ("cidrIpv6", "prefixListId"):
            assert not rule.get(other), other
    # The EFS group's ingress is the other half of the NFS path: from this group, same port.
    (ingress,) = efs_sg.inputs["ingress"]
    assert (ingress["fromPort"], ingress["securityGroups"]) == (2049, [function_sg.id])


def test_function_waits_for_its_egress_rules(deployment: Deployment) -> None:
    """The warm-up invocation must not run before the function can reach the hub and EFS."""
    function = deployment.one("aws:lambda/function:Function")
    for rule in deployment.all(EGRESS):
        assert rule.urn in function.dependencies, rule.name
