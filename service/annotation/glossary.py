"""What a learner reads about one word: its reading in context, that reading's senses, the
other readings, classifiers, and the parts of a word the dictionary does not list whole."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from service.annotation.lexicon import Entry, Lexicon, Reading
from service.annotation.lexicon_build import MAX_GLOSSES
from service.annotation.pinyin_text import marked_to_numbered, numbered_to_marked
from service.common.script import has_han

# Longer pieces than this are never looked up as parts (CC-CEDICT's headwords are shorter).
_LONGEST_PART = 8


@dataclass(frozen=True)
class OtherReading:
    pinyin: str
    glosses: list[str]


@dataclass(frozen=True)
class Part:
    text: str
    pinyin: str
    glosses: list[str]


@dataclass(frozen=True)
class Explanation:
    pinyin: str
    glosses: list[str]
    classifiers: list[str]
    other_readings: list[OtherReading]


def _is_name(reading: Reading) -> bool:
    return reading.pinyin[:1].isupper()  # CC-CEDICT capitalises proper names: Huan2


def _toneless(numbered: str) -> str:
    return "".join(char for char in numbered.lower() if not char.isdigit())


# What a single character's neighbours make it: a verb before an aspect particle (还了), a
# measure word after a number (一只).
Role = Literal["verb", "measure"]


def plays(reading: Reading, role: Role) -> bool:
    """Whether one of the reading's senses is a verb's ("to pay back") or a measure word's."""
    if role == "verb":
        return any(sense.startswith("to ") for sense in reading.glosses)
    return any(sense.startswith(("classifier for", "measure word")) for sense in reading.glosses)


def default_reading(entry: Entry) -> Reading | None:
    """The reading shown without context: the word's usual reading, a common noun's first."""
    usual = marked_to_numbered(entry.pinyin).lower()
    common = [r for r in entry.readings if not _is_name(r)] or entry.readings
    for reading in common:
        if reading.pinyin.lower() == usual:
            return reading
    return next((r for r in common if r.glosses), common[0] if common else None)


def choose_reading(entry: Entry, predicted: dict[int, str]) -> Reading | None:
    """The reading that agrees most with the context model at the word's polyphonic
    characters (offset in the word → numbered reading); ties keep the usual reading."""
    usual = default_reading(entry)
    if not predicted or usual is None:
        return usual
    common = [r for r in entry.readings if not _is_name(r)] or entry.readings

    def agreement(reading: Reading) -> int:
        syllables = reading.pinyin.lower().split()
        return sum(
            offset < len(syllables) and syllables[offset] == guess.lower()
            for offset, guess in predicted.items()
        )

    best = max(agreement(r) for r in common)
    if best == 0 or agreement(usual) == best:
        return usual
    return next(r for r in common if agreement(r) == best)


def explain(entry: Entry, pinyin: str) -> Explanation:
    """The senses of the reading `pinyin` (tone marks) only; the other readings apart."""
    shown = marked_to_numbered(pinyin)
    exact = [r for r in entry.readings if r.pinyin == shown]
    # A name (Huán) is another reading than the common word (huán) unless nothing else fits.
    matched = exact or [r for r in entry.readings if r.pinyin.lower() == shown.lower()]
    if not matched:  # a tone changed by its neighbour (一 yí in 一个) is still that reading
        matched = [r for r in entry.readings if _toneless(r.pinyin) == _toneless(shown)][:1]
    glosses: list[str] = []
    classifiers: list[str] = []
    for reading in matched:
        glosses += [g for g in reading.glosses if g not in glosses]
        classifiers += [c for c in reading.classifiers if c not in classifiers]
    return Explanation(
        pinyin=pinyin,
        glosses=glosses[:MAX_GLOSSES],
        classifiers=classifiers,
        other_readings=[  # names (Huán) after the common readings
            OtherReading(numbered_to_marked(r.pinyin), r.glosses)
            for r in sorted(entry.readings, key=_is_name)
            if r not in matched
        ],
    )


def parts(word: str, syllables: list[str] | None, lexicon: Lexicon) -> list[Part]:
    """The longest dictionary words of `word`, left to right (一个 → 一 + 个).

    `syllables` is the word's reading in context, one per character, when it has one; a
    part then keeps that reading. Characters that are not Han stay together as one part.
    """
    pieces = sorted(
        {
            word[start:end]
            for start in range(len(word))
            for end in range(start + 1, min(len(word), start + _LONGEST_PART) + 1)
            if has_han(word[start:end])
        }
    )
    known = lexicon.headwords(pieces)
    found: list[Part] = []
    position = 0
    while position < len(word):
        size = next(
            (
                size
                for size in range(min(_LONGEST_PART, len(word) - position), 0, -1)
                if word[position : position + size] in known
            ),
            0,
        )
        if size == 0:  # not Han, or a character no dictionary lists: keep it, unexplained
            end = position + 1
            while end < len(word) and not has_han(word[end]) and not has_han(word[position]):
                end += 1
            text = word[position:end]
            reading = " ".join(syllables[position:end]) if syllables else text
            found.append(Part(text, reading if has_han(text) else text, []))
            position = end
            continue
        text = word[position : position + size]
        entry = known[text]
        if syllables:
            pinyin = " ".join(syllables[position : position + size])
        else:
            usual = default_reading(entry)
            pinyin = numbered_to_marked(usual.pinyin) if usual else entry.pinyin
        found.append(Part(text, pinyin, explain(entry, pinyin).glosses))
        position += size
    return found


def reading_pinyin(reading: Reading) -> str:
    return numbered_to_marked(reading.pinyin)
