"""Stack settings: `pulumi.Config` read once into a frozen dataclass, validated before any resource.

Defaults live in Pulumi.yaml (project config), per-stack values in Pulumi.<stack>.yaml. A bad value
fails `pulumi preview` here with a message naming the key, not halfway through `pulumi up`.
"""

from __future__ import annotations

import dataclasses
from typing import Literal, cast, get_args

import pulumi

Architecture = Literal["x86_64", "arm64"]
NatStrategy = Literal["Single", "OnePerAz"]
ThroughputMode = Literal["elastic", "bursting"]
Engine = Literal["ctranslate2", "transformers"]
ComputeType = Literal["float32", "int8"]

# Docker platform per Lambda architecture: the image must be built for the CPU it runs on.
PLATFORMS: dict[Architecture, str] = {"x86_64": "linux/amd64", "arm64": "linux/arm64"}

# AWS limits (Lambda quotas page; CloudWatch PutRetentionPolicy's allowed values).
MAX_MEMORY_MB = 10240
MAX_TIMEOUT_S = 900
# A first warm-up downloads ~300 MB per direction from the hub into EFS; shorter timeouts cut it.
MIN_TIMEOUT_S = 120
LOG_RETENTION_DAYS = frozenset(
    {1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827}
    | {2192, 2557, 2922, 3288, 3653}
)
# Web origins are exact: a wildcard would let any page spend this API's budget.
ORIGIN_SCHEMES = ("https://", "chrome-extension://", "http://localhost", "http://127.0.0.1")

API_KEYS_KEY = "apiKeys"


class ConfigError(ValueError):
    """A stack setting is missing or out of range."""


@dataclasses.dataclass(frozen=True)
class StackConfig:
    """Every setting the program reads; see the README ("Deploy to AWS") for the keys."""

    architecture: Architecture
    memory_mb: int
    timeout_s: int
    ephemeral_storage_mb: int
    reserved_concurrency: int
    provisioned_concurrency: int
    log_retention_days: int
    availability_zones: int
    nat_strategy: NatStrategy
    efs_throughput_mode: ThroughputMode
    cors_origins: tuple[str, ...]
    throttling_burst_limit: int
    throttling_rate_limit: float
    prewarm: bool
    translate_engine: Engine
    translate_compute_type: ComputeType
    translate_num_beams: int
    translate_threads: int
    model_zh_en: str
    model_en_zh: str
    max_text_chars: int
    # Only ever an Output from get_secret: it stays encrypted in state and masked in logs.
    api_keys: pulumi.Output[str] | None

    @property
    def platform(self) -> str:
        return PLATFORMS[self.architecture]


def _choice(cfg: pulumi.Config, key: str, allowed: object, default: str) -> str:
    """A string that must be one of a Literal type's values."""
    options: tuple[str, ...] = get_args(allowed)
    value = cfg.get(key) or default
    if value not in options:
        raise ConfigError(f"{key}={value!r}: expected one of {', '.join(options)}")
    return value


def _int(cfg: pulumi.Config, key: str, default: int, low: int, high: int) -> int:
    value = cfg.get_int(key)
    value = default if value is None else value
    if not low <= value <= high:
        raise ConfigError(f"{key}={value}: expected {low}..{high}")
    return value


def _reserved_concurrency(cfg: pulumi.Config) -> int:
    value = _int(cfg, "reservedConcurrency", -1, -1, 1000)
    if value == 0:
        # Lambda accepts 0 and then throttles every invocation, the deploy's warm-up included.
        raise ConfigError(
            "reservedConcurrency=0 would throttle every call to the function (the deploy's "
            "warm-up too): use -1 for unreserved, or 1 or more to cap concurrent instances"
        )
    return value


def _origins(cfg: pulumi.Config) -> tuple[str, ...]:
    raw: object = cfg.get_object("corsOrigins") or []
    if not isinstance(raw, list) or not all(isinstance(o, str) for o in raw):
        raise ConfigError("corsOrigins: expected a list of origin strings")
    origins = tuple(cast(list[str], raw))
    if not origins:
        raise ConfigError("corsOrigins: at least the Chrome extension's origin is needed")
    for origin in origins:
        if "*" in origin or not origin.startswith(ORIGIN_SCHEMES) or origin.endswith("/"):
            raise ConfigError(
                f"corsOrigins: {origin!r} is not an exact origin "
                "(https://host, chrome-extension://<id>, http://localhost:<port>; no '*')"
            )
    return origins


def _api_keys(cfg: pulumi.Config) -> pulumi.Output[str] | None:
    full_key = cfg.full_key(API_KEYS_KEY)
    if cfg.get(API_KEYS_KEY) is None:
        return None
    # `pulumi config set` without --secret would leave the keys in plaintext in Pulumi.<stack>.yaml.
    if not pulumi.runtime.is_config_secret(full_key):
        raise ConfigError(
            f"{full_key} must be a secret: pulumi config set --secret {full_key} 'key1,key2'"
        )
    return cfg.require_secret(API_KEYS_KEY)


def load() -> StackConfig:
    """Read and validate the current stack's config."""
    cfg = pulumi.Config()
    memory = _int(cfg, "memoryMb", 1769, 128, MAX_MEMORY_MB)
    timeout = _int(cfg, "timeoutSeconds", 300, MIN_TIMEOUT_S, MAX_TIMEOUT_S)
    retention = _int(cfg, "logRetentionDays", 14, 1, 3653)
    if retention not in LOG_RETENTION_DAYS:
        raise ConfigError(f"logRetentionDays={retention}: not a CloudWatch retention value")
    rate = cfg.get_float("throttlingRateLimit")
    rate = 10.0 if rate is None else rate
    if not 0 < rate <= 10000:
        raise ConfigError(f"throttlingRateLimit={rate}: expected 0 < rate <= 10000")
    prewarm = cfg.get_bool("prewarm")
    return StackConfig(
        architecture=cast(Architecture, _choice(cfg, "architecture", Architecture, "x86_64")),
        memory_mb=memory,
        timeout_s=timeout,
        ephemeral_storage_mb=_int(cfg, "ephemeralStorageMb", 1024, 512, 10240),
        reserved_concurrency=_reserved_concurrency(cfg),
        provisioned_concurrency=_int(cfg, "provisionedConcurrency", 0, 0, 100),
        log_retention_days=retention,
        availability_zones=_int(cfg, "availabilityZones", 2, 2, 3),
        nat_strategy=cast(NatStrategy, _choice(cfg, "natStrategy", NatStrategy, "Single")),
        efs_throughput_mode=cast(
            ThroughputMode, _choice(cfg, "efsThroughputMode", ThroughputMode, "elastic")
        ),
        cors_origins=_origins(cfg),
        throttling_burst_limit=_int(cfg, "throttlingBurstLimit", 20, 1, 5000),
        throttling_rate_limit=rate,
        prewarm=True if prewarm is None else prewarm,
        translate_engine=cast(Engine, _choice(cfg, "translateEngine", Engine, "ctranslate2")),
        translate_compute_type=cast(
            ComputeType, _choice(cfg, "translateComputeType", ComputeType, "int8")
        ),
        translate_num_beams=_int(cfg, "translateNumBeams", 0, 0, 8),
        translate_threads=_int(cfg, "translateThreads", 1, 0, 16),
        # Defaults in Pulumi.yaml, checked against service/settings.py by tests/infra.
        model_zh_en=cfg.require("modelZhEn"),
        model_en_zh=cfg.require("modelEnZh"),
        max_text_chars=_int(cfg, "maxTextChars", 5000, 1, 100_000),
        api_keys=_api_keys(cfg),
    )
