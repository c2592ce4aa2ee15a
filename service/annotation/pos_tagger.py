"""Part-of-speech tags exactly as `jiagu.pos` gives them, without its model in memory.

jiagu tags with an averaged perceptron whose weights ship as a gzipped pickle of
`{feature: {label: weight}}` (816k features, 3.6M weights). Unpickled they cost ~420 MB of
resident memory, which Lambda bills, and ~1.5 s. So, like the lexicon, they are written
once into a read-only SQLite file per jiagu version in `DATA_CACHE_DIR` (the Lambda image
builds it at `docker build`), and tagging is jiagu's own `Perceptron.predict` over a
read-only mapping that fetches a feature's weights with one indexed query (recent ones
stay in a small LRU cache): the process keeps a few MB resident.

Building needs the pickle in memory, so it runs in a child process
(`python -m service.annotation.pos_tagger [DIR]`) and the server never holds it. A missing,
torn or unreadable file is rebuilt; when that fails (an unwritable cache directory),
tagging falls back to `jiagu.pos` itself: correct, but with the 420 MB.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Protocol

from service.annotation import sqlite_cache

log = logging.getLogger(__name__)

CACHE_FORMAT = 1
DATA_PACKAGES = ("jiagu",)
CACHED_FEATURES = 4096  # a feature's weights are ~0.5 KB: a few MB at most
BUILD_TIMEOUT_S = 300.0
_KIND = "pos"  # files are pos-<digest>.sqlite3
_MODULE = "service.annotation.pos_tagger"  # what the child runs
_SOURCE_ROOT = Path(__file__).resolve().parents[2]  # the directory holding `service/`
_PROBE = "bias"  # a feature every model has: jiagu's constant feature

_SCHEMA = (
    """
    CREATE TABLE weights (
        feature TEXT PRIMARY KEY,  -- as jiagu's Perceptron._get_features names it
        labels TEXT NOT NULL       -- "label weight label weight ...", in the pickle's order
    ) WITHOUT ROWID
    """,
    "CREATE TABLE classes (label TEXT PRIMARY KEY) WITHOUT ROWID",
)

Weights = Mapping[str, float]


class PosTagger(Protocol):
    def tag(self, words: list[str]) -> list[str]:
        """One tag per word, as jiagu.pos(words) gives them."""
        ...

    def close(self) -> None: ...


def _encode(weights: Mapping[str, float]) -> str:
    # repr() of a float reads back as the same float; a label never holds a space.
    return " ".join(f"{label} {weight!r}" for label, weight in weights.items())


def _decode(labels: str) -> dict[str, float]:
    parts = labels.split(" ") if labels else []
    return {label: float(weight) for label, weight in zip(parts[::2], parts[1::2], strict=True)}


class _DatabaseWeights(Mapping[str, Weights]):
    """jiagu's `AveragedPerceptron.weights`, read from the database, for any thread.

    `predict` asks `feat in weights`, then `weights[feat]`: the LRU cache makes that one
    query. The order of each feature's labels is the pickle's, so scores add up in the
    same order and every float comes out the same.
    """

    def __init__(self, connection: sqlite3.Connection, lock: threading.Lock) -> None:
        self._db = connection
        self._lock = lock
        self._lookup = lru_cache(maxsize=CACHED_FEATURES)(self._query)

    def _query(self, feature: str) -> Weights | None:
        with self._lock:
            row = self._db.execute(
                "SELECT labels FROM weights WHERE feature = ?", (feature,)
            ).fetchone()
        return None if row is None else MappingProxyType(_decode(row[0]))

    def __contains__(self, feature: object) -> bool:
        return isinstance(feature, str) and self._lookup(feature) is not None

    def __getitem__(self, feature: str) -> Weights:
        weights = self._lookup(feature)
        if weights is None:
            raise KeyError(feature)
        return weights

    def __iter__(self) -> Iterator[str]:  # the whole model: for completeness, not for tagging
        with self._lock:
            features = [row[0] for row in self._db.execute("SELECT feature FROM weights")]
        return iter(features)

    def __len__(self) -> int:
        with self._lock:
            (count,) = self._db.execute("SELECT count(*) FROM weights").fetchone()
        return int(count)


class SqliteTagger:
    """jiagu's perceptron over the database; `tag` may be called from several threads."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        from jiagu import perceptron

        self._db = connection
        self._lock = threading.Lock()  # one statement at a time on the shared connection
        with self._lock:
            classes = {row[0] for row in connection.execute("SELECT label FROM classes")}
        self._perceptron: Any = perceptron.Perceptron()  # no path: no pickle loaded
        self._perceptron.model.classes = classes
        self._perceptron.model.weights = _DatabaseWeights(connection, self._lock)

    def tag(self, words: list[str]) -> list[str]:
        # predict only reads the model; _get_features builds fresh dicts on every call.
        tags: list[str] = self._perceptron.predict(list(words))
        return tags

    def close(self) -> None:
        with self._lock:
            self._db.close()


