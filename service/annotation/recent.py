"""A bounded map of recent answers for any thread: the lexicon's per-word caches."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from typing import Generic, TypeVar

V = TypeVar("V")


class Recent(Generic[V]):
    """At most `size` answers by key; the least recently used goes first (functools'
    lru_cache, but filled many at a time, from one query)."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._answers: OrderedDict[str, V] = OrderedDict()
        self._lock = threading.Lock()

    def known(self, keys: Iterable[str]) -> dict[str, V]:
        """The answers held for these keys, each marked as just used."""
        found: dict[str, V] = {}
        answers = self._answers
        with self._lock:
            for key in keys:
                if key in answers:
                    answers.move_to_end(key)
                    found[key] = answers[key]
        return found

    def get(self, key: str) -> V | None:
        """The answer held for one key (marked as just used), or None: `known` without the
        dict, for the lookups of one word at a time."""
        with self._lock:
            if key not in self._answers:
                return None
            self._answers.move_to_end(key)
            return self._answers[key]

    def keep(self, answers: dict[str, V]) -> None:
        with self._lock:
            self._answers.update(answers)
            for key in answers:
                self._answers.move_to_end(key)
            while len(self._answers) > self._size:
                self._answers.popitem(last=False)
