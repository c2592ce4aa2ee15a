"""The engine-level translation service: the language rule, limits, grouping and output script."""

from __future__ import annotations

import pytest

from service.engines.script import detect_language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("我用iPhone", "zh"),
        ("请用 Python 写", "zh"),
        ("iPhone 15 Pro 发布了", "zh"),
        ("I like 饺子 very much", "en"),
        ("Where is the bank?", "en"),
        ("银行在哪里？", "zh"),
        ("1234 !!", None),
    ],
)
def test_a_han_character_counts_like_a_latin_word(text: str, language: str | None) -> None:
    assert detect_language(text) == language
