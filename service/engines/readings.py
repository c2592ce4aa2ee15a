"""The reading of a polyphonic character in its sentence, from g2pM's BiLSTM.

g2pM (PyPI `g2pM`, Apache-2.0, Park & Lee, Interspeech 2020) ships a 1.6 MB numpy
checkpoint: a character embedding, one bidirectional LSTM layer and two dense layers that
score 876 numbered readings. Its own `G2pM` class is not used, for three reasons: it leaves
its pickle files open (a ResourceWarning on every load), it picks the best of all 876
readings where only the character's own readings make sense, and it steps the LSTM with
the input projection inside the loop. This module loads the same shipped weights and runs
the same network: the input projections for all characters in one product, the recurrence
in float32, and scores only at the characters asked about, among their candidate readings.
numpy is imported on first use, never at app import. The products over a whole sentence
go through `einsum`'s own loops rather than BLAS, whose worker threads cost several times the
arithmetic at this size on a busy machine (measured: 190 ms against 27 ms for 323 characters).
"""

from __future__ import annotations

import pickle
import threading
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    Matrix = NDArray[np.float32]

_PACKAGE = "g2pM"
_BOS, _EOS, _UNKNOWN = "시", "끝", "<UNK>"  # g2pM's sentence marks and unknown character


def _load(name: str) -> Any:
    # The package's own data files, shipped in its wheel.
    with resources.files(_PACKAGE).joinpath(name).open("rb") as handle:
        return pickle.load(handle)


class ReadingModel:
    """Scores the readings of chosen characters of a sentence; safe to share between threads."""

    def __init__(self) -> None:
        import numpy as np

        state = _load("np_ckpt.pkl")
        self._np = np
        self._chars: dict[str, int] = _load("char2idx.pkl")
        classes: dict[str, int] = _load("class2idx.pkl")
        self._class_names = {index: name for name, index in classes.items()}
        self._class_index = classes
        # g2pM's candidate readings per character (CC-CEDICT's, digested by g2pM).
        self.candidates: dict[str, list[str]] = _load("digest_cedict.pkl")
        f32 = np.float32
        self._embedding = state["embedding.weight"].astype(f32)
        # Both directions step together: weights stacked [direction, ...]. The cell gate's
        # rows are doubled so one sigmoid serves all gates (tanh(x) = 2 sigmoid(2x) - 1).
        size = state["lstm.weight_hh_l0"].shape[1]
        scale = np.ones(4 * size, dtype=f32)
        scale[2 * size : 3 * size] = 2.0
        self._size = size
        directions = ("", "_reverse")
        self._weight_ih = [
            state[f"lstm.weight_ih_l0{d}"].astype(f32) * scale[:, None] for d in directions
        ]
        self._bias = [
            ((state[f"lstm.bias_ih_l0{d}"] + state[f"lstm.bias_hh_l0{d}"]) * scale).astype(f32)
            for d in directions
        ]
        self._weight_hh_t = np.stack(
            [(state[f"lstm.weight_hh_l0{d}"] * scale[:, None]).T.astype(f32) for d in directions]
        )  # [2, h, 4h]
        self._hidden = (state["logit_layer.0.weight"].T.astype(f32), state["logit_layer.0.bias"])
        self._logits = (state["logit_layer.2.weight"].astype(f32), state["logit_layer.2.bias"])
        self._lock = threading.Lock()  # numpy releases the GIL; the model holds no state

    def is_polyphonic(self, char: str) -> bool:
        return len(self.candidates.get(char, ())) > 1

    def _run(self, inputs: Matrix) -> tuple[Matrix, Matrix]:
        """Hidden states of the forward and the backward LSTM at every position."""
        np = self._np
        length, size = len(inputs), self._size
        projected = np.stack(  # [t, 2, 4h]: step t reads position t forward, t-th from the end
            [
                np.einsum("tk,gk->tg", inputs, self._weight_ih[0]) + self._bias[0],
                np.einsum("tk,gk->tg", inputs[::-1], self._weight_ih[1]) + self._bias[1],
            ],
            axis=1,
        )
        h = np.zeros((2, 1, size), dtype=np.float32)
        c = np.zeros((2, size), dtype=np.float32)
        out = np.empty((length, 2, size), dtype=np.float32)
        for step in range(length):
            gates = projected[step] + (h @ self._weight_hh_t)[:, 0]  # too small for threads
            s = 1.0 / (1.0 + np.exp(-gates))  # PyTorch's gate order: input, forget, cell, output
            c = s[:, size : 2 * size] * c + s[:, :size] * (2.0 * s[:, 2 * size : 3 * size] - 1.0)
            hidden = s[:, 3 * size :] * np.tanh(c)
            out[step] = hidden
            h = hidden[:, None, :]
        return out[:, 0], out[::-1, 1]

    def readings(self, sentence: str, positions: list[int]) -> list[str]:
        """The numbered reading (`huan2`) of sentence[p] for each p, among its candidates."""
        np = self._np
        unknown = self._chars[_UNKNOWN]
        ids = [self._chars[_BOS]]
        ids += [self._chars.get(char, unknown) for char in sentence]
        ids.append(self._chars[_EOS])
        inputs = self._embedding[ids]
        forward, backward = self._run(inputs)
        rows = [p + 1 for p in positions]  # +1: the sentence-start mark
        states = np.concatenate([forward[rows], backward[rows]], axis=1)
        weight, bias = self._hidden
        hidden = np.maximum(np.einsum("nk,kg->ng", states, weight) + bias, 0)
        weight, bias = self._logits
        scores = np.einsum("nk,ck->nc", hidden, weight) + bias
        chosen = []
        for row, position in zip(scores, positions, strict=True):
            candidates = [
                reading
                for reading in self.candidates.get(sentence[position], [])
                if reading in self._class_index
            ]
            if not candidates:
                chosen.append(self._class_names[int(np.argmax(row))])
                continue
            best = max(candidates, key=lambda reading: float(row[self._class_index[reading]]))
            chosen.append(best)
        return chosen
