"""jiagu's word frequencies, parsed once into a read-only file and read back as needed.

jiagu parses its 3.4 MB `jiagu.dict` line by line in Python (301k words): ~0.55 s of the
process start → first /segment budget (1.5 s) on a two-core machine, and even a dict built
from a ready list costs ~0.15 s. So the parsed words are stored once per jiagu version in
`DATA_CACHE_DIR`, grouped by first character (UTF-8 text, one word a line, with each
group's byte range and an int64 array of the frequencies), and a `Vocabulary` builds a
character's dict the first time a text starts a word with it: a start reads ~1 MB of
index, and a few hundred characters cover most texts. The words and frequencies are
exactly jiagu's own parse (a test compares). A missing, torn or unreadable file is rebuilt;
an unwritable cache only costs the slow parse.
"""

from __future__ import annotations

import logging
import sqlite3
from array import array
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from service.annotation import sqlite_cache

log = logging.getLogger(__name__)

CACHE_FORMAT = 2
DATA_PACKAGES = ("jiagu",)
_KIND = "words"  # files are words-<digest>.sqlite3
_SCHEMA = (
    "CREATE TABLE vocab (firsts TEXT NOT NULL, ends BLOB NOT NULL, words BLOB NOT NULL,"
    " freqs BLOB NOT NULL, longest INTEGER NOT NULL, total INTEGER NOT NULL)"
)
_NONE: Mapping[str, int] = {}
# First characters, (byte end, word end) of each one's group, the words, their frequencies.
Groups = tuple[str, "array[int]", bytes, "array[int]"]


@dataclass(frozen=True)
class Vocab:
    """What jiagu's `Segment.load_vocab` leaves on its segmenter, as the route reads it."""

    words: dict[str, int]
    max_word_len: int
    total_freq: int


class Vocabulary:
    """jiagu's frequencies by first character, each character's dict built on first use."""

    def __init__(self, groups: Groups, longest: int, total: int) -> None:
        firsts, self._ends, self._text, self._freqs = groups  # group n ends at ends[2n : 2n + 2]
        self._group = {char: number for number, char in enumerate(firsts)}
        self._built: dict[str, Mapping[str, int]] = {}
        self.longest = longest  # jiagu's max_word_len
        self.total = total  # jiagu's total_freq

    def starting(self, char: str) -> Mapping[str, int]:
        """The words that start with this character, with their frequencies."""
        built = self._built.get(char)
        if built is None:
            number = self._group.get(char)
            built = _NONE if number is None else self._build(number)
            self._built[char] = built  # two threads may build it: the same dict, one kept
        return built

    def _build(self, number: int) -> dict[str, int]:
        ends = self._ends
        byte_start, word_start = (ends[2 * number - 2], ends[2 * number - 1]) if number else (0, 0)
        byte_end, word_end = ends[2 * number], ends[2 * number + 1]
        words = self._text[byte_start:byte_end].decode().split("\n")
        return dict(zip(words, self._freqs[word_start:word_end], strict=True))


def grouped(vocab: Vocab) -> Groups:
    """The words grouped by first character: firsts, (byte end, word end) per group, text,
    frequencies. jiagu's empty word, if any, is left out: no text looks it up."""
    groups: dict[str, list[str]] = {}
    for word in vocab.words:
        if "\n" in word:  # never in jiagu's files: a line is a word
            raise ValueError("a word with a newline cannot be stored one a line")
        if word:
            groups.setdefault(word[0], []).append(word)
    ends, chunks, freqs = array("q"), [], array("q")
    byte_end = 0
    for members in groups.values():
        chunk = "\n".join(members).encode()
        chunks.append(chunk)
        byte_end += len(chunk)
        freqs.extend(vocab.words[word] for word in members)
        ends.extend((byte_end, len(freqs)))
    return "".join(groups), ends, b"".join(chunks), freqs


def in_memory(vocab: Vocab) -> Vocabulary:
    return Vocabulary(grouped(vocab), vocab.max_word_len, vocab.total_freq)


def _fill(connection: sqlite3.Connection, vocab: Vocab) -> None:
    firsts, ends, text, freqs = grouped(vocab)
    connection.execute(_SCHEMA)
    connection.execute(
        "INSERT INTO vocab VALUES (?, ?, ?, ?, ?, ?)",
        (firsts, ends.tobytes(), text, freqs.tobytes(), vocab.max_word_len, vocab.total_freq),
    )
    connection.commit()


def _check(connection: sqlite3.Connection) -> None:
    (rows,) = connection.execute("SELECT count(*) FROM vocab").fetchone()
    if rows != 1:
        raise sqlite3.DatabaseError(f"{rows} vocab rows, expected 1")


def _read(path: Path) -> Vocabulary:
    connection = sqlite_cache.open_read_only(path, _check)
    try:
        firsts, ends_blob, text, freqs_blob, longest, total = connection.execute(
            "SELECT firsts, ends, words, freqs, longest, total FROM vocab"
        ).fetchone()
    finally:
        connection.close()
    ends, freqs = array("q"), array("q")
    ends.frombytes(ends_blob)
    freqs.frombytes(freqs_blob)
    if len(ends) != 2 * len(firsts) or (firsts and (ends[-2], ends[-1]) != (len(text), len(freqs))):
        raise sqlite3.DatabaseError("vocabulary index does not match its words")
    return Vocabulary((str(firsts), ends, bytes(text), freqs), int(longest), int(total))


def cache_file(cache_dir: Path) -> Path:
    return sqlite_cache.versioned_path(cache_dir, _KIND, CACHE_FORMAT, DATA_PACKAGES)


def cached(cache_dir: Path) -> Vocabulary | None:
    """The stored vocabulary, or None when it is missing or must be rebuilt."""
    return sqlite_cache.open_existing(cache_file(cache_dir), _read, log, "jiagu vocabulary")


def store(cache_dir: Path, vocab: Vocab) -> None:
    """Write the vocabulary for the next start; an unwritable cache is only logged."""
    path = cache_file(cache_dir)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        sqlite_cache.write_atomically(path, lambda connection: _fill(connection, vocab))
        sqlite_cache.remove_stale(path, _KIND)  # other jiagu versions
    except (OSError, sqlite3.Error, ValueError) as exc:
        log.warning("jiagu vocabulary cache not written", extra={"error": repr(exc)})
