"""Runaway output: find a loop in a translation and cut it, for every engine.

OpenNMT-style models fall into loops on some inputs (opus-mt-en-zh repeats 你好 up to its
length limit on a one-word input; random weights do it on every input: 今天很今天很…, uuuu).
The rule, on each decoded sentence: a piece of up to `MAX_PIECE` characters, or a word, four
or more times in a row is a loop, unless the source sentence itself holds that run (10000 in
"10000元" is copied, not looped). What the guard does (TRANSLATE_LOOP_GUARD):

- `trim` (default): each loop is cut to its piece's first occurrence (你好你好你好… → 你好);
- `retry`: the looping sentences are decoded once more with `no_repeat_ngram_size`
  (`RETRY_NO_REPEAT_NGRAM`, both engines), then whatever still loops is trimmed;
- `off`: outputs as the model gave them.

A sentence without a loop comes back unchanged in every mode, so the guard never alters a
translation that does not repeat itself (the float32 equality with transformers holds).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Literal

LoopGuardMode = Literal["trim", "retry", "off"]
MAX_PIECE = 6
MIN_REPEATS = 4
RETRY_NO_REPEAT_NGRAM = 3  # measured on the tiny models: 2 and 3 leave no loop, 4 leaves most
# A piece of 1-6 characters followed by itself three or more times, the shortest piece first
# ("ababab…" is "ab" repeated, not "abab").
_PIECE_RUN = re.compile(rf"(.{{1,{MAX_PIECE}}}?)\1{{{MIN_REPEATS - 1},}}", re.DOTALL)
# A word repeated with only spaces or punctuation between: "very, very, very, very".
_WORD_RUN = re.compile(rf"\b(\w+)\b(?:[\W_]+\1\b){{{MIN_REPEATS - 1},}}", re.IGNORECASE)
_MAX_PASSES = 16  # each pass shortens the text; a safety net only

Redecode = Callable[[list[str]], list[str]]


def _runs(text: str, source: str) -> list[tuple[int, int, str]]:
    """(start, end, what to keep) of each loop in `text` that `source` does not hold."""
    found = []
    for pattern in (_PIECE_RUN, _WORD_RUN):
        for match in pattern.finditer(text):
            piece = match.group(1)
            if piece.strip() and piece * MIN_REPEATS not in source:
                found.append((match.start(), match.end(), piece))
    return found


def has_loop(text: str, source: str = "") -> bool:
    return bool(_runs(text, source))


def trim_loops(text: str, source: str = "") -> str:
    """`text` with each loop cut to its piece's first occurrence; unchanged when it has none."""
    for _ in range(_MAX_PASSES):
        runs = _runs(text, source)
        if not runs:
            break
        start, end, keep = min(runs, key=lambda run: (run[0], -run[1]))
        text = (text[:start] + keep + text[end:]).strip()
    return text


def guard_outputs(
    sources: Sequence[str], outputs: list[str], mode: LoopGuardMode, redecode: Redecode
) -> list[str]:
    """One output per source with no loop left (unless `mode` is off); `redecode` decodes
    sentences again without repeated n-grams, for `retry`."""
    if mode == "off":
        return outputs
    looping = [i for i, (s, o) in enumerate(zip(sources, outputs, strict=True)) if has_loop(o, s)]
    if not looping:
        return outputs
    guarded = list(outputs)
    if mode == "retry":
        again = redecode([sources[i] for i in looping])
        for i, output in zip(looping, again, strict=True):
            guarded[i] = output
    for i in looping:
        guarded[i] = trim_loops(guarded[i], sources[i])
    return guarded
