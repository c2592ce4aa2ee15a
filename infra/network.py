"""VPC with private subnets behind NAT, and the two security groups the function and EFS need."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import pulumi
import pulumi_aws as aws
import pulumi_awsx as awsx

from infra.config import NatStrategy

NFS_PORT = 2049
HTTPS_PORT = 443


@dataclasses.dataclass(frozen=True)
class NetworkArgs:
    availability_zones: int
    nat_strategy: NatStrategy


class Network(pulumi.ComponentResource):
    """The function sits in private subnets: HTTPS to the hub through NAT, NFS to EFS; no more."""

    vpc_id: pulumi.Output[str]
    private_subnet_ids: pulumi.Output[Sequence[str]]
    function_security_group_id: pulumi.Output[str]
    efs_security_group_id: pulumi.Output[str]

    def __init__(
        self, name: str, args: NetworkArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__("hanzi:infra:Network", name, None, opts)
        self._name, self._child = name, pulumi.ResourceOptions(parent=self)
        vpc = self._create_vpc(args)
        function_sg, efs_sg = self._create_security_groups(vpc)
        egress = self._create_function_egress(function_sg, efs_sg)
        self.vpc_id = vpc.vpc_id
        self.private_subnet_ids = vpc.private_subnet_ids
        # Resolves once both egress rules exist, so the function (and its warm-up) waits for them.
        self.function_security_group_id = pulumi.Output.all(
            function_sg.id, *(rule.id for rule in egress)
        ).apply(lambda ids: str(ids[0]))
        self.efs_security_group_id = efs_sg.id
        self.register_outputs(
            {
                "vpcId": self.vpc_id,
                "privateSubnetIds": self.private_subnet_ids,
                "functionSecurityGroupId": self.function_security_group_id,
                "efsSecurityGroupId": self.efs_security_group_id,
            }
        )

    def _create_vpc(self, args: NetworkArgs) -> awsx.ec2.Vpc:
        # awsx defaults to one NAT gateway per AZ; one is enough for a dev stack (~half the bill).
        return awsx.ec2.Vpc(
            f"{self._name}-vpc",
            number_of_availability_zones=args.availability_zones,
            nat_gateways=awsx.ec2.NatGatewayConfigurationArgs(
                strategy=awsx.ec2.NatGatewayStrategy(args.nat_strategy)
            ),
            enable_dns_hostnames=True,
            enable_dns_support=True,
            opts=self._child,
        )

    def _create_security_groups(
        self, vpc: awsx.ec2.Vpc
    ) -> tuple[aws.ec2.SecurityGroup, aws.ec2.SecurityGroup]:
        """The function's group and the model store's, which admits NFS from it alone."""
        name, child = self._name, self._child
        # No ingress: only API Gateway invokes the function, and not through the VPC. No inline
        # rules either: the provider then drops AWS's default allow-all egress, and the rules
        # below (separate resources, so the two groups can name each other) are all there is.
        function_sg = aws.ec2.SecurityGroup(
            f"{name}-function-sg",
            description="Hanzi Lambda function: HTTPS out, NFS to the model store",
            vpc_id=vpc.vpc_id,
            opts=child,
        )
        # NFS from the function's group and nothing else; no egress (security groups are stateful).
        efs_sg = aws.ec2.SecurityGroup(
            f"{name}-efs-sg",
            description="Hanzi Lambda model store: NFS from the function only",
            vpc_id=vpc.vpc_id,
            ingress=[
                aws.ec2.SecurityGroupIngressArgs(
                    protocol="tcp",
                    from_port=NFS_PORT,
                    to_port=NFS_PORT,
                    security_groups=[function_sg.id],
                    description="NFS from the Lambda function",
                )
            ],
            opts=child,
        )
        return function_sg, efs_sg

    def _create_function_egress(
        self, function_sg: aws.ec2.SecurityGroup, efs_sg: aws.ec2.SecurityGroup
    ) -> list[aws.vpc.SecurityGroupEgressRule]:
        name, child = self._name, self._child
        # The hub (and its CDN) over HTTPS through the NAT gateway. DNS needs no rule: security
        # groups do not filter traffic to the VPC's own resolver.
        https_out = aws.vpc.SecurityGroupEgressRule(
            f"{name}-function-https-out",
            security_group_id=function_sg.id,
            description="HTTPS to the Hugging Face hub",
            ip_protocol="tcp",
            from_port=HTTPS_PORT,
            to_port=HTTPS_PORT,
            cidr_ipv4="0.0.0.0/0",
            opts=child,
        )
        nfs_out = aws.vpc.SecurityGroupEgressRule(
            f"{name}-function-nfs-out",
            security_group_id=function_sg.id,
            description="NFS to the model store's mount targets",
            ip_protocol="tcp",
            from_port=NFS_PORT,
            to_port=NFS_PORT,
            referenced_security_group_id=efs_sg.id,
            opts=child,
        )
        return [https_out, nfs_out]
