"""The one place that decides a translation: limits, language direction, deadline, result.

Routes, the Lambda warm-up and any other caller go through `TranslationService`; it imports
no web code. Chinese sources are read in simplified characters (OpenCC `t2s`, as /segment
reads traditional text): the models were trained mostly on simplified text (opus-mt-zh-en's
FLORES-200 COMET is 0.530 from simplified, 0.447 from traditional), and `source_script` says
when a text was converted. Input a client can fix raises `TextTooLong` or `UnsupportedInput`
(the web layer maps them to 413 and 422), an unobtainable model `ModelUnavailable`, a late
one `TranslationTimeout`.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from service.common.chinese_script import Script, to_simplified, to_traditional
from service.common.script import detect_language
from service.common.timing import phase
from service.settings import Settings
from service.translation.model_source import ModelUnavailable
from service.translation.translator import DIRECTIONS, Language, TranslatorRegistry

SourceChoice = Literal["zh", "en", "auto"]
SourceScript = Literal["simplified", "traditional", "mixed"]
_NAMES = {"zh": "Chinese", "en": "English"}


class TextTooLong(ValueError):
    """A text over MAX_TEXT_CHARS."""


class UnsupportedInput(ValueError):
    """Too many texts, a language pair no model serves, or text in another language."""


@dataclass(frozen=True)
class Translation:
    translations: list[str]
    source: SourceChoice  # "auto" only when a list mixed languages
    target: Language | None  # None only when a list mixed languages
    model: str  # comma-joined when two models served the list
    # Script of the Chinese sources: "traditional" when they were converted to simplified
    # before translation, "mixed" when a list had both, None when no source was Chinese.
    source_script: SourceScript | None = None


@dataclass(frozen=True)
class WarmupOutcome:
    direction: str
    model: str
    seconds: float
    error: str | None  # None: loaded


def decide_direction(text: str, source: SourceChoice, target: str | None) -> str:
    """The direction key for one text: the server's one language rule (see script.py)."""
    detected = detect_language(text)
    if source == "auto":
        if detected is None:
            raise UnsupportedInput(
                "Cannot tell the language: the text has no Chinese characters or Latin letters."
            )
        source = detected
    elif detected is not None and detected != source:
        raise UnsupportedInput(
            f"The text looks like {_NAMES[detected]}, not {_NAMES[source]} as 'source' says."
        )
    target = target or ("en" if source == "zh" else "zh")
    direction = f"{source}-{target}"
    if direction not in DIRECTIONS:
        raise UnsupportedInput(
            f"Unsupported language pair {source}→{target}; supported: zh→en and en→zh."
        )
    return direction


def _as_simplified(
    texts: Sequence[str], directions: Sequence[str]
) -> tuple[list[str], list[Script | None]]:
    """Chinese sources in simplified characters, and each one's script (None: not Chinese)."""
    converted: list[str] = []
    scripts: list[Script | None] = []
    for text, direction in zip(texts, directions, strict=True):
        if DIRECTIONS[direction].source != "zh":
            converted.append(text)
            scripts.append(None)
            continue
        simplified = to_simplified(text)
        converted.append(simplified)
        scripts.append("traditional" if simplified != text else "simplified")
    return converted, scripts


class TranslationService:
    def __init__(self, registry: TranslatorRegistry, settings: Settings) -> None:
        self.registry = registry
        self.settings = settings

    def check_limits(self, texts: Sequence[str]) -> None:
        """TextTooLong or UnsupportedInput unless the texts are within the limits."""
        most = self.settings.max_batch_items
        if len(texts) > most:
            raise UnsupportedInput(f"Too many texts: {len(texts)} given, at most {most} per call.")
        limit = self.settings.max_text_chars
        for text in texts:
            if len(text) > limit:
                raise TextTooLong(
                    f"Text is {len(text)} characters long; the limit is {limit} (MAX_TEXT_CHARS)."
                )
            try:  # valid JSON can carry a lone surrogate ("\ud800"), which no model can read
                text.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise UnsupportedInput(
                    f"Text has an invalid character (a lone surrogate, U+{ord(text[exc.start]):04X}"
                    f", at position {exc.start}); send valid Unicode text."
                ) from None

    def translate(
        self,
        texts: Sequence[str],
        source: SourceChoice = "auto",
        target: Language | None = None,
        script: Script = "simplified",
        deadline: float | None = None,
    ) -> Translation:
        """Translate each text in the direction the language rule gives it, in order.

        `deadline` (a `time.monotonic()` instant) lets a caller that translates in several
        calls share one; by default TRANSLATE_DEADLINE_S from now.
        """
        self.check_limits(texts)
        directions = [decide_direction(text, source, target) for text in texts]
        if deadline is None:
            deadline = time.monotonic() + self.settings.translate_deadline_s
        texts, scripts = _as_simplified(texts, directions)
        translations = [""] * len(texts)
        models: list[str] = []
        for direction in dict.fromkeys(directions):
            spec = DIRECTIONS[direction]
            with phase(f"load-{direction}"):
                translator = self.registry.get(direction)
            indices = [i for i, d in enumerate(directions) if d == direction]
            with phase(f"translate-{direction}"):
                outputs = translator.translate([texts[i] for i in indices], spec.target, deadline)
            if spec.target == "zh" and script == "traditional":
                outputs = [to_traditional(output) for output in outputs]
            for i, output in zip(indices, outputs, strict=True):
                translations[i] = output
            models.append(translator.model)
        found = set(scripts) - {None}
        source_script: SourceScript | None = found.pop() if len(found) == 1 else None
        if len(found) > 1:
            source_script = "mixed"
        if len(models) > 1:
            return Translation(translations, "auto", None, ",".join(models), source_script)
        only = DIRECTIONS[directions[0]]
        return Translation(translations, only.source, only.target, models[0], source_script)

    def warm_up(self, directions: Sequence[str] | None = None) -> list[WarmupOutcome]:
        """Load each direction's model (all when None); a failure is reported, not raised."""
        outcomes = []
        for direction in directions or list(DIRECTIONS):
            started = time.perf_counter()
            error = None
            try:
                self.registry.get(direction)
            except ModelUnavailable as exc:
                error = str(exc)
            outcomes.append(
                WarmupOutcome(
                    direction=direction,
                    model=self.registry.model_spec(direction),
                    seconds=round(time.perf_counter() - started, 3),
                    error=error,
                )
            )
        return outcomes
