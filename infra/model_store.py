"""EFS file system holding the Hugging Face cache, one mount target per private subnet."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import pulumi
import pulumi_aws as aws

from infra.config import ThroughputMode

# The seed's values: the function runs as uid/gid 1001 inside this directory, never as root.
ACCESS_POINT_ROOT = "/export/models"
POSIX_UID = 1001
POSIX_GID = 1001
ACCESS_POINT_PERMISSIONS = "750"
# Lambda requires local mount paths under /mnt/.
MOUNT_PATH = "/mnt/models"


@dataclasses.dataclass(frozen=True)
class ModelStoreArgs:
    private_subnet_ids: pulumi.Output[Sequence[str]]
    # The count must be known while the program runs: resources are never created in apply().
    subnet_count: int
    security_group_id: pulumi.Input[str]
    throughput_mode: ThroughputMode


def _subnet(ids: pulumi.Output[Sequence[str]], index: int) -> pulumi.Output[str]:
    return ids.apply(lambda values: values[index])


class ModelStore(pulumi.ComponentResource):
    """Encrypted EFS + access point: models download once and survive cold starts."""

    file_system_id: pulumi.Output[str]
    file_system_arn: pulumi.Output[str]
    access_point_arn: pulumi.Output[str]
    mount_targets: list[aws.efs.MountTarget]

    def __init__(
        self, name: str, args: ModelStoreArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__("hanzi:infra:ModelStore", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)

        file_system = aws.efs.FileSystem(
            f"{name}-fs",
            encrypted=True,
            performance_mode="generalPurpose",
            throughput_mode=args.throughput_mode,
            tags={"Name": f"{name}-models"},
            opts=child,
        )
        self.mount_targets = [
            aws.efs.MountTarget(
                f"{name}-mount-{index}",
                file_system_id=file_system.id,
                subnet_id=_subnet(args.private_subnet_ids, index),
                security_groups=[args.security_group_id],
                opts=child,
            )
            for index in range(args.subnet_count)
        ]
        access_point = aws.efs.AccessPoint(
            f"{name}-ap",
            file_system_id=file_system.id,
            posix_user=aws.efs.AccessPointPosixUserArgs(uid=POSIX_UID, gid=POSIX_GID),
            root_directory=aws.efs.AccessPointRootDirectoryArgs(
                path=ACCESS_POINT_ROOT,
                creation_info=aws.efs.AccessPointRootDirectoryCreationInfoArgs(
                    owner_uid=POSIX_UID,
                    owner_gid=POSIX_GID,
                    permissions=ACCESS_POINT_PERMISSIONS,
                ),
            ),
            opts=child,
        )

        self.file_system_id = file_system.id
        self.file_system_arn = file_system.arn
        self.access_point_arn = access_point.arn
        self.register_outputs(
            {
                "fileSystemId": self.file_system_id,
                "fileSystemArn": self.file_system_arn,
                "accessPointArn": self.access_point_arn,
            }
        )
