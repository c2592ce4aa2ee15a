"""Simplified and traditional Chinese: which one a text is written in, and conversion.

OpenCC (PyPI `opencc`, its conversion tables ship in the wheel: offline) with its phrase-aware
configurations (`t2s`, `s2t`), which map phrases as well as characters. They almost always keep
a text's length; a caller that maps positions back to the input must check that it did. Each
table loads on its first use: `t2s` is small, `s2t`'s phrase table costs ~23 MB resident, so
/segment takes its words' traditional forms from the lexicon (built with `s2t` at build time)
and only /translate's traditional output loads it.
"""

from __future__ import annotations

import threading
from collections.abc import Container
from functools import cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from opencc import OpenCC

Script = Literal["simplified", "traditional"]

_lock = threading.Lock()  # OpenCC's converter is not documented as thread-safe


@cache
def _converter(config: str) -> OpenCC:
    from opencc import OpenCC  # imported on first use: ~70 ms, not at app import

    return OpenCC(config)


def _convert(text: str, config: str) -> str:
    converter = _converter(config)
    with _lock:
        return str(converter.convert(text))


def to_simplified(text: str) -> str:
    return _convert(text, "t2s")


def to_traditional(text: str) -> str:
    return _convert(text, "s2t")


def script_of(text: str, as_simplified: str, simplified_only: Container[str]) -> Script:
    """'traditional' when the text has more characters that only traditional text uses
    (those `to_simplified` changed: `as_simplified` is its output) than characters that only
    simplified text uses (`simplified_only`: 这, 说).

    Most characters are the same in both scripts; the ones that differ decide. A text with none
    that differ (我是人) counts as simplified, the script the dictionary and segmenter key on.
    """
    traditional_marks = sum(a != b for a, b in zip(text, as_simplified, strict=False))
    simplified_marks = sum(char in simplified_only for char in text)
    return "traditional" if traditional_marks > simplified_marks else "simplified"
