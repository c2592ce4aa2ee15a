"""Network rules: NAT strategy, private subnets only, security groups."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.infra.conftest import Deployment

SG = "aws:ec2/securityGroup:SecurityGroup"
VPC = "awsx:ec2:Vpc"


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
    assert function_sg.inputs["egress"]
    function = deployment.one("aws:lambda/function:Function")
    assert function.inputs["vpcConfig"]["securityGroupIds"] == [function_sg.id]
