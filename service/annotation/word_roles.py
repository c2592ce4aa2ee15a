"""What the reading rules ask the dictionary about a word's role in a sentence: can it be a
verb, is it first of all a verb, is it a noun. CC-CEDICT has no part-of-speech field, so the
senses say it: a verb's sense starts "to ...", a noun's reading has measure words (CL:)."""

from __future__ import annotations

from collections.abc import Callable

from service.annotation import glossary
from service.annotation.lexicon import Entry


class WordRoles:
    """Answers from the lexicon's entries (`entry` looks a word up)."""

    def __init__(self, entry: Callable[[str], Entry]) -> None:
        self._entry = entry

    def can_be_verb(self, word: str) -> bool:
        """Whether a word has a verb's sense ("to ...") among its senses (花 "to spend")."""
        return any(glossary.plays(r, "verb") for r in self._entry(word).readings)

    def is_verb(self, word: str) -> bool:
        """Whether a word is first of all a verb (a common reading's first sense is "to ..."),
        as the grammar rules ask: 博 "extensive; ..., to win" is not."""
        readings = self._entry(word).readings
        return any(
            r.glosses[0].startswith("to ") for r in readings if r.glosses and r.pinyin.islower()
        )

    def is_noun(self, word: str) -> bool:
        """Whether a word is a thing counted with measure words and has no verb's sense
        (事, 问题, 老师; not 解释 or 花, which are verbs too)."""
        common = [r for r in self._entry(word).readings if r.pinyin.islower()]
        return any(r.classifiers for r in common) and not self.can_be_verb(word)
