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
at the characters asked about, among their candidate readings. The arrays computed at load
are stored in the data cache and read back at the next start (`reading_cache`). numpy is
imported on first use, never at app import. The arrays are small enough that numpy's own
loops beat BLAS, whose worker threads cost several times the arithmetic at this size on a
busy machine.
"""

from __future__ import annotations

import os
import pickle
import sys
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from service.annotation import reading_cache
from service.annotation.reading_cache import Weights

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


def _weights() -> Weights:
    """g2pM's tables, and the arrays the model runs on computed from its checkpoint."""
    import numpy as np

    state = _load("np_ckpt.pkl")
    f32 = np.float32
    # Both directions step together: weights stacked [direction, ...]. The cell gate's
    # rows are doubled so one sigmoid serves all gates (tanh(x) = 2 sigmoid(2x) - 1).
    size = state["lstm.weight_hh_l0"].shape[1]
    scale = np.ones(4 * size, dtype=f32)
    scale[2 * size : 3 * size] = 2.0
    embedding = state["embedding.weight"].astype(f32)
    # The input projection depends on the character alone: one table row per character
    # (2.8 MB per direction) turns it into a lookup.
    forward, backward = (
        (embedding @ (state[f"lstm.weight_ih_l0{d}"].astype(f32) * scale[:, None]).T)
        + ((state[f"lstm.bias_ih_l0{d}"] + state[f"lstm.bias_hh_l0{d}"]) * scale).astype(f32)
        for d in ("", "_reverse")
    )
    weight_hh_t = np.stack(
        [(state[f"lstm.weight_hh_l0{d}"] * scale[:, None]).T.astype(f32) for d in ("", "_reverse")]
    )  # [2, h, 4h]
    arrays = {
        "forward": forward,
        "backward": backward,
        "weight_hh_t": weight_hh_t,
        "hidden": state["logit_layer.0.weight"].T.astype(f32),
        "hidden_bias": state["logit_layer.0.bias"],
        "logits": state["logit_layer.2.weight"].astype(f32),
        "logits_bias": state["logit_layer.2.bias"],
    }
    # g2pM's candidate readings (CC-CEDICT's, digested by g2pM) of the characters that
    # have several: the only ones ever asked about.
    candidates = {
        char: readings for char, readings in _load("digest_cedict.pkl").items() if len(readings) > 1
    }
    return Weights(_load("char2idx.pkl"), _load("class2idx.pkl"), candidates, arrays)


class ReadingModel:
    """Scores the readings of chosen characters of a sentence; safe to share between threads."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        """The model from g2pM's files, or from the arrays stored in `cache_dir` (see
        `reading_cache`), the same numbers read back instead of computed."""
        _one_blas_thread()
        import numpy as np

        self._np = np
        weights = _weights() if cache_dir is None else reading_cache.load(cache_dir, _weights)
        arrays = weights.arrays
        self._chars = weights.chars
        self._class_names = {index: name for name, index in weights.classes.items()}
        self._class_index = weights.classes
        self.candidates = weights.candidates
        self._size = int(arrays["weight_hh_t"].shape[1])
        self._input_table = [arrays["forward"], arrays["backward"]]
        self._weight_hh_t = arrays["weight_hh_t"]
        self._hidden = (arrays["hidden"], arrays["hidden_bias"])
        self._logits = (arrays["logits"], arrays["logits_bias"])
        # Each character's candidate readings that the model scores: their names and their
        # rows of the last layer (weights, biases), taken out once.
        self._scored: dict[str, tuple[list[str], Matrix, Matrix]] = {}

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
        f32 = np.float32
        weight = self._weight_hh_t
        c = np.zeros((2, count, size), dtype=f32)
        out = np.empty((longest, 2, count, size), dtype=f32)
        # In place, into buffers made once: at this size numpy's cost is per call, not per
        # number. The same operations on the same values as `1 / (1 + exp(-x))`, `f * c +
        # i * (2 g - 1)` and `o * tanh(c)` (only the order of a product's or sum's two
        # operands differs, which IEEE arithmetic does not see), so the states are the same.
        gates = np.empty((2, count, 4 * size), dtype=f32)
        cell = np.empty((2, count, size), dtype=f32)
        # PyTorch's gate order: input, forget, cell, output.
        input_gate, forget_gate = gates[..., :size], gates[..., size : 2 * size]
        cell_gate, output_gate = gates[..., 2 * size : 3 * size], gates[..., 3 * size :]
        h = np.zeros((2, count, size), dtype=f32)
        for step in range(longest):
            np.matmul(h, weight, out=gates)  # too small for threads
            gates += projected[step]
            np.negative(gates, out=gates)
            np.exp(gates, out=gates)
            gates += 1.0
            np.divide(1.0, gates, out=gates)  # one sigmoid for all gates (see __init__)
            c *= forget_gate
            np.multiply(cell_gate, 2.0, out=cell)
            cell -= 1.0
            cell *= input_gate
            c += cell
            h = out[step]
            np.tanh(c, out=h)
            h *= output_gate
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
        rows, ats, backs = [], [], []
        for row, ((_, positions), ids) in enumerate(zip(requests, sequences, strict=True)):
            for position in positions:
                at = position + 1  # +1: the sentence-start mark
                rows.append(row)
                ats.append(at)
                backs.append(len(ids) - 1 - at)
        states = np.concatenate([forward[rows, ats], backward[rows, backs]], axis=1)
        weight, bias = self._hidden
        hidden = iter(np.maximum(states @ weight + bias, 0))
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
        scored = self._scored.get(char)
        if scored is None:
            names = [r for r in self.candidates.get(char, []) if r in self._class_index]
            rows = self._np.array([self._class_index[r] for r in names], dtype=self._np.intp)
            weight, bias = self._logits
            scored = self._scored[char] = (names, weight[rows], bias[rows])
        names, weight, bias = scored
        if not names:
            weight, bias = self._logits
            return self._class_names[int(self._np.argmax(weight @ hidden + bias))]
        logits = weight @ hidden + bias
        best = int(self._np.argmax(logits))
        if rival is not None and (
            rival not in names or logits[best] - logits[names.index(rival)] < RIVAL_MARGIN
        ):
            return rival  # a reading the model does not know stays (黄陂 Huáng pí)
        return names[best]
