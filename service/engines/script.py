"""Which script a piece of text is written in: the basis of language auto-detection."""

from __future__ import annotations

import re

# CJK Unified Ideographs with extensions A-F and the compatibility block.
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")


def has_han(text: str) -> bool:
    return _HAN.search(text) is not None


def count_han(text: str) -> int:
    return len(_HAN.findall(text))


def count_latin(text: str) -> int:
    return len(_LATIN.findall(text))


def detect_language(text: str) -> str | None:
    """'zh' when Han characters outnumber Latin letters, 'en' for the reverse, else None."""
    han, latin = count_han(text), count_latin(text)
    if han == 0 and latin == 0:
        return None
    return "zh" if han >= latin else "en"
