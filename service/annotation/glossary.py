"""What a learner reads about one word: its reading in context, that reading's senses, the
other readings, classifiers, and the parts of a word the dictionary does not list whole."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from service.annotation.lexicon import LONGEST_PART, Entry, Lexicon, Reading, part_pieces
from service.annotation.lexicon_build import MAX_GLOSSES
from service.annotation.pinyin_text import marked_to_numbered, numbered_to_marked
from service.common.script import has_han


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


def only_names(entry: Entry) -> bool:
    """Whether every reading of the word is a proper name (勃艮第, 黄陂)."""
    return bool(entry.readings) and all(_is_name(r) for r in entry.readings)


def name_syllables(entry: Entry) -> list[str] | None:
    """The numbered syllables of a word that is only a name (勃艮第 bo2 gen3 di4): the
    reading model may replace one it clearly knows better (a transliteration's usual
    reading), never a common word's."""
    return entry.readings[0].pinyin.lower().split() if only_names(entry) else None


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


def _agreement(reading: Reading, predicted: dict[int, str]) -> int:
    """Two points a syllable the context model predicts exactly, one where only a neutral
    tone tells them apart (好处 hǎo chu against the model's chù)."""
    syllables = reading.pinyin.lower().split()
    points = 0
    for offset, guess in predicted.items():
        if offset < len(syllables):
            mine, theirs = syllables[offset], guess.lower()
            if mine == theirs:
                points += 2
            elif mine[:-1] == theirs[:-1] and "5" in (mine[-1:], theirs[-1:]):
                points += 1
    return points


def choose_reading(entry: Entry, predicted: dict[int, str]) -> Reading | None:
    """The reading that agrees most with the context model at the word's polyphonic
    characters (offset in the word → numbered reading); ties keep the usual reading. A
    word's name reading wins only where it alone agrees (明朝 Míng cháo, the dynasty,
    against míng zhāo "tomorrow morning")."""
    usual = default_reading(entry)
    if not predicted or usual is None:
        return usual
    scored = [(r, _agreement(r, predicted)) for r in entry.readings]
    common = [(r, points) for r, points in scored if not _is_name(r)] or scored
    best = max(points for _, points in common)
    if len(usual.pinyin.split()) > 1:
        names = [(r, points) for r, points in scored if _is_name(r)]
        named = max(names, key=lambda scored_name: scored_name[1], default=None)
        if named is not None and named[1] > best:
            return named[0]
    if best == 0 or _agreement(usual, predicted) == best:
        return usual
    return next(r for r, points in common if points == best)


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


def split_into_parts(word: str, lexicon: Lexicon) -> list[tuple[str, Entry | None]]:
    """The longest dictionary words of `word`, left to right (一个 → 一 + 个), each with its
    entry; characters no dictionary lists, and runs of characters that are not Han, stand
    alone without one."""
    known = lexicon.headwords(sorted(part_pieces(word)))
    found: list[tuple[str, Entry | None]] = []
    position = 0
    while position < len(word):
        size = next(
            (
                size
                for size in range(min(LONGEST_PART, len(word) - position), 0, -1)
                if word[position : position + size] in known
            ),
            0,
        )
        if size == 0:  # not Han, or a character no dictionary lists: keep it, unexplained
            end = position + 1
            while end < len(word) and not has_han(word[end]) and not has_han(word[position]):
                end += 1
            found.append((word[position:end], None))
            position = end
            continue
        text = word[position : position + size]
        found.append((text, known[text]))
        position += size
    return found


def parts(word: str, syllables: list[str] | None, lexicon: Lexicon) -> list[Part]:
    """The parts of `word` (`split_into_parts`) with their readings and senses.

    `syllables` is the word's reading in context, one per character, when it has one; a
    part then keeps that reading. Characters that are not Han stay together as one part.
    """
    found: list[Part] = []
    position = 0
    for text, entry in split_into_parts(word, lexicon):
        end = position + len(text)
        if entry is None:
            reading = " ".join(syllables[position:end]) if syllables else text
            found.append(Part(text, reading if has_han(text) else text, []))
        else:
            if syllables:
                pinyin = " ".join(syllables[position:end])
            else:
                usual = default_reading(entry)
                pinyin = numbered_to_marked(usual.pinyin) if usual else entry.pinyin
            found.append(Part(text, pinyin, explain(entry, pinyin).glosses))
        position = end
    return found


def reading_pinyin(reading: Reading) -> str:
    return numbered_to_marked(reading.pinyin)
