"""ECR repository and image, IAM role, log group, the Lambda function and its pre-warm call."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping, Sequence

import pulumi
import pulumi_aws as aws
import pulumi_awsx as awsx

from infra.config import StackConfig
from infra.model_store import MOUNT_PATH

# The service's contracts (service/Dockerfile, service/lambda_handler.py).
HANDLER = "service.lambda_handler.handler"
# Paths are relative to the project directory, where `pulumi up` runs the program. The context
# is the repository root so the image can COPY service/ as a package.
BUILD_CONTEXT = "."
DOCKERFILE = "service/Dockerfile"
HF_HOME = f"{MOUNT_PATH}/hf"
# What the service's WarmupEvent model accepts: with no directions named, the service loads all
# of its own (into EFS) and the segmenter before users come; a failure fails the invocation.
WARMUP_EVENT: dict[str, object] = {"warmup": True}
# Lambda caps the environment at 4 KB (keys plus values).
MAX_ENVIRONMENT_BYTES = 4096
ALIAS_NAME = "live"
IMAGES_KEPT = 5

EFS_CLIENT_ACTIONS = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]


@dataclasses.dataclass(frozen=True)
class FunctionArgs:
    config: StackConfig
    private_subnet_ids: pulumi.Input[Sequence[str]]
    security_group_id: pulumi.Input[str]
    file_system_id: pulumi.Input[str]
    file_system_arn: pulumi.Input[str]
    access_point_arn: pulumi.Input[str]
    # Lambda refuses a file system whose mount targets are not yet available.
    mount_targets: Sequence[pulumi.Resource]


def environment_size(variables: Mapping[str, str]) -> int:
    """Bytes Lambda counts against its 4 KB environment limit (keys plus values)."""
    return sum(len(k.encode()) + len(v.encode()) for k, v in variables.items())


def environment(config: StackConfig) -> dict[str, pulumi.Input[str]]:
    """The variables service/settings.py reads; API_KEYS only when the secret is set."""
    plain = {
        "HF_HOME": HF_HOME,
        "TRANSLATE_MODEL_ZH_EN": config.model_zh_en,
        "TRANSLATE_MODEL_EN_ZH": config.model_en_zh,
        "TRANSLATE_ENGINE": config.translate_engine,
        "TRANSLATE_COMPUTE_TYPE": config.translate_compute_type,
        # Empty keeps the model's own beam count (lossless default).
        "TRANSLATE_NUM_BEAMS": str(config.translate_num_beams or ""),
        "TRANSLATE_THREADS": str(config.translate_threads),
        "MAX_TEXT_CHARS": str(config.max_text_chars),
    }
    used = environment_size(plain)
    if used > MAX_ENVIRONMENT_BYTES:
        raise ValueError(f"Lambda environment is {used} bytes; the limit is 4 KB")
    variables: dict[str, pulumi.Input[str]] = dict(plain)
    if config.api_keys is not None:

        def fits(keys: str) -> str:
            # Checked inside apply so the value stays secret; only its length is looked at.
            total = used + environment_size({"API_KEYS": keys})
            if total > MAX_ENVIRONMENT_BYTES:
                raise ValueError(f"API_KEYS makes the environment {total} bytes; limit 4 KB")
            return keys

        variables["API_KEYS"] = config.api_keys.apply(fits)
    return variables


class Function(pulumi.ComponentResource):
    """The container-image function with EFS mounted at /mnt/models, plus its image and role."""

    function_name: pulumi.Output[str]
    # What API Gateway invokes: the alias when provisioned concurrency is on, else the function.
    invoke_arn: pulumi.Output[str]
    qualifier: pulumi.Output[str] | None
    repository_url: pulumi.Output[str]
    image_uri: pulumi.Output[str]

    def __init__(
        self, name: str, args: FunctionArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__("hanzi:infra:Function", name, None, opts)
        self._name, self._child = name, pulumi.ResourceOptions(parent=self)
        config = args.config
        repository, image = self._create_image(config)
        role, role_policies = self._create_role(args)
        log_group = self._create_log_group(config)
        function = self._create_function(args, image, role, log_group, role_policies)
        self.invoke_arn, self.qualifier = self._create_alias(config, function)
        if config.prewarm:
            self._create_prewarm(config, function, image)
        self.function_name = function.name
        self.repository_url = repository.url
        self.image_uri = image.image_uri
        self.register_outputs(
            {
                "functionName": self.function_name,
                "invokeArn": self.invoke_arn,
                "repositoryUrl": self.repository_url,
                "imageUri": self.image_uri,
            }
        )

    def _create_image(self, config: StackConfig) -> tuple[awsx.ecr.Repository, awsx.ecr.Image]:
        name, child = self._name, self._child
        repository = awsx.ecr.Repository(
            f"{name}-repo",
            image_scanning_configuration=aws.ecr.RepositoryImageScanningConfigurationArgs(
                scan_on_push=True
            ),
            lifecycle_policy=awsx.ecr.LifecyclePolicyArgs(
                rules=[
                    awsx.ecr.LifecyclePolicyRuleArgs(
                        description=f"Keep the last {IMAGES_KEPT} images",
                        tag_status=awsx.ecr.LifecycleTagStatus.ANY,
                        maximum_number_of_images=IMAGES_KEPT,
                    )
                ]
            ),
            # A dev stack's `pulumi destroy` should not stall on leftover images.
            force_delete=True,
            opts=child,
        )
        # awsx 3.x builds with docker-build's embedded buildx, which turns default provenance off,
        # so one platform gives one plain manifest (Lambda rejects image indexes). The URI is by
        # digest, so every rebuild updates the function.
        image = awsx.ecr.Image(
            f"{name}-image",
            repository_url=repository.url,
            context=BUILD_CONTEXT,
            dockerfile=DOCKERFILE,
            platform=config.platform,
            opts=child,
        )
        return repository, image

    def _create_role(self, args: FunctionArgs) -> tuple[aws.iam.Role, list[pulumi.Resource]]:
        """The function's role with its managed policies and EFS access: the role, and what
        must exist before the function's first cold start."""
        name, child = self._name, self._child
        role = aws.iam.Role(
            f"{name}-role",
            assume_role_policy=json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Principal": {"Service": "lambda.amazonaws.com"},
                            "Action": "sts:AssumeRole",
                        }
                    ],
                }
            ),
            opts=child,
        )
        attachments: list[pulumi.Resource] = [
            aws.iam.RolePolicyAttachment(
                f"{name}-{suffix}", role=role.name, policy_arn=policy_arn, opts=child
            )
            for suffix, policy_arn in (
                ("basic-execution", aws.iam.ManagedPolicy.AWS_LAMBDA_BASIC_EXECUTION_ROLE),
                ("vpc-access", aws.iam.ManagedPolicy.AWS_LAMBDA_VPC_ACCESS_EXECUTION_ROLE),
            )
        ]
        return role, [*attachments, *self._create_efs_access(args, role)]

    def _create_efs_access(self, args: FunctionArgs, role: aws.iam.Role) -> list[pulumi.Resource]:
        """The role's EFS client policy and the file system's policy that admits only it."""
        name, child = self._name, self._child
        through_access_point = {"elasticfilesystem:AccessPointArn": args.access_point_arn}
        efs_access = aws.iam.RolePolicy(
            f"{name}-efs-client",
            role=role.id,
            policy=pulumi.Output.json_dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Sid": "MountModelStoreThroughAccessPoint",
                            "Effect": "Allow",
                            "Action": EFS_CLIENT_ACTIONS,
                            "Resource": args.file_system_arn,
                            "Condition": {"StringEquals": through_access_point},
                        }
                    ],
                }
            ),
            opts=child,
        )
        return [self._create_fs_policy(args, role), efs_access]

    def _create_fs_policy(self, args: FunctionArgs, role: aws.iam.Role) -> pulumi.Resource:
        through_access_point = {"elasticfilesystem:AccessPointArn": args.access_point_arn}
        # With a file system policy EFS drops anonymous NFS access: clients must use IAM
        # authorization, which EFS only accepts over TLS. Only this role, only via the access point
        # and a mount target; anything not over TLS is denied. Principal "*" plus a PrincipalArn
        # condition avoids EFS rejecting a role ARN that IAM has not propagated yet.
        return aws.efs.FileSystemPolicy(
            f"{self._name}-fs-policy",
            file_system_id=args.file_system_id,
            policy=pulumi.Output.json_dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Sid": "FunctionRoleThroughAccessPoint",
                            "Effect": "Allow",
                            "Principal": {"AWS": "*"},
                            "Action": EFS_CLIENT_ACTIONS,
                            "Resource": args.file_system_arn,
                            "Condition": {
                                "ArnEquals": {"aws:PrincipalArn": role.arn},
                                "StringEquals": through_access_point,
                                "Bool": {
                                    "elasticfilesystem:AccessedViaMountTarget": "true",
                                    "aws:SecureTransport": "true",
                                },
                            },
                        },
                        {
                            "Sid": "DenyWithoutTls",
                            "Effect": "Deny",
                            "Principal": {"AWS": "*"},
                            "Action": [*EFS_CLIENT_ACTIONS, "elasticfilesystem:ClientRootAccess"],
                            "Resource": args.file_system_arn,
                            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                        },
                    ],
                }
            ),
            opts=self._child,
        )

    def _create_log_group(self, config: StackConfig) -> aws.cloudwatch.LogGroup:
        return aws.cloudwatch.LogGroup(
            f"{self._name}-function-logs",
            name=f"/aws/lambda/{pulumi.get_project()}-{pulumi.get_stack()}",
            retention_in_days=config.log_retention_days,
            opts=self._child,
        )

    def _create_function(
        self,
        args: FunctionArgs,
        image: awsx.ecr.Image,
        role: aws.iam.Role,
        log_group: aws.cloudwatch.LogGroup,
        role_policies: list[pulumi.Resource],
    ) -> aws.lambda_.Function:
        config = args.config
        return aws.lambda_.Function(
            f"{self._name}-fn",
            package_type="Image",
            image_uri=image.image_uri,
            image_config=aws.lambda_.FunctionImageConfigArgs(commands=[HANDLER]),
            role=role.arn,
            architectures=[config.architecture],
            memory_size=config.memory_mb,
            timeout=config.timeout_s,
            ephemeral_storage=aws.lambda_.FunctionEphemeralStorageArgs(
                size=config.ephemeral_storage_mb
            ),
            reserved_concurrent_executions=config.reserved_concurrency,
            # A published version is only needed behind the provisioned-concurrency alias.
            publish=config.provisioned_concurrency > 0,
            vpc_config=aws.lambda_.FunctionVpcConfigArgs(
                subnet_ids=args.private_subnet_ids,
                security_group_ids=[args.security_group_id],
            ),
            file_system_config=aws.lambda_.FunctionFileSystemConfigArgs(
                arn=args.access_point_arn, local_mount_path=MOUNT_PATH
            ),
            environment=aws.lambda_.FunctionEnvironmentArgs(variables=environment(config)),
            logging_config=aws.lambda_.FunctionLoggingConfigArgs(
                log_format="Text", log_group=log_group.name
            ),
            opts=pulumi.ResourceOptions(
                parent=self,
                # Mount targets are not referenced by any input, so the order must be explicit;
                # the role's policies too, or the first cold start can fail to mount or log.
                depends_on=[*args.mount_targets, *role_policies],
            ),
        )

    def _create_alias(
        self, config: StackConfig, function: aws.lambda_.Function
    ) -> tuple[pulumi.Output[str], pulumi.Output[str] | None]:
        """What API Gateway invokes, and its qualifier: the provisioned alias, else the function."""
        if config.provisioned_concurrency <= 0:
            return function.invoke_arn, None
        name, child = self._name, self._child
        alias = aws.lambda_.Alias(
            f"{name}-alias",
            name=ALIAS_NAME,
            function_name=function.name,
            function_version=function.version,
            opts=child,
        )
        aws.lambda_.ProvisionedConcurrencyConfig(
            f"{name}-provisioned",
            function_name=function.name,
            qualifier=alias.name,
            provisioned_concurrent_executions=config.provisioned_concurrency,
            opts=child,
        )
        return alias.invoke_arn, alias.name

    def _create_prewarm(
        self, config: StackConfig, function: aws.lambda_.Function, image: awsx.ecr.Image
    ) -> None:
        # Replaced (so invoked again) whenever the image or a model changes; API Gateway
        # would cut a first request that has to download ~300 MB at 30 s.
        aws.lambda_.Invocation(
            f"{self._name}-prewarm",
            function_name=function.name,
            input=json.dumps(WARMUP_EVENT),
            triggers={
                "imageUri": image.image_uri,
                "modelZhEn": config.model_zh_en,
                "modelEnZh": config.model_en_zh,
                "engine": config.translate_engine,
                "computeType": config.translate_compute_type,
            },
            opts=pulumi.ResourceOptions(parent=self, depends_on=[function]),
        )
