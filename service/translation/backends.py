"""Inference backends for one MarianMT model: the same interface, two engines.

- `TransformersBackend`: the reference; Hugging Face transformers on torch.
- `CTranslate2Backend`: the same weights converted once by CTranslate2's converter and stored
  in the model cache beside them; the request path then needs neither torch nor transformers,
  only ctranslate2 and sentencepiece.
Both tokenize identically (sentencepiece pieces, an optional `>>lang<<` token first, `</s>`
last) and keep the model's own generation config (its beam count) unless told otherwise.
Both keep a deadline: they return complete translations or raise `TranslationTimeout` within
a bounded overshoot of it (one decoding step on transformers, one poll on CTranslate2).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

log = logging.getLogger(__name__)

EOS, PAD, UNK = "</s>", "<pad>", "<unk>"
# Files the CTranslate2 directory carries over so it is self-contained.
CT2_SIDE_FILES = ("source.spm", "target.spm", "vocab.json", "generation_config.json")
# How often a CTranslate2 batch is checked against the deadline: the 504's overshoot. Each
# check wakes Python while the decoding threads run; 10 ms is a fifth of the wake-ups of 2 ms
# and still a small overshoot next to a batch of several hundred ms.
DEADLINE_POLL_S = 0.01


class TranslationTimeout(Exception):
    """The deadline passed before all sentences were translated; partial output is dropped."""


@dataclass(frozen=True)
class Decoding:
    """How to decode: beams, and output length bounded relative to the input."""

    num_beams: int
    max_length: int  # the model's ceiling on generated tokens
    length_factor: float = 3.0
    length_slack: int = 10

    def max_new_tokens(self, longest_input: int) -> int:
        bound = int(self.length_factor * longest_input) + self.length_slack
        return max(1, min(self.max_length, bound))


class Backend(Protocol):
    decoding: Decoding

    def source_tokens(self, sentences: list[str]) -> list[list[str]]: ...

    def translate(
        self, sentences: list[str], *, deadline: float | None = None, no_repeat_ngram_size: int = 0
    ) -> list[str]:
        """One translation per sentence, or TranslationTimeout soon after `deadline`.

        `deadline` is a `time.monotonic()` instant; None waits for the whole batch.
        `no_repeat_ngram_size` > 0 forbids repeating any n-gram of that many tokens (the loop
        guard's retry); 0 decodes as the model does.
        """
        ...


def _seconds_left(deadline: float | None) -> float | None:
    if deadline is None:
        return None
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TranslationTimeout
    return remaining


def read_generation_defaults(model_dir: Path) -> tuple[int, int]:
    """(num_beams, max_length) from the model's generation config, as transformers would."""
    beams, max_length = 1, 512
    for name in ("config.json", "generation_config.json"):  # the latter wins
        path = model_dir / name
        if path.is_file():
            data = json.loads(path.read_text(encoding="utf-8"))
            beams = int(data.get("num_beams", beams) or beams)
            max_length = int(data.get("max_length", max_length) or max_length)
    return beams, max_length


class SentencePieceCodec:
    """Marian's tokenization with plain sentencepiece: what MarianTokenizer does, minus torch."""

    def __init__(self, model_dir: Path, language_token: str | None) -> None:
        import sentencepiece as spm

        self.source = spm.SentencePieceProcessor(model_file=str(model_dir / "source.spm"))
        self.target = spm.SentencePieceProcessor(model_file=str(model_dir / "target.spm"))
        self.vocab: dict[str, int] = json.loads(
            (model_dir / "vocab.json").read_text(encoding="utf-8")
        )
        self.language_token = language_token if language_token in self.vocab else None

    def encode(self, sentence: str) -> list[str]:
        pieces = [p if p in self.vocab else UNK for p in self.source.encode(sentence, out_type=str)]
        prefix = [self.language_token] if self.language_token else []
        return [*prefix, *pieces, EOS]

    def decode(self, pieces: list[str]) -> str:
        kept = [p for p in pieces if p not in (EOS, PAD, UNK)]
        return str(self.target.decode_pieces(kept)).strip()


class TransformersBackend:
    """MarianMT on torch: the reference engine, and the converter's input."""

    def __init__(
        self, model_dir: Path, *, threads: int, num_beams: int | None, language_token: str | None
    ) -> None:
        import torch
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]  # progress bars would flood the JSON logs
        torch.set_num_threads(threads)
        self._torch = torch
        self.tokenizer: Any = AutoTokenizer.from_pretrained(str(model_dir))
        self.model: Any = AutoModelForSeq2SeqLM.from_pretrained(str(model_dir))
        self.model.eval()
        self.language_token = (
            language_token if language_token in self.tokenizer.get_vocab() else None
        )
        beams, max_length = read_generation_defaults(model_dir)
        self.decoding = Decoding(num_beams=num_beams or beams, max_length=max_length)

    def _with_prefix(self, sentences: list[str]) -> list[str]:
        if self.language_token is None:
            return sentences
        return [f"{self.language_token} {s}" for s in sentences]

    def source_tokens(self, sentences: list[str]) -> list[list[str]]:
        ids = self.tokenizer(self._with_prefix(sentences))["input_ids"]
        return [self.tokenizer.convert_ids_to_tokens(row) for row in ids]

    def generate_ids(
        self, sentences: list[str], *, deadline: float | None = None, no_repeat_ngram_size: int = 0
    ) -> list[list[int]]:
        """Generated ids per sentence, each cut to its own length bound (see Decoding)."""
        max_seconds = _seconds_left(deadline)
        encoded = self.tokenizer(
            self._with_prefix(sentences), return_tensors="pt", padding=True, truncation=True
        )
        lengths = [int(n) for n in encoded["attention_mask"].sum(dim=1)]
        with self._torch.inference_mode():
            output = self.model.generate(
                **encoded,
                num_beams=self.decoding.num_beams,
                max_new_tokens=self.decoding.max_new_tokens(max(lengths)),
                max_length=None,
                max_time=max_seconds,
                # At the length limit transformers would overwrite the last token with </s>;
                # the cut below already ends the text, and CTranslate2 behaves the same way.
                forced_eos_token_id=None,
                no_repeat_ngram_size=no_repeat_ngram_size or None,
            )
        # generate stops at max_time after the current step, with the output cut short.
        _seconds_left(deadline)
        # Row layout: decoder start token, then generated tokens.
        return [
            row[1 : 1 + self.decoding.max_new_tokens(n)].tolist()
            for row, n in zip(output, lengths, strict=True)
        ]

    def translate(
        self, sentences: list[str], *, deadline: float | None = None, no_repeat_ngram_size: int = 0
    ) -> list[str]:
        output = self.generate_ids(
            sentences, deadline=deadline, no_repeat_ngram_size=no_repeat_ngram_size
        )
        return [s.strip() for s in self.tokenizer.batch_decode(output, skip_special_tokens=True)]


