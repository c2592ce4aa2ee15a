"""Explaining one word of a sentence: its reading in context, the senses of that reading,
its parts and its traditional form.

The segmenter finds the words and what their context says (readings of polyphonic
characters by offset, the role a single character's neighbours give it); a `WordAnnotator`
turns that into what a learner reads, in citation tones (the one tone policy of `tones`), and
keeps the answers for frequent words and contexts.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import lru_cache

from service.annotation import glossary, inside_words, tones
from service.annotation.glossary import Part, Role
from service.annotation.lexicon import Entry, Lexicon, Reading
from service.annotation.pinyin_text import to_marked

# Annotations kept per process, by word and context readings: a text's frequent words (的,
# 是, 在) are explained once, not on every request.
ANNOTATION_CACHE = 2048


@dataclass(frozen=True)
class Annotation:
    pinyin: str
    explanation: glossary.Explanation | None
    parts: list[Part]
    traditional: str


def _cited(word: str, pinyin: str) -> str:
    return " ".join(tones.citation(word, pinyin.split()))


def _in_context(pinyin: str, here: dict[int, str]) -> str:
    """A name's syllables with the context's readings put in (capitals kept: Bó gèn dì)."""
    syllables = pinyin.split()
    for offset, guess in here.items():
        if offset < len(syllables):
            marked = to_marked(guess)
            syllables[offset] = marked.capitalize() if syllables[offset].istitle() else marked
    return " ".join(syllables)


class WordAnnotator:
    """Annotates words in context; one per process, shared by threads."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.annotate = lru_cache(maxsize=ANNOTATION_CACHE)(self._annotate_in_citation_tones)

    def _annotate_in_citation_tones(
        self, simplified: str, context_readings: tuple[tuple[int, str], ...], role: Role | None
    ) -> Annotation:
        """`_annotate`, its readings with 一 and 不 in citation tone (the one tone policy)."""
        found = self._annotate(simplified, context_readings, role)
        parts = [
            dataclasses.replace(part, pinyin=_cited(part.text, part.pinyin)) for part in found.parts
        ]
        return dataclasses.replace(found, pinyin=_cited(simplified, found.pinyin), parts=parts)

    def _annotate(
        self, simplified: str, context_readings: tuple[tuple[int, str], ...], role: Role | None
    ) -> Annotation:
        """The word's pinyin in context (readings by offset in the word), the senses of that
        reading, its parts, and its traditional form."""
        entry = self.lexicon.entry(simplified)
        here = dict(context_readings)
        if entry.readings:
            reading = glossary.choose_reading(entry, here)
            if role and reading is not None and not glossary.plays(reading, role):
                fitting = [
                    r for r in entry.readings if glossary.plays(r, role) and r.pinyin.islower()
                ]
                if fitting:
                    return self._shown(entry, fitting[0])
            guess = here.get(0, "").lower() if len(simplified) == 1 else ""
            if reading is not None and guess and reading.pinyin.lower() != guess:
                # A single character follows the context model, even to a reading without senses.
                matching = sorted(  # the common word (huán) before a name (Huán)
                    (r for r in entry.readings if r.pinyin.lower() == guess),
                    key=lambda r: r.pinyin != guess,
                )
                if not matching:
                    pinyin = to_marked(here[0])
                    return Annotation(
                        pinyin, glossary.explain(entry, pinyin), [], entry.traditional
                    )
                reading = matching[0]
            shown = self._shown(entry, reading)
            if len(simplified) > 1 and here and glossary.only_names(entry):
                return dataclasses.replace(shown, pinyin=_in_context(shown.pinyin, here))
            return shown
        syllables = entry.pinyin.split()
        aligned = len(syllables) == len(simplified)
        if aligned:
            # A dictionary word inside keeps its own reading (据了解: 了解 liǎo jiě); the
            # context decides the characters that stand alone.
            within_words = self._part_readings(simplified, here)
            for offset, guess in here.items():
                syllables[offset] = within_words.get(offset) or to_marked(guess)
            free = frozenset(range(len(simplified))) - within_words.keys()
            for offset, ruled in inside_words.inside_word_readings(simplified, free).items():
                syllables[offset] = to_marked(ruled)  # 去不了 liǎo, whatever its parts say
        word_parts = glossary.parts(simplified, syllables if aligned else None, self.lexicon)
        return Annotation(" ".join(syllables), None, word_parts, entry.traditional)

    def _part_readings(self, word: str, here: dict[int, str]) -> dict[int, str]:
        """The syllables of the word's parts of two or more characters, by offset: the
        reading of a part the context agrees with (明朝初年: 明朝 Míng cháo, the dynasty), its
        usual one otherwise. A part that is only a name is left to the context."""
        readings: dict[int, str] = {}
        offset = 0
        for text, entry in glossary.split_into_parts(word, self.lexicon):
            size = len(text)
            if size > 1 and entry is not None and not glossary.only_names(entry):
                inside = {o - offset: g for o, g in here.items() if offset <= o < offset + size}
                chosen = glossary.choose_reading(entry, inside)
                syllables = glossary.reading_pinyin(chosen).split() if chosen else []
                if len(syllables) == size:
                    readings.update(enumerate(syllables, start=offset))
            offset += size
        return readings

    @staticmethod
    def _shown(entry: Entry, reading: Reading | None) -> Annotation:
        pinyin = glossary.reading_pinyin(reading) if reading else entry.pinyin
        # The reading's own form when it keeps the word's length (干 gàn 幹, gān 乾).
        form = reading.traditional if reading else ""
        traditional = form if len(form) == len(entry.traditional) else entry.traditional
        return Annotation(pinyin, glossary.explain(entry, pinyin), [], traditional)
