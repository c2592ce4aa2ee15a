"""Which script a piece of text is written in: the basis of language auto-detection."""

from __future__ import annotations

import re
from typing import Literal

# CJK Unified Ideographs with extensions A-F and the compatibility block.
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
# A Latin word: a run of letters, apostrophes and hyphens inside it (don't, e-mail) included.
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+(?:['’-][A-Za-z\u00c0-\u024f]+)*")


def has_han(text: str) -> bool:
    return _HAN.search(text) is not None


def count_han(text: str) -> int:
    return len(_HAN.findall(text))


def count_latin_words(text: str) -> int:
    return len(_LATIN_WORD.findall(text))


def detect_language(text: str) -> Literal["zh", "en"] | None:
    """'zh' when Han characters, each counted like a word, are at least the Latin words.

    A Chinese character carries about a word's meaning, so a Chinese sentence with a brand
    name (我用iPhone, iPhone 15 Pro 发布了) is Chinese, while English with a Chinese word
    in it (I like 饺子 very much) is English. None when the text has neither script.
    """
    han, latin = count_han(text), count_latin_words(text)
    if han == 0 and latin == 0:
        return None
    return "zh" if han >= latin else "en"
