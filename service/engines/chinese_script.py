"""Simplified and traditional Chinese: which one a text is written in, and conversion.

OpenCC (PyPI `opencc`, its conversion tables ship in the wheel: offline) with its phrase-aware
configurations (`t2s`, `s2t`), which map phrases as well as characters. They almost always keep
a text's length; a caller that maps positions back to the input must check that it did.
"""

from __future__ import annotations

import threading
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


def detect_script(text: str) -> Script:
    """'traditional' when converting to simplified changes more characters than the reverse.

    Most characters are the same in both scripts; the ones that differ decide. A text with none
    that differ (我是人) counts as simplified, the script the dictionary and segmenter key on.
    """
    return both_scripts(text)[0]


def both_scripts(text: str) -> tuple[Script, str, str]:
    """The text's script (as detect_script), and the text in simplified and in traditional."""
    as_simplified, as_traditional = to_simplified(text), to_traditional(text)
    traditional_marks = sum(a != b for a, b in zip(text, as_simplified, strict=False))
    simplified_marks = sum(a != b for a, b in zip(text, as_traditional, strict=False))
    script: Script = "traditional" if traditional_marks > simplified_marks else "simplified"
    return script, as_simplified, as_traditional
