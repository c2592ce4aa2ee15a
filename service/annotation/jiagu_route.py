"""jiagu's default segmentation (`Segment.seg(text, mode="default")`), the same words faster.

jiagu builds a dict of every position's dictionary words (`create_DAG`), then scores routes
right to left with one generator per position (`calc_route`), slicing each candidate twice.
This does both in one pass over the same candidates with the same arithmetic in the same
order (log frequency − log total + the best score after the word; ties go to the longer
word, as `max` over jiagu's `(score, end)` tuples does), so the words are identical (a test
compares them with `jiagu.seg`) in about half the time: a tenth of a /segment request.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from math import log

from service.annotation.vocab_cache import Vocabulary

# jiagu.segment.nroute's own patterns, unchanged.
_ENGLISH = re.compile("[a-zA-Z0-9]", re.U)
_HAN = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&\\._%\\-]+)", re.U)
_SKIP = re.compile("(\r\n|\\s)", re.U)


def _route(block: str, vocabulary: Vocabulary, log_total: float) -> list[int]:
    """For each position, the end (inclusive) of the word the best route takes there."""
    size, longest = len(block), vocabulary.longest
    score = [0.0] * (size + 1)
    end = [0] * (size + 1)
    for start in range(size - 1, -1, -1):
        get = vocabulary.starting(block[start]).get  # every candidate starts with this
        best_score = log(get(block[start]) or 1) - log_total + score[start + 1]
        best_end = start
        for last in range(start + 1, start + min(longest, size - start)):
            frequency = get(block[start : last + 1])
            if frequency is None:
                continue
            candidate = log(frequency or 1) - log_total + score[last + 1]
            if candidate >= best_score:  # a tie: jiagu's max() prefers the later end
                best_score, best_end = candidate, last
        score[start], end[start] = best_score, best_end
    return end


def _cut(block: str, vocabulary: Vocabulary, log_total: float) -> Iterator[str]:
    """jiagu's `cut_words`: the route's words, single Latin letters and digits run together."""
    ends = _route(block, vocabulary, log_total)
    position, size, run = 0, len(block), ""
    while position < size:
        following = ends[position] + 1
        word = block[position:following]
        if len(word) == 1 and _ENGLISH.match(word):
            run += word
        else:
            if run:
                yield run
                run = ""
            yield word
        position = following
    if run:
        yield run


def segment(text: str, vocabulary: Vocabulary) -> list[str]:
    """`Segment.seg(text, mode="default")` of a segmenter holding these frequencies."""
    words: list[str] = []
    log_total = log(vocabulary.total)
    for block in _HAN.split(text):
        if not block:
            continue
        if _HAN.match(block):
            words += _cut(block, vocabulary, log_total)
            continue
        for piece in _SKIP.split(block):
            if _SKIP.match(piece):
                words.append(piece)
            else:
                words += piece  # one character at a time, as jiagu's default mode does
    return words
