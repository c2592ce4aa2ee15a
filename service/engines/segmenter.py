"""Chinese word segmentation with jiagu, each word annotated for a learner."""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass

from service.engines.lexicon import Lexicon, get_lexicon
from service.engines.pos_tagger import get_tagger
from service.engines.script import has_han

# The overall level of a text: the lowest level that covers this share of its listed words.
COVERAGE_FOR_LEVEL = 0.9

_jiagu_lock = threading.Lock()


@dataclass(frozen=True)
class Word:
    text: str
    start: int
    end: int
    is_chinese: bool
    pinyin: str | None
    hsk_level: int | None
    glosses: list[str]
    pos: str | None


@dataclass(frozen=True)
class Segmentation:
    words: list[Word]
    by_level: dict[str, int]
    level: int | None
    standard: str


def _jiagu_words(text: str, with_pos: bool) -> tuple[list[str], list[str] | None]:
    import jiagu  # imported here: it loads its model on first use, not at app import

    # jiagu initialises its global analyser lazily and without a lock.
    with _jiagu_lock:
        words = [w for w in jiagu.seg(text) if w]
    # jiagu.pos's tags, from its model's weights on disk (not its 420 MB pickle in memory).
    tags = get_tagger().tag(words) if with_pos and words else None
    return words, tags


def _spans(text: str, words: list[str]) -> list[tuple[int, int, int | None]]:
    """Character spans covering the whole text, each with the index of its jiagu word.

    jiagu normally returns every character, whitespace included; anything it skipped or
    changed becomes a span of its own (index None), so `text[start:end]` always holds.
    """
    spans: list[tuple[int, int, int | None]] = []
    pos = 0
    for index, word in enumerate(words):
        found = text.find(word, pos)
        if found < 0:
            continue
        if found > pos:
            spans.append((pos, found, None))
        spans.append((found, found + len(word), index))
        pos = found + len(word)
    if pos < len(text):
        spans.append((pos, len(text), None))
    return spans


def _overall_level(levels: list[int]) -> int | None:
    if not levels:
        return None
    counts = Counter(levels)
    covered = 0
    for level in sorted(counts):
        covered += counts[level]
        if covered >= COVERAGE_FOR_LEVEL * len(levels):
            return level
    return max(levels)


def _annotate(piece: str, start: int, lexicon: Lexicon, standard: str, pos: str | None) -> Word:
    entry = lexicon.entry(piece) if has_han(piece) else None  # one query for all three
    return Word(
        text=piece,
        start=start,
        end=start + len(piece),
        is_chinese=entry is not None,
        pinyin=entry.pinyin if entry else None,
        hsk_level=entry.hsk_levels.get(standard) if entry else None,
        glosses=entry.glosses if entry else [],
        pos=pos,
    )


def segment(text: str, standard: str = "2025", with_pos: bool = False) -> Segmentation:
    lexicon = get_lexicon()
    words, tags = _jiagu_words(text, with_pos)
    annotated = [
        _annotate(
            text[start:end],
            start,
            lexicon,
            standard,
            tags[index] if tags is not None and index is not None else None,
        )
        for start, end, index in _spans(text, words)
    ]
    chinese = [w for w in annotated if w.is_chinese]
    levels = [w.hsk_level for w in chinese if w.hsk_level is not None]
    by_level = {str(level): n for level, n in sorted(Counter(levels).items())}
    unlisted = len(chinese) - len(levels)
    if unlisted:
        by_level["unlisted"] = unlisted
    return Segmentation(annotated, by_level, _overall_level(levels), standard)


def warm_up() -> None:
    """Load jiagu's model and open the lexicon now rather than on the first request."""
    segment("我喜欢学习中文")
