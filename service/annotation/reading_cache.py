"""The reading model's tables, computed once into a read-only file and read back at start.

Loading g2pM's four pickles and computing the input-projection tables took ~40 ms of the
process start → first /segment budget; reading the finished arrays back takes a few. The
file (`DATA_CACHE_DIR`, beside the lexicon) holds every array the model uses, with its
dtype, shape and memory layout, and the character and reading tables as JSON, so the model
computes on the very same numbers. The tables come from BLAS arithmetic, whose last bits
may depend on the numpy build and the CPU's instruction set: both are in the file's name,
so another build or machine computes its own. A missing, torn or unreadable file is rebuilt;
an unwritable cache only costs the computation.
"""

from __future__ import annotations

import hashlib
import json
import logging
import platform
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from service.annotation import sqlite_cache

log = logging.getLogger(__name__)

CACHE_FORMAT = 1
_KIND = "readings"  # files are readings-<digest>.sqlite3
# The arrays the model runs on (`Weights.arrays`).
ARRAYS = ("forward", "backward", "weight_hh_t", "hidden", "hidden_bias", "logits", "logits_bias")
_SCHEMA = (
    "CREATE TABLE maps (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE arrays (name TEXT PRIMARY KEY, dtype TEXT NOT NULL, shape TEXT NOT NULL,"
    " axes TEXT NOT NULL, data BLOB NOT NULL)",
)


@dataclass(frozen=True)
class Weights:
    """What the reading model runs on: g2pM's tables and the arrays computed from them."""

    chars: dict[str, int]  # character → embedding row
    classes: dict[str, int]  # numbered reading → class
    candidates: dict[str, list[str]]  # the readings of characters that have several
    arrays: dict[str, Any]  # name → numpy array


def cache_file(cache_dir: Path) -> Path:
    import numpy as np

    umath = getattr(getattr(np, "_core", None), "_multiarray_umath", None)
    features = sorted(name for name, on in getattr(umath, "__cpu_features__", {}).items() if on)
    versions = f"g2pM={metadata.version('g2pM')}|numpy={np.__version__}"
    key = f"{CACHE_FORMAT}|{versions}|{platform.machine()}|{','.join(features)}"
    return cache_dir / f"{_KIND}-{hashlib.sha256(key.encode()).hexdigest()[:16]}.sqlite3"


def load(cache_dir: Path, build: Callable[[], Weights]) -> Weights:
    """The stored weights when present and whole, else `build`'s, stored for the next start."""
    path = cache_file(cache_dir)
    stored = sqlite_cache.open_existing(path, _read, log, "reading model")
    if stored is not None:
        return stored
    weights = build()
    try:
        sqlite_cache.store(path, _KIND, lambda connection: _fill(connection, weights))
    except (OSError, sqlite3.Error, ValueError) as exc:
        log.warning("reading model cache not written", extra={"error": repr(exc)})
    return weights


def _fill(connection: sqlite3.Connection, weights: Weights) -> None:
    for statement in _SCHEMA:
        connection.execute(statement)
    maps = {"chars": weights.chars, "classes": weights.classes, "candidates": weights.candidates}
    connection.executemany(
        "INSERT INTO maps VALUES (?, ?)",
        [(name, json.dumps(value, ensure_ascii=False)) for name, value in maps.items()],
    )
    rows = []
    for name, array in weights.arrays.items():
        # Stored as laid out (np.stack of transposes is neither C nor F order): the axes from
        # the longest stride down, which make it C-contiguous; read back, then put back.
        axes = sorted(range(array.ndim), key=lambda axis: -array.strides[axis])
        compact = array.transpose(axes)
        if not compact.flags.c_contiguous:
            raise ValueError(f"{name}: not a contiguous array")
        shape, layout = json.dumps(compact.shape), json.dumps(axes)
        rows.append((name, array.dtype.str, shape, layout, compact.tobytes()))
    connection.executemany("INSERT INTO arrays VALUES (?, ?, ?, ?, ?)", rows)
    connection.commit()


def _check(connection: sqlite3.Connection) -> None:
    (maps,) = connection.execute("SELECT count(*) FROM maps").fetchone()
    names = {name for (name,) in connection.execute("SELECT name FROM arrays")}
    if maps != 3 or names != set(ARRAYS):
        raise sqlite3.DatabaseError(f"{maps} tables and arrays {sorted(names)}, expected 3 and all")


def _read(path: Path) -> Weights:
    import numpy as np

    connection = sqlite_cache.open_read_only(path, _check)
    try:
        maps = {name: json.loads(value) for name, value in connection.execute("SELECT * FROM maps")}
        arrays = {
            str(name): np.frombuffer(data, dtype=np.dtype(dtype))
            .reshape(json.loads(shape))
            .transpose(np.argsort(json.loads(axes)))
            for name, dtype, shape, axes, data in connection.execute("SELECT * FROM arrays")
        }
    finally:
        connection.close()
    return Weights(maps["chars"], maps["classes"], maps["candidates"], arrays)