class ConversionFailed(Exception):
    """The converter process failed; the message is its last line of error output."""


def _run_converter(model_dir: Path, output_dir: Path, quantization: str) -> None:
    # torch + transformers (several hundred MB) are needed only to read the HF weights: in a
    # child process they never enter the server's memory, and a crash there cannot kill it.
    package_root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-m", "service.translation.backends", str(model_dir), str(output_dir),
         quantization],
        capture_output=True,
        text=True,
        cwd=package_root,
        env={**os.environ, "PYTHONPATH": str(package_root)},
        check=False,
    )  # fmt: skip
    if result.returncode != 0:
        lines = [line for line in result.stderr.strip().splitlines() if line.strip()]
        raise ConversionFailed(lines[-1] if lines else f"converter exited {result.returncode}")


def convert_to_ctranslate2(model_dir: Path, target: Path, quantization: str) -> Path:
    """Convert once into `target`, atomically: a half-written conversion is never visible."""
    if (target / "model.bin").is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.parent / f".{target.name}.{uuid.uuid4().hex}.partial"
    staging.mkdir()  # here, so an unwritable cache is an OSError of this process
    try:
        _run_converter(model_dir, staging, quantization)
        for name in CT2_SIDE_FILES:
            if (model_dir / name).is_file():
                shutil.copyfile(model_dir / name, staging / name)
        if target.exists():  # an incomplete directory from an older failure: replace it
            shutil.rmtree(target, ignore_errors=True)
        try:
            staging.rename(target)
        except OSError:  # another process finished first: keep theirs
            if not (target / "model.bin").is_file():
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    log.info("converted model", extra={"model_dir": str(model_dir), "target": str(target)})
    return target


class CTranslate2Backend:
    """The converted model on CTranslate2; tokenization with plain sentencepiece."""

    def __init__(
        self,
        ct2_dir: Path,
        *,
        threads: int,
        num_beams: int | None,
        compute_type: str,
        language_token: str | None,
    ) -> None:
        import ctranslate2

        self.translator = ctranslate2.Translator(
            str(ct2_dir),
            device="cpu",
            compute_type=compute_type,
            inter_threads=1,
            intra_threads=threads,
        )
        self.codec = SentencePieceCodec(ct2_dir, language_token)
        beams, max_length = read_generation_defaults(ct2_dir)
        self.decoding = Decoding(num_beams=num_beams or beams, max_length=max_length)

    def source_tokens(self, sentences: list[str]) -> list[list[str]]:
        return [self.codec.encode(s) for s in sentences]

    def generate_tokens(
        self, sentences: list[str], *, deadline: float | None = None, no_repeat_ngram_size: int = 0
    ) -> list[list[str]]:
        batch = self.source_tokens(sentences)
        longest = max(len(tokens) for tokens in batch)
        _seconds_left(deadline)
        # Asynchronous, so the wait can end at the deadline: a batch cannot be stopped (its
        # callback works only with greedy search), so an abandoned one finishes in the
        # background and its output is dropped. The caller keeps batches short near the end.
        pending = self.translator.translate_batch(
            batch,
            beam_size=self.decoding.num_beams,
            max_decoding_length=self.decoding.max_new_tokens(longest),
            max_batch_size=len(batch),
            no_repeat_ngram_size=no_repeat_ngram_size,
            asynchronous=True,
        )
        while deadline is not None and not all(result.done() for result in pending):
            _seconds_left(deadline)
            time.sleep(DEADLINE_POLL_S)
        results = [result.result() for result in pending]
        # The converter drops <pad> from the vocabulary, so it can never be generated, as
        # the model's bad_words_ids intends. Each output is cut to its own sentence's bound,
        # so a sentence translates the same whatever batch it shares.
        return [
            list(result.hypotheses[0])[: self.decoding.max_new_tokens(len(tokens))]
            for result, tokens in zip(results, batch, strict=True)
        ]

    def translate(
        self, sentences: list[str], *, deadline: float | None = None, no_repeat_ngram_size: int = 0
    ) -> list[str]:
        generated = self.generate_tokens(
            sentences, deadline=deadline, no_repeat_ngram_size=no_repeat_ngram_size
        )
        return [self.codec.decode(tokens) for tokens in generated]


if __name__ == "__main__":  # the converter process: MODEL_DIR OUTPUT_DIR QUANTIZATION
    from ctranslate2.converters import TransformersConverter
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    source, output, quantization = sys.argv[1:4]
    TransformersConverter(source).convert(output, quantization=quantization, force=True)
