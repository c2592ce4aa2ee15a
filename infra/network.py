"""VPC with private subnets behind NAT, and the two security groups the function and EFS need."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import pulumi
import pulumi_aws as aws
import pulumi_awsx as awsx

from infra.config import NatStrategy

NFS_PORT = 2049


@dataclasses.dataclass(frozen=True)
class NetworkArgs:
    availability_zones: int
    nat_strategy: NatStrategy


class Network(pulumi.ComponentResource):
    """The function sits in private subnets: it reaches the hub through NAT, EFS over NFS."""

    vpc_id: pulumi.Output[str]
    private_subnet_ids: pulumi.Output[Sequence[str]]
    function_security_group_id: pulumi.Output[str]
    efs_security_group_id: pulumi.Output[str]

    def __init__(
        self, name: str, args: NetworkArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__("hanzi:infra:Network", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)

        # awsx defaults to one NAT gateway per AZ; one is enough for a dev stack (~half the bill).
        vpc = awsx.ec2.Vpc(
            f"{name}-vpc",
            number_of_availability_zones=args.availability_zones,
            nat_gateways=awsx.ec2.NatGatewayConfigurationArgs(
                strategy=awsx.ec2.NatGatewayStrategy(args.nat_strategy)
            ),
            enable_dns_hostnames=True,
            enable_dns_support=True,
            opts=child,
        )

        # No ingress: only API Gateway invokes the function, and not through the VPC.
        # Egress to anywhere: the hub download (via NAT) and NFS to the mount targets.
        function_sg = aws.ec2.SecurityGroup(
            f"{name}-function-sg",
            description="Hanzi Lambda function: egress only",
            vpc_id=vpc.vpc_id,
            egress=[
                aws.ec2.SecurityGroupEgressArgs(
                    protocol="-1", from_port=0, to_port=0, cidr_blocks=["0.0.0.0/0"]
                )
            ],
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

        self.vpc_id = vpc.vpc_id
        self.private_subnet_ids = vpc.private_subnet_ids
        self.function_security_group_id = function_sg.id
        self.efs_security_group_id = efs_sg.id
        self.register_outputs(
            {
                "vpcId": self.vpc_id,
                "privateSubnetIds": self.private_subnet_ids,
                "functionSecurityGroupId": self.function_security_group_id,
                "efsSecurityGroupId": self.efs_security_group_id,
            }
        )