class JiaguTagger:
    """The fallback: jiagu.pos itself, its 420 MB model loaded on the first call."""

    def __init__(self) -> None:
        self._lock = threading.Lock()  # jiagu loads its model lazily and without a lock

    def tag(self, words: list[str]) -> list[str]:
        import jiagu

        with self._lock:
            tags: list[str] = jiagu.pos(list(words))
        return tags

    def close(self) -> None:
        pass


def _check(connection: sqlite3.Connection) -> None:
    row = connection.execute("SELECT labels FROM weights WHERE feature = ?", (_PROBE,)).fetchone()
    if row is None or not row[0]:
        raise sqlite3.DatabaseError(f"no weights for the {_PROBE!r} feature")
    if connection.execute("SELECT label FROM classes LIMIT 1").fetchone() is None:
        raise sqlite3.DatabaseError("no classes")


def _open(path: Path) -> SqliteTagger:
    return SqliteTagger(sqlite_cache.open_read_only(path, _check))


def cache_file(cache_dir: Path) -> Path:
    return sqlite_cache.versioned_path(cache_dir, _KIND, CACHE_FORMAT, DATA_PACKAGES)


def _fill(
    connection: sqlite3.Connection, weights: dict[str, dict[str, float]], classes: set[str]
) -> None:
    for label in classes.union(*weights.values()):
        if not label or any(char.isspace() for char in label):
            raise ValueError(f"label {label!r} cannot be stored")
    with connection:
        for statement in _SCHEMA:
            connection.execute(statement)
        connection.executemany(  # in key order: a compact B-tree
            "INSERT INTO weights VALUES (?, ?)",
            ((feature, _encode(weights[feature])) for feature in sorted(weights)),
        )
        connection.executemany("INSERT INTO classes VALUES (?)", ((c,) for c in sorted(classes)))


def build(cache_dir: Path) -> Path:
    """Write the database from jiagu's pickle (~420 MB while it runs): run it in a child."""
    from jiagu import analyze, perceptron

    path = cache_file(cache_dir)
    try:  # another process may have built it meanwhile
        sqlite_cache.open_read_only(path, _check).close()
        return path
    except (OSError, sqlite3.Error):
        pass
    # An unwritable cache (a read-only image directory too) fails before the 420 MB load.
    cache_dir.mkdir(parents=True, exist_ok=True)
    if not os.access(cache_dir, os.W_OK):
        raise PermissionError(f"{cache_dir} is not writable")
    model = perceptron.Perceptron(analyze.add_curr_dir("model/pos.model")).model
    sqlite_cache.write_atomically(path, lambda db: _fill(db, model.weights, model.classes))
    sqlite_cache.remove_stale(path, _KIND)  # other jiagu versions
    return path


def _build_in_child(cache_dir: Path) -> None:
    """Run build() in a fresh interpreter, so this process never holds the pickle."""
    result = subprocess.run(
        [sys.executable, "-m", _MODULE, str(cache_dir.absolute())],
        cwd=_SOURCE_ROOT,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_S,
        check=False,
    )
    if result.returncode != 0:
        lines = result.stderr.strip().splitlines() or [f"exit status {result.returncode}"]
        raise OSError(f"building the POS cache failed: {lines[-1]}")


def load_or_build(cache_dir: Path) -> PosTagger:
    """The cached database when present and whole, else build it (in a child) and open it."""
    path = cache_file(cache_dir)
    existing = sqlite_cache.open_existing(path, _open, log, "POS")
    if existing is not None:
        return existing
    try:
        _build_in_child(cache_dir)
        return _open(path)
    except (OSError, sqlite3.Error, subprocess.SubprocessError) as exc:
        log.warning(
            "POS cache not written, tagging with jiagu's model in memory (~420 MB)",
            extra={"error": repr(exc)},
        )
    return JiaguTagger()


if __name__ == "__main__":  # `python -m service.annotation.pos_tagger [DIR]`: build the cache
    if len(sys.argv) > 1:
        directory = Path(sys.argv[1])
    else:
        from service.settings import get_settings

        directory = get_settings().data_cache_path()
    print(build(directory))
