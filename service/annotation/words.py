"""Splitting text into words: jiagu's segmenter, its words as spans of the text, sentences.

The other half of annotation (`segmenter`) explains each word; this half only says where the
words and sentences are. `WordSplitter` loads jiagu's word frequencies under a lock, on first
use (from `vocab_cache`), and splits with `jiagu_route`: jiagu's own words, faster.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from service.annotation import jiagu_route, vocab_cache

if TYPE_CHECKING:
    from jiagu.segment.nroute import Segment as JiaguSegment

# Measure words a number or demonstrative takes before its noun.
MEASURE_CHARS = frozenset(
    "本个位张件条只辆台家所支把块双杯瓶碗头匹首部篇封座棵朵层种间节门份套场行口"
)
# A number or a demonstrative: the word after one is counted (一只 zhī, 这本书, 一行 háng).
COUNTING = re.compile(r"(?:[0-9０-９]+|[一二三四五六七八九十百千万两几半每这那哪某]+)")

Span = tuple[int, int, int | None]  # start, end, index of its jiagu word (None: not one)

# The reading model reads a sentence at a time (it was trained on single sentences), in
# pieces of at most this many characters; a text's sentences go through it together.
SENTENCE = re.compile(r"[^\n。！？!?]{1,200}[。！？!?”’」』）)]*")


def word_spans(text: str, words: list[str]) -> list[Span]:
    """Character spans covering the whole text, each with the index of its jiagu word.

    jiagu normally returns every character, whitespace included; anything it skipped or
    changed becomes a span of its own (index None), so `text[start:end]` always holds.
    """
    spans: list[Span] = []
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


def _jiagu_segment() -> JiaguSegment:
    """jiagu's word segmenter as `jiagu.seg` runs it, without the model it never uses.

    `jiagu.seg` is `Segment.seg(text, mode="default")`: a route over jiagu's word frequencies.
    `Segment.init` also loads a perceptron (`cws.model`, ~30 MB resident) that only the
    "probe" mode reads, so only the frequency files are loaded here. A test checks the two
    agree, so a jiagu upgrade that changes this is caught.
    """
    from jiagu.segment import nroute  # imported here, not at app import

    segment = nroute.Segment()
    folder = Path(nroute.__file__).parent / "dict"
    for name in ("jiagu.dict", "user.dict"):
        segment.load_vocab(str(folder / name))
    segment.initialized = True  # what init() sets once its files are read
    return segment


def _vocabulary(cache_dir: Path | None) -> vocab_cache.Vocabulary:
    """jiagu's frequencies: stored in cache_dir, else parsed by jiagu (and stored there)."""
    stored = vocab_cache.cached(cache_dir) if cache_dir is not None else None
    if stored is not None:
        return stored
    segment = _jiagu_segment()
    parsed = vocab_cache.Vocab(segment.vocab, segment.max_word_len, segment.total_freq)
    if cache_dir is not None:
        vocab_cache.store(cache_dir, parsed)
    return vocab_cache.in_memory(parsed)


class WordSplitter:
    """jiagu's words of a text; one per process, shared by threads."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        self._lock = threading.Lock()
        self._vocabulary: vocab_cache.Vocabulary | None = None
        self._cache_dir = cache_dir

    def words(self, text: str) -> list[str]:
        with self._lock:  # loaded once; `jiagu_route` only reads it
            if self._vocabulary is None:
                self._vocabulary = _vocabulary(self._cache_dir)
            vocabulary = self._vocabulary
        return [w for w in jiagu_route.segment(text, vocabulary) if w]


if __name__ == "__main__":  # `python -m service.annotation.words`: build the cache (Dockerfile)
    from service.settings import get_settings

    directory = get_settings().data_cache_path()
    _vocabulary(directory)
    if vocab_cache.cached(directory) is None:
        raise SystemExit(f"jiagu vocabulary cache not written to {directory}")
    print(vocab_cache.cache_file(directory))
