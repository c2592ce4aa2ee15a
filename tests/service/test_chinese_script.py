"""Script detection and conversion: OpenCC's shipped tables and the lexicon's characters."""

from __future__ import annotations

import pytest

from service.common.chinese_script import script_of, to_simplified, to_traditional
from service.dependencies import get_segmenter


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
        ("後來我們去台灣吃麵", "traditional"),
        ("后来我们去台湾吃面", "simplified"),  # 后, 台, 面 are traditional characters too
    ],
)
def test_script_of(text: str, script: str) -> None:
    simplified_only = get_segmenter().lexicon.simplified_only
    assert script_of(text, to_simplified(text), simplified_only) == script


def test_simplified_only_characters_are_the_ones_traditional_text_never_uses() -> None:
    simplified_only = get_segmenter().lexicon.simplified_only
    assert {"这", "说", "发", "们", "湾"} <= simplified_only
    assert not {"台", "后", "面", "干", "我", "們"} & simplified_only
