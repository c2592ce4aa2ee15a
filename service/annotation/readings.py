"""The reading of a polyphonic character in its sentence, from g2pM's BiLSTM.

g2pM (PyPI `g2pM`, Apache-2.0, Park & Lee, Interspeech 2020) ships a 1.6 MB numpy
checkpoint: a character embedding, one bidirectional LSTM layer and two dense layers that
score 876 numbered readings. Its own `G2pM` class is not used, for three reasons: it leaves
its pickle files open (a ResourceWarning on every load), it picks the best of all 876
readings where only the character's own readings make sense, and it steps the LSTM with
the input projection inside the loop. This module loads the same shipped weights and runs
the same network: the input projection as a per-character table (it depends on the character
alone), the recurrence in float32 for all sentences of a text at once (one step per character
of the longest sentence: a ten-sentence paragraph takes a tenth of the steps), and scores only
at the characters asked about, among their candidate readings. numpy is imported on first
use, never at app import. The arrays are small enough that numpy's own loops beat BLAS,
whose worker threads cost several times the arithmetic at this size on a busy machine.
"""

from __future__ import annotations

import os
import pickle
import sys
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    Matrix = NDArray[np.float32]

_PACKAGE = "g2pM"
_BOS, _EOS, _UNKNOWN = "시", "끝", "<UNK>"  # g2pM's sentence marks and unknown character
# How far (in logits) the model's reading must outscore a rival reading to replace it: the
# dictionary's reading of a name (勃艮第 Bó gěn dì against the model's gèn). Chosen on the CPP
# and learner development halves: below it the dictionary is right as often as the model.
RIVAL_MARGIN = 6.0


def _one_blas_thread() -> None:
    """Keep numpy's OpenBLAS to one thread, before numpy loads it (it reads this only then).

    This model's arrays are far too small to gain from BLAS threads, and the process also
    decodes translations on CTranslate2's threads: with OpenBLAS's own pool beside them, warm
    /translate took ~10 % longer on two cores (measured side by side over HTTP, 5 servers
    each). An operator's own setting wins.
    """
    if "numpy" not in sys.modules:
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def _load(name: str) -> Any:
    # The package's own data files, shipped in its wheel.
    with resources.files(_PACKAGE).joinpath(name).open("rb") as handle:
        return pickle.load(handle)


