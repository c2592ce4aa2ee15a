"""What the real API answers, asked directly, and what the extension shows of it, read
from the rendered DOM, so tests compare the two."""

from __future__ import annotations

import unicodedata
from typing import Any, TypedDict

import httpx
from playwright.sync_api import Locator

TONE_MARKS = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}


class ShownWord(TypedDict):
    word: str
    syllables: list[str]
    syllable_classes: list[str]
    char_classes: list[str]
    badge: str | None


def segment(api_url: str, text: str, hsk: str = "2025", sandhi: bool = False) -> dict[str, Any]:
    body: dict[str, Any] = {"text": text, "hsk": hsk}
    if sandhi:
        body["sandhi"] = True
    response = httpx.post(f"{api_url}/segment", json=body, timeout=120)
    response.raise_for_status()
    result: dict[str, Any] = response.json()
    return result


def translate(api_url: str, text: str, source: str, target: str) -> str:
    body = {"text": text, "source": source, "target": target}
    response = httpx.post(f"{api_url}/translate", json=body, timeout=120)
    response.raise_for_status()
    translation: str = response.json()["translations"][0]
    return translation


def tone(syllable: str) -> int:
    """The tone of a tone-marked syllable; 5 (neutral) when it has no mark."""
    for char in unicodedata.normalize("NFD", syllable):
        if char in TONE_MARKS:
            return TONE_MARKS[char]
    return 5


def badge(level: int | None) -> str | None:
    if level is None:
        return None
    return "HSK 7–9" if level >= 7 else f"HSK {level}"


def shown_words(words: Locator) -> list[ShownWord]:
    """The words as rendered: text, pinyin syllables, tone classes and HSK badge."""
    shown: list[ShownWord] = words.evaluate_all(
        """(nodes) => nodes.map((node) => ({
          word: node.dataset.word,
          syllables: [...node.querySelectorAll(".hl-pinyin > span")].map((s) => s.textContent),
          syllable_classes: [...node.querySelectorAll(".hl-pinyin > span")].map((s) => s.className),
          char_classes: [...node.querySelectorAll(".hl-hanzi > span")].map((s) => s.className),
          badge: node.querySelector(".hl-badge")?.textContent ?? null,
        }))"""
    )
    return shown


def chinese_tokens(segmented: dict[str, Any]) -> list[dict[str, Any]]:
    return [token for token in segmented["tokens"] if token["is_chinese"]]
