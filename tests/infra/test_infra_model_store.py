"""Model store rules: mount targets, access point, mount path, encryption."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.infra.conftest import Deployment

FS = "aws:efs/fileSystem:FileSystem"
MOUNT_TARGET = "aws:efs/mountTarget:MountTarget"
ACCESS_POINT = "aws:efs/accessPoint:AccessPoint"
FUNCTION = "aws:lambda/function:Function"


def test_one_mount_target_per_private_subnet_in_the_efs_group(deployment: Deployment) -> None:
    fs = deployment.one(FS)
    efs_sg = deployment.named("aws:ec2/securityGroup:SecurityGroup", "-efs-sg")
    targets = deployment.all(MOUNT_TARGET)
    private = deployment.one("awsx:ec2:Vpc").outputs["privateSubnetIds"]
    assert sorted(t.inputs["subnetId"] for t in targets) == sorted(private)
    for target in targets:
        assert target.inputs["fileSystemId"] == fs.id
        assert target.inputs["securityGroups"] == [efs_sg.id]


def test_function_mounts_the_access_point_under_mnt(deployment: Deployment) -> None:
    fs = deployment.one(FS)
    access_point = deployment.one(ACCESS_POINT)
    mount = deployment.one(FUNCTION).inputs["fileSystemConfig"]
    assert mount["arn"] == access_point.outputs["arn"]
    assert mount["localMountPath"] == "/mnt/models"
    assert access_point.inputs["fileSystemId"] == fs.id
    root = access_point.inputs["rootDirectory"]
    assert root["path"] == "/export/models"
    assert root["creationInfo"] == {"ownerUid": 1001, "ownerGid": 1001, "permissions": "750"}
    assert access_point.inputs["posixUser"] == {"uid": 1001, "gid": 1001}


def test_hf_home_is_on_the_mount(deployment: Deployment) -> None:
    function = deployment.one(FUNCTION).inputs
    hf_home = function["environment"]["variables"]["HF_HOME"]
    assert hf_home.startswith(function["fileSystemConfig"]["localMountPath"] + "/")


def test_function_depends_on_every_mount_target(deployment: Deployment) -> None:
    function = deployment.one(FUNCTION)
    targets = deployment.all(MOUNT_TARGET)
    assert len(targets) == int(deployment.setting("availabilityZones"))
    for target in targets:
        assert target.urn in function.dependencies, target.name


def test_file_system_is_encrypted_at_rest_with_configured_throughput(
    deployment: Deployment,
) -> None:
    fs = deployment.one(FS).inputs
    assert fs["encrypted"] is True
    assert fs["throughputMode"] == deployment.setting("efsThroughputMode")
