"""Chinese text into words, each annotated for a learner: the annotation pipeline.

A `Segmenter` runs the steps, each part loaded on first use, once: jiagu's words (`words`),
its merges that change the meaning split (`merges`), the context readings of polyphonic
characters (the grammar rules of `grammar` for function words, the reading model of
`readings` for the rest), each word explained in that context (`word_annotation`), and on
request the spoken tones of 一 and 不 (`tones`). Traditional text is segmented through its
simplified reading (OpenCC, one character for one character) and keeps its own characters.
"""

from __future__ import annotations

import dataclasses
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, Literal, TypeVar

from service.annotation import glossary, grammar, lexicon, merges, pos_tagger, tones
from service.annotation.glossary import OtherReading, Part, Role
from service.annotation.lexicon import Entry, Lexicon
from service.annotation.pinyin_text import to_numbered, to_zhuyin
from service.annotation.readings import ReadingModel
from service.annotation.word_annotation import WordAnnotator
from service.annotation.word_roles import WordRoles
from service.annotation.words import COUNTING as _COUNTING
from service.annotation.words import SENTENCE, Span, WordSplitter, word_spans
from service.common.chinese_script import Script, script_of, to_simplified
from service.common.script import has_han

# The overall level of a text: the lowest level that covers this share of its listed words.
COVERAGE_FOR_LEVEL = 0.9
# Aspect particles: the character before one is a verb (还了 huán le, not the adverb hái).
_ASPECT = frozenset("了着过")

T = TypeVar("T")

ScriptChoice = Literal["auto", "simplified", "traditional"]


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
    classifiers: list[str]
    other_readings: list[OtherReading]
    parts: list[Part]
    simplified: str | None
    traditional: str | None
    zhuyin: str | None


@dataclass(frozen=True)
class Segmentation:
    words: list[Word]
    by_level: dict[str, int]
    level: int | None
    standard: str
    script: Script


@dataclass(frozen=True)
class _Context:
    """What a word's annotation depends on besides the word."""

    predicted: dict[int, str]  # context readings of polyphonic characters, by position
    role: Role | None  # what a single character's neighbours make it
    tag: str | None
    standard: str
    zhuyin: bool
    traditional_input: bool  # the text was read as traditional


def _role(text: str, spans: list[Span], number: int) -> Role | None:
    """A verb before an aspect particle; a measure word after a number or demonstrative."""
    following = text[spans[number + 1][0] : spans[number + 1][1]] if number + 1 < len(spans) else ""
    if following in _ASPECT:
        return "verb"
    before = text[spans[number - 1][0] : spans[number - 1][1]] if number else ""
    # After a number or demonstrative, a measure word (一只 zhī; g2pM alone reads zhǐ).
    return "measure" if _COUNTING.fullmatch(before) else None


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


def _same_length(converted: str, text: str) -> str:
    # Positions map back to the input only when the conversion kept every character's place.
    return converted if len(converted) == len(text) else text


class _Once(Generic[T]):
    """A value loaded on first use, once, whichever thread asks first."""

    def __init__(self, load: Callable[[], T]) -> None:
        self._load = load
        self._value: T | None = None
        self._lock = threading.Lock()

    def get(self) -> T:
        if self._value is None:
            with self._lock:
                if self._value is None:
                    self._value = self._load()
        return self._value