class ReadingModel:
    """Scores the readings of chosen characters of a sentence; safe to share between threads."""

    def __init__(self) -> None:
        _one_blas_thread()
        import numpy as np

        state = _load("np_ckpt.pkl")
        self._np = np
        self._chars: dict[str, int] = _load("char2idx.pkl")
        classes: dict[str, int] = _load("class2idx.pkl")
        self._class_names = {index: name for name, index in classes.items()}
        self._class_index = classes
        # g2pM's candidate readings (CC-CEDICT's, digested by g2pM) of the characters that
        # have several: the only ones ever asked about.
        self.candidates: dict[str, list[str]] = {
            char: readings
            for char, readings in _load("digest_cedict.pkl").items()
            if len(readings) > 1
        }
        f32 = np.float32
        # Both directions step together: weights stacked [direction, ...]. The cell gate's
        # rows are doubled so one sigmoid serves all gates (tanh(x) = 2 sigmoid(2x) - 1).
        size = state["lstm.weight_hh_l0"].shape[1]
        scale = np.ones(4 * size, dtype=f32)
        scale[2 * size : 3 * size] = 2.0
        self._size = size
        directions = ("", "_reverse")
        embedding = state["embedding.weight"].astype(f32)
        # The input projection depends on the character alone: one table row per character
        # (2.8 MB per direction) turns it into a lookup.
        self._input_table = [
            (embedding @ (state[f"lstm.weight_ih_l0{d}"].astype(f32) * scale[:, None]).T)
            + ((state[f"lstm.bias_ih_l0{d}"] + state[f"lstm.bias_hh_l0{d}"]) * scale).astype(f32)
            for d in directions
        ]
        self._weight_hh_t = np.stack(
            [(state[f"lstm.weight_hh_l0{d}"] * scale[:, None]).T.astype(f32) for d in directions]
        )  # [2, h, 4h]
        self._hidden = (state["logit_layer.0.weight"].T.astype(f32), state["logit_layer.0.bias"])
        self._logits = (state["logit_layer.2.weight"].astype(f32), state["logit_layer.2.bias"])
        # Each character's candidate readings that the model scores: (names, class rows).
        self._scored: dict[str, tuple[list[str], NDArray[np.intp]]] = {}

    def is_polyphonic(self, char: str) -> bool:
        return len(self.candidates.get(char, ())) > 1

    def _run(self, sequences: list[list[int]]) -> tuple[Matrix, Matrix]:
        """Hidden states [b, t, h] of the forward and the backward LSTM, all sequences at once.

        The sequences step together, each padded at its end; the backward LSTM reads each one
        reversed, so padding never comes before a real character in either direction.
        """
        np = self._np
        size, count = self._size, len(sequences)
        longest = max(map(len, sequences))
        forward_ids = np.zeros((count, longest), dtype=np.intp)
        backward_ids = np.zeros((count, longest), dtype=np.intp)
        for row, ids in enumerate(sequences):
            forward_ids[row, : len(ids)] = ids
            backward_ids[row, : len(ids)] = ids[::-1]
        projected = np.stack(  # [t, 2, b, 4h]: step t of each direction, every sequence
            [self._input_table[0][forward_ids.T], self._input_table[1][backward_ids.T]], axis=1
        )
        h = np.zeros((2, count, size), dtype=np.float32)
        c = np.zeros((2, count, size), dtype=np.float32)
        out = np.empty((longest, 2, count, size), dtype=np.float32)
        for step in range(longest):
            gates = projected[step] + h @ self._weight_hh_t  # too small for threads
            s = 1.0 / (1.0 + np.exp(-gates))  # PyTorch's gate order: input, forget, cell, output
            c = s[..., size : 2 * size] * c + s[..., :size] * (
                2.0 * s[..., 2 * size : 3 * size] - 1.0
            )
            h = s[..., 3 * size :] * np.tanh(c)
            out[step] = h
        return out[:, 0].transpose(1, 0, 2), out[:, 1].transpose(1, 0, 2)

    def readings(self, sentence: str, positions: list[int]) -> list[str]:
        """The numbered reading (`huan2`) of sentence[p] for each p, among its candidates."""
        return self.readings_of_many([(sentence, positions)])[0]

    def readings_of_many(
        self,
        requests: list[tuple[str, list[int]]],
        rivals: dict[tuple[int, int], str] | None = None,
    ) -> list[list[str]]:
        """`readings` for several sentences in one pass of the network (one step per character
        of the longest, not of all of them). `rivals` (by request and position) are readings
        kept unless the model's outscores them by RIVAL_MARGIN."""
        np = self._np
        if not any(positions for _, positions in requests):
            return [[] for _ in requests]
        unknown = self._chars[_UNKNOWN]
        begin, end = self._chars[_BOS], self._chars[_EOS]
        sequences = [
            [begin, *(self._chars.get(char, unknown) for char in sentence), end]
            for sentence, _ in requests
        ]
        forward, backward = self._run(sequences)
        states = []
        for row, ((_, positions), ids) in enumerate(zip(requests, sequences, strict=True)):
            for position in positions:
                at = position + 1  # +1: the sentence-start mark
                states.append(np.concatenate([forward[row, at], backward[row, len(ids) - 1 - at]]))
        weight, bias = self._hidden
        hidden = iter(np.maximum(np.stack(states) @ weight + bias, 0))
        rivals = rivals or {}
        return [
            [
                self._best(sentence[position], next(hidden), rivals.get((row, position)))
                for position in positions
            ]
            for row, (sentence, positions) in enumerate(requests)
        ]

    def _best(self, char: str, hidden: Matrix, rival: str | None = None) -> str:
        """The best-scoring of the character's readings (of all readings if it has none), or
        the rival reading unless the best outscores it by RIVAL_MARGIN."""
        weight, bias = self._logits
        scored = self._scored.get(char)
        if scored is None:
            names = [r for r in self.candidates.get(char, []) if r in self._class_index]
            rows = self._np.array([self._class_index[r] for r in names], dtype=self._np.intp)
            scored = self._scored[char] = (names, rows)
        names, rows = scored
        if not names:
            return self._class_names[int(self._np.argmax(weight @ hidden + bias))]
        logits = weight[rows] @ hidden + bias[rows]
        best = int(self._np.argmax(logits))
        if rival is not None and (
            rival not in names or logits[best] - logits[names.index(rival)] < RIVAL_MARGIN
        ):
            return rival  # a reading the model does not know stays (黄陂 Huáng pí)
        return names[best]
