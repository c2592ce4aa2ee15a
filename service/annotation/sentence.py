"""A sentence's words as the reading rules see them: each word's neighbours in its clause."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from service.annotation.word_classes import QUOTES
from service.common.script import has_han

IsVerb = Callable[[str], bool]


def is_word(token: str) -> bool:
    """A word, not punctuation or space: what a clause is made of."""
    return has_han(token)


class Sentence:
    """A text's words, with what a rule asks of a word's neighbours."""

    def __init__(
        self, words: Sequence[str], is_verb: IsVerb, can_be_verb: IsVerb, is_noun: IsVerb
    ) -> None:
        self.words = words
        self.is_verb = is_verb  # first of all a verb
        self.can_be_verb = can_be_verb  # has a verb's sense among others (花 "to spend")
        self.is_noun = is_noun  # a thing counted with a measure word (事, 问题), not a verb

    def before(self, index: int, distance: int = 1) -> str:
        at = index - distance
        return self.words[at] if at >= 0 and not self.words[at].isspace() else ""

    def after(self, index: int, distance: int = 1) -> str:
        at = index + distance
        return self.words[at] if at < len(self.words) else ""

    def clause_ends_after(self, index: int) -> bool:
        return not is_word(self.after(index))

    def clause_has(self, index: int, word: str, backwards: bool = False) -> bool:
        """Whether `word` stands in the same clause, after (or before) the word at `index`."""
        step = -1 if backwards else 1
        at = index + step
        while 0 <= at < len(self.words) and is_word(self.words[at]):
            if self.words[at] == word:
                return True
            at += step
        return False

    def deed_follows(self, index: int, stops: frozenset[str] = frozenset()) -> bool:
        """Whether a verb follows in the clause (quotes within it skipped, up to a word of
        `stops`) that is not a modifier before 的 and a noun (属的动物 describes; 做饭,
        工作的。 are deeds)."""
        at = index + 1
        while at < len(self.words) and (is_word(self.words[at]) or self.words[at] in QUOTES):
            word = self.words[at]
            if word in stops:
                return False
            describes = self.after(at) == "的" and is_word(self.after(at + 1))
            if is_word(word) and self.is_verb(word) and not describes:
                return True
            at += 1
        return False
