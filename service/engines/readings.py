"""The reading of a polyphonic character in its sentence, from g2pM's BiLSTM.

g2pM (PyPI `g2pM`, Apache-2.0, Park & Lee, Interspeech 2020) ships a 1.6 MB numpy
checkpoint: a character embedding, one bidirectional LSTM layer and two dense layers that
score 876 numbered readings. Its own `G2pM` class is not used, for three reasons: it leaves
its pickle files open (a ResourceWarning on every load), it picks the best of all 876
readings where only the character's own readings make sense, and it steps the LSTM with
the input projection inside the loop. This module loads the same shipped weights and runs
the same network: the input projections for all characters in one product, the recurrence
in float32, and scores only at the characters asked about, among their candidate readings.
numpy is imported on first use, never at app import.
"""

from __future__ import annotations

import pickle
import threading
from dataclasses import dataclass
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


@dataclass(frozen=True)
class _Direction:
    weight_ih: Matrix
    weight_hh_t: Matrix
    bias: Matrix


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
        self._directions = [
            _Direction(
                state[f"lstm.weight_ih_l0{suffix}"].astype(f32),
                state[f"lstm.weight_hh_l0{suffix}"].T.astype(f32).copy(),
                (state[f"lstm.bias_ih_l0{suffix}"] + state[f"lstm.bias_hh_l0{suffix}"]).astype(f32),
            )
            for suffix in ("", "_reverse")
        ]
        self._hidden = (state["logit_layer.0.weight"].T.astype(f32), state["logit_layer.0.bias"])
        self._logits = (state["logit_layer.2.weight"].astype(f32), state["logit_layer.2.bias"])
        self._lock = threading.Lock()  # numpy releases the GIL; the model holds no state

    def is_polyphonic(self, char: str) -> bool:
        return len(self.candidates.get(char, ())) > 1

    def _run(self, inputs: Matrix, direction: _Direction) -> Matrix:
        np = self._np
        projected = inputs @ direction.weight_ih.T + direction.bias  # [t, 4h]
        size = direction.weight_hh_t.shape[0]
        h = np.zeros(size, dtype=np.float32)
        c = np.zeros(size, dtype=np.float32)
        out = np.empty((len(inputs), size), dtype=np.float32)
        for step in range(len(inputs)):
            gates = projected[step] + h @ direction.weight_hh_t
            # PyTorch's gate order: input, forget, cell, output.
            sig = 1.0 / (1.0 + np.exp(-gates[: 2 * size]))
            cell = np.tanh(gates[2 * size : 3 * size])
            out_gate = 1.0 / (1.0 + np.exp(-gates[3 * size :]))
            c = sig[size:] * c + sig[:size] * cell
            h = out_gate * np.tanh(c)
            out[step] = h
        return out  # type: ignore[no-any-return]

    def readings(self, sentence: str, positions: list[int]) -> list[str]:
        """The numbered reading (`huan2`) of sentence[p] for each p, among its candidates."""
        np = self._np
        unknown = self._chars[_UNKNOWN]
        ids = [self._chars[_BOS]]
        ids += [self._chars.get(char, unknown) for char in sentence]
        ids.append(self._chars[_EOS])
        inputs = self._embedding[ids]
        forward = self._run(inputs, self._directions[0])
        backward = self._run(inputs[::-1], self._directions[1])[::-1]
        rows = [p + 1 for p in positions]  # +1: the sentence-start mark
        states = np.concatenate([forward[rows], backward[rows]], axis=1)
        weight, bias = self._hidden
        hidden = np.maximum(states @ weight + bias, 0)
        weight, bias = self._logits
        scores = hidden @ weight.T + bias
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
