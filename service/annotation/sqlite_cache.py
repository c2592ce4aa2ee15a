"""Read-only SQLite files in the cache directory (`DATA_CACHE_DIR`), one per data version.

Each kind of file (`lexicon`, `pos`) is named `<kind>-<digest>.sqlite3`, the digest taken
over the kind's format number and the versions of the packages its data comes from. A file
is written next to its final name and renamed into place, so a reader never sees half of
one, and is then only ever opened read-only and immutable, checked to be whole.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path
from typing import TypeVar

SUFFIX = ".sqlite3"
T = TypeVar("T")


def versioned_path(cache_dir: Path, kind: str, cache_format: int, packages: Iterable[str]) -> Path:
    """`<kind>-<digest>.sqlite3` in cache_dir: a new name when the format or a package changes."""
    versions = "|".join(f"{package}={metadata.version(package)}" for package in packages)
    digest = hashlib.sha256(f"{cache_format}|{versions}".encode()).hexdigest()[:16]
    return cache_dir / f"{kind}-{digest}{SUFFIX}"


def write_atomically(path: Path, fill: Callable[[sqlite3.Connection], None]) -> None:
    """Let `fill` write a database next to `path`, then rename it: readers see all or nothing."""
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
    os.close(handle)
    try:
        connection = sqlite3.connect(name)
        try:
            connection.execute("PRAGMA journal_mode = OFF")  # a failed build is discarded
            fill(connection)
        finally:
            connection.close()
        os.chmod(name, 0o644)  # mkstemp's 0600 would hide it from Lambda's non-root user
        os.replace(name, path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


def open_read_only(path: Path, check: Callable[[sqlite3.Connection], None]) -> sqlite3.Connection:
    """Open a built file read-only, for any thread; sqlite3.DatabaseError if it is not whole.

    A torn file is shorter than its header says; `check` then queries a row every valid
    file has (a foreign file with the right length fails there).
    """
    size = path.stat().st_size
    # immutable: the file never changes after its rename, so SQLite need not lock it.
    uri = f"{path.absolute().as_uri()}?mode=ro&immutable=1"
    connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
    try:
        (pages,) = connection.execute("PRAGMA page_count").fetchone()
        (page_size,) = connection.execute("PRAGMA page_size").fetchone()
        if pages * page_size != size:
            raise sqlite3.DatabaseError(f"{size} bytes, expected {pages} pages of {page_size}")
        check(connection)
    except BaseException:
        connection.close()
        raise
    return connection


def open_existing(
    path: Path, open_file: Callable[[Path], T], log: logging.Logger, what: str
) -> T | None:
    """The built file, opened; None when it is missing or must be rebuilt (torn, foreign)."""
    try:
        return open_file(path)
    except FileNotFoundError:
        return None
    except (OSError, sqlite3.Error) as exc:  # a torn or foreign file is rebuilt, never fatal
        log.warning(f"{what} cache unreadable, rebuilding", extra={"error": repr(exc)})
        return None


def store(path: Path, kind: str, fill: Callable[[sqlite3.Connection], None]) -> None:
    """Write the database `fill` makes at `path`, whole or not at all, and remove the files
    of `kind` that other versions wrote beside it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, fill)
    remove_stale(path, kind)


def remove_stale(keep: Path, kind: str) -> None:
    """Delete the other files of this kind (older versions); other kinds' files stay."""
    for stale in keep.parent.glob(f"{kind}-*"):
        if stale != keep:
            stale.unlink(missing_ok=True)