class Segmenter:
    """Segments and annotates text; one per process, shared by threads."""

    def __init__(self, cache_dir: Path, tagger: pos_tagger.PosTagger | None = None) -> None:
        self._lexicon = _Once(lambda: lexicon.load_or_build(cache_dir))
        self._tagger = _Once(
            lambda: tagger if tagger is not None else pos_tagger.load_or_build(cache_dir)
        )
        self._readings = _Once(lambda: ReadingModel(cache_dir))
        self._splitter = WordSplitter(cache_dir)
        self._roles = WordRoles(lambda word: self.lexicon.entry(word))
        self._facts = merges.WordFacts(
            is_word=lambda word: bool(self.lexicon.entry(word).readings),
            is_verb=self._roles.can_be_verb,
            is_only_a_name=lambda word: glossary.only_names(self.lexicon.entry(word)),
            is_listed=lambda word: bool(self.lexicon.entry(word).hsk_levels),
            reading=lambda word: " ".join(r.pinyin for r in self.lexicon.entry(word).readings[:1]),
        )
        self._annotator = _Once(lambda: WordAnnotator(self.lexicon))

    @property
    def lexicon(self) -> Lexicon:
        return self._lexicon.get()

    @property
    def tagger(self) -> pos_tagger.PosTagger:
        return self._tagger.get()

    @property
    def reading_model(self) -> ReadingModel:
        return self._readings.get()

    def words(self, simplified: str) -> list[str]:
        """The words annotated: jiagu's, with its merges that change the meaning split."""
        return merges.split_merges(self._splitter.words(simplified), self._facts)

    def warm_up(self) -> None:
        """Load jiagu, the lexicon and the reading model now rather than on a request."""
        self.segment("他还没来，我喜欢学习中文")

    def _predict(
        self, text: str, spans: list[tuple[int, int]], entries: list[Entry | None]
    ) -> tuple[dict[int, str], frozenset[int]]:
        """Context readings (numbered) of the polyphonic characters whose word needs one:
        the grammar rules' for the function words they decide, the reading model's for the
        rest; and the positions the rules decided."""
        model, roles = self.reading_model, self._roles
        words = [text[start:end] for start, end in spans]
        predicted = {
            spans[index][0] + offset: syllable
            for index, reading in grammar.function_word_readings(
                words, roles.is_verb, roles.can_be_verb, roles.is_noun
            ).items()
            for offset, syllable in enumerate(reading.split())
        }
        ruled = frozenset(predicted)
        wanted: list[int] = []
        rivals: dict[int, str] = {}  # a name's own syllables, kept unless clearly outscored
        for (start, end), entry in zip(spans, entries, strict=True):
            if entry is None or start in ruled:
                continue
            several = len({r.pinyin.lower() for r in entry.readings}) > 1
            name = glossary.name_syllables(entry) if end - start > 1 else None
            if end - start == 1 or not entry.readings or several or name:
                wanted += [
                    p for p in range(start, end) if model.is_polyphonic(text[p]) and p not in ruled
                ]
            if name and len(name) == end - start:
                rivals.update((start + offset, syllable) for offset, syllable in enumerate(name))
        if not wanted:
            return predicted, ruled
        wanted_set = set(wanted)
        sentences = []
        for sentence in SENTENCE.finditer(text):
            positions = [p for p in range(sentence.start(), sentence.end()) if p in wanted_set]
            if positions:
                sentences.append((sentence, positions))
        readings = model.readings_of_many(
            [
                (sentence.group(), [p - sentence.start() for p in positions])
                for sentence, positions in sentences
            ],
            {
                (row, p - sentence.start()): rivals[p]
                for row, (sentence, positions) in enumerate(sentences)
                for p in positions
                if p in rivals
            },
        )
        for (_, positions), found in zip(sentences, readings, strict=True):
            predicted.update(zip(positions, found, strict=True))
        return predicted, ruled

    def segment(
        self,
        text: str,
        standard: str = "2025",
        with_pos: bool = False,
        script: ScriptChoice = "auto",
        zhuyin: bool = False,
        sandhi: bool = False,
    ) -> Segmentation:
        lexicon = self.lexicon
        as_simplified = to_simplified(text)
        detected = script_of(text, as_simplified, lexicon.simplified_only)
        chosen: Script = detected if script == "auto" else script
        simplified = _same_length(as_simplified, text) if chosen == "traditional" else text
        words = self.words(simplified)
        tags = self.tagger.tag(words) if with_pos and words else None
        spans = word_spans(simplified, words)
        han = [has_han(simplified[start:end]) for start, end, _ in spans]
        looked_up = [simplified[s:e] for (s, e, _), h in zip(spans, han, strict=True) if h]
        found = iter(lexicon.entries(looked_up, parts=True))  # one query for new words
        entries = [next(found) if h else None for h in han]
        predicted, ruled = self._predict(simplified, [(s, e) for s, e, _ in spans], entries)
        annotated = []
        for number, ((start, end, index), entry) in enumerate(zip(spans, entries, strict=True)):
            tag = tags[index] if tags is not None and index is not None else None
            # A grammar rule's reading is final; the neighbour roles only refine the model's.
            single = end - start == 1 and start not in ruled
            role = _role(simplified, spans, number) if single else None
            context = _Context(predicted, role, tag, standard, zhuyin, chosen == "traditional")
            annotated.append(self._word(text, simplified, start, end, entry, context))
        if sandhi:
            annotated = self._as_spoken(simplified, annotated)
        chinese = [w for w in annotated if w.is_chinese]
        levels = [w.hsk_level for w in chinese if w.hsk_level is not None]
        by_level = {str(level): n for level, n in sorted(Counter(levels).items())}
        unlisted = len(chinese) - len(levels)
        if unlisted:
            by_level["unlisted"] = unlisted
        return Segmentation(annotated, by_level, _overall_level(levels), standard, chosen)

    def _as_spoken(self, simplified: str, words: list[Word]) -> list[Word]:
        """The words with 一 and 不 in the tones the next syllable gives them when spoken."""
        readings: dict[int, str] = {}
        long_word_ends: set[int] = set()
        interiors: set[int] = set()
        for word in words:
            syllables = (word.pinyin or "").split()
            if word.is_chinese and len(syllables) == word.end - word.start:
                readings.update(enumerate(syllables, start=word.start))
                if word.end - word.start > 1:
                    long_word_ends.add(word.end - 1)
                    interiors.update(range(word.start + 1, word.end - 1))
        changed = tones.spoken(
            simplified, readings, frozenset(long_word_ends), frozenset(interiors), self._tone_of
        )
        if not changed:
            return words
        spoken_words = []
        for word in words:
            if any(word.start <= p < word.end for p in changed):
                syllables = [changed.get(p, readings[p]) for p in range(word.start, word.end)]
                pinyin = " ".join(syllables)
                zhuyin = to_zhuyin(pinyin) if word.zhuyin is not None else None
                word = dataclasses.replace(word, pinyin=pinyin, zhuyin=zhuyin)
            spoken_words.append(word)
        return spoken_words

    def _tone_of(self, char: str) -> int:
        syllables = self.lexicon.entry(char).pinyin.split()
        return int(to_numbered(syllables[0].lower())[-1]) if len(syllables) == 1 else 0

    def _word(
        self,
        text: str,
        simplified: str,
        start: int,
        end: int,
        entry: Entry | None,
        context: _Context,
    ) -> Word:
        tag = context.tag
        if entry is None:
            return Word(
                text[start:end],
                start,
                end,
                False,
                None,
                None,
                [],
                tag,
                [],
                [],
                [],
                None,
                None,
                None,
            )
        predicted = context.predicted
        here = tuple((p - start, predicted[p]) for p in range(start, end) if p in predicted)
        annotation = self._annotator.get().annotate(simplified[start:end], here, context.role)
        pinyin, explanation = annotation.pinyin, annotation.explanation
        return Word(
            text=text[start:end],
            start=start,
            end=end,
            is_chinese=True,
            pinyin=pinyin,
            hsk_level=entry.hsk_levels.get(context.standard),
            glosses=explanation.glosses if explanation else [],
            pos=tag,
            classifiers=explanation.classifiers if explanation else [],
            other_readings=explanation.other_readings if explanation else [],
            parts=annotation.parts,
            simplified=simplified[start:end],
            # A traditional text's own characters are its traditional form (台 stays 台).
            traditional=text[start:end] if context.traditional_input else annotation.traditional,
            zhuyin=to_zhuyin(pinyin) if context.zhuyin else None,
        )
