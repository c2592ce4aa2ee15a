"""Script detection and conversion through OpenCC's shipped tables."""

from __future__ import annotations

import pytest

from service.engines.chinese_script import detect_script, to_simplified, to_traditional


def test_conversion_both_ways_keeps_length() -> None:
    assert to_simplified("我覺得這個電腦很貴") == "我觉得这个电脑很贵"
    assert to_traditional("我觉得这个电脑很贵") == "我覺得這個電腦很貴"


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("我覺得這個電腦很貴", "traditional"),
        ("我觉得这个电脑很贵", "simplified"),
        ("我是人", "simplified"),  # nothing differs: the dictionary's own script
        ("iPhone", "simplified"),
    ],
)
def test_detect_script(text: str, script: str) -> None:
    assert detect_script(text) == script
