"""Hanzi Lambda on AWS: the FastAPI service in service/ as a container-image Lambda.

    HTTP API (CORS, throttling) -> Lambda in private subnets (image from ECR)
                                     -> EFS access point at /mnt/models (Hugging Face cache)

Config (Pulumi.yaml defaults, Pulumi.<stack>.yaml values) -> components under infra/ -> exports.
See the README, "Deploy to AWS", for the keys and the deploy steps.
"""

from __future__ import annotations

import pulumi

from infra import config as stack_config
from infra.function import Function, FunctionArgs
from infra.http_api import HttpApi, HttpApiArgs
from infra.model_store import ModelStore, ModelStoreArgs
from infra.network import Network, NetworkArgs

config = stack_config.load()

network = Network(
    "hanzi",
    NetworkArgs(
        availability_zones=config.availability_zones,
        nat_strategy=config.nat_strategy,
    ),
)

store = ModelStore(
    "hanzi",
    ModelStoreArgs(
        private_subnet_ids=network.private_subnet_ids,
        subnet_count=config.availability_zones,
        security_group_id=network.efs_security_group_id,
        throughput_mode=config.efs_throughput_mode,
    ),
)

function = Function(
    "hanzi",
    FunctionArgs(
        config=config,
        private_subnet_ids=network.private_subnet_ids,
        security_group_id=network.function_security_group_id,
        file_system_id=store.file_system_id,
        file_system_arn=store.file_system_arn,
        access_point_arn=store.access_point_arn,
        mount_targets=store.mount_targets,
    ),
)

api = HttpApi(
    "hanzi",
    HttpApiArgs(
        function_name=function.function_name,
        invoke_arn=function.invoke_arn,
        qualifier=function.qualifier,
        cors_origins=config.cors_origins,
        throttling_burst_limit=config.throttling_burst_limit,
        throttling_rate_limit=config.throttling_rate_limit,
        log_retention_days=config.log_retention_days,
    ),
)

pulumi.export("apiUrl", api.url)
pulumi.export("docsUrl", pulumi.Output.concat(api.url, "/docs"))
pulumi.export("functionName", function.function_name)
pulumi.export("repositoryUrl", function.repository_url)
pulumi.export("imageUri", function.image_uri)
pulumi.export("fileSystemId", store.file_system_id)
