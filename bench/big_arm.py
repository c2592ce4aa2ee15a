"""The transformer-big arm of `make bench`: a larger zh→en model beside the default one.

Helsinki-NLP's larger OPUS-MT models (the opus-mt-tc-big and -tc-bible-big families, e.g.
opus-mt-tc-bible-big-zhx-en) have the transformer-big shape: about three times the parameters
of opus-mt-zh-en. `bench.models --big` builds one with random weights; here it is served over
HTTP by the same service, int8 and float32, with the same forced output length and beams as
every other arm, so its row shows what the architecture alone costs. Nothing here imports
torch, transformers or ctranslate2.
"""

from __future__ import annotations

from typing import Any

BIG_DIRECTION = "zh-en-big"  # the key of the big model's directory in `dirs`
BIG_HTTP_ARMS = {"http-big": "int8", "http-big-float32": "float32"}
LABELS = {
    "http-big": "Service over HTTP, transformer-big zh→en (tc-bible-big shape), int8",
    "http-big-float32": "Service over HTTP, transformer-big zh→en (tc-bible-big shape), float32",
}


def http_arms(dirs: dict[str, str], default: dict[str, str]) -> dict[str, dict[str, str]]:
    """Label → environment overrides of each HTTP arm: the default ones, then the big ones."""
    arms = {label: {"TRANSLATE_COMPUTE_TYPE": compute} for label, compute in default.items()}
    if BIG_DIRECTION in dirs:
        for label, compute in BIG_HTTP_ARMS.items():
            arms[label] = {
                "TRANSLATE_COMPUTE_TYPE": compute,
                "TRANSLATE_MODEL_ZH_EN": dirs[BIG_DIRECTION],
            }
    return arms


def conversion_env(env: dict[str, str], dirs: dict[str, str]) -> dict[str, str] | None:
    """The environment that converts the big model as the zh-en direction; None without it."""
    if BIG_DIRECTION not in dirs:
        return None
    return {**env, "TRANSLATE_MODEL_ZH_EN": dirs[BIG_DIRECTION]}


def summary(m: dict[str, dict[str, float]]) -> dict[str, Any]:
    """Big / default time ratios per operation (how much slower the larger model is)."""
    if "http-big" not in m:
        return {}
    return {
        f"big_over_default_{compute}": {
            op: m[big][op] / m[base][op] for op in ("one", "para", "batch16")
        }
        for compute, big, base in (
            ("int8", "http-big", "http"),
            ("float32", "http-big-float32", "http-float32"),
        )
    }


def table_rows(m: dict[str, dict[str, float]], rss_mb: dict[str, float]) -> list[str]:
    """Markdown rows for the by-setting table, with each server's peak RSS."""
    from bench.run import fmt_s

    rows = []
    for arm, label in LABELS.items():
        if arm in m:
            rows.append(
                f"| {label} (peak RSS {rss_mb.get(arm, 0):.0f} MB) | {fmt_s(m[arm]['one'])} | "
                f"{fmt_s(m[arm]['para'])} | {fmt_s(m[arm]['batch16'])} |"
            )
    return rows
