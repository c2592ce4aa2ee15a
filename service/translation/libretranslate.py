"""LibreTranslate's operations over the one translation pipeline (no web code here).

LibreTranslate names languages by code: this service lists `en`, `zh-Hans` and `zh-Hant` (as
current LibreTranslate does) and also reads `zh`, `zt`, `zh-CN` and `zh-TW`, in any case.
Between `zh-Hans` and `zh-Hant` the answer is a script conversion (OpenCC). With source
`auto`, each text's language is detected by the service's one rule (Han characters against
Latin words) and its script by OpenCC; a text already in the target language, or with neither
Han characters nor Latin letters, comes back as it is (the latter detected as `en` with
confidence 0, as LibreTranslate does). Input a client can fix raises `UnsupportedInput` or
`TextTooLong`; everything `TranslationService.translate` raises passes through.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import Literal

from service.common.chinese_script import to_simplified, to_traditional
from service.common.script import count_han, count_latin_words
from service.translation.html_text import translate_html, visible_text
from service.translation.pipeline import TranslationService, UnsupportedInput

Code = Literal["en", "zh-Hans", "zh-Hant"]
Format = Literal["text", "html"]
NAMES: dict[Code, str] = {
    "en": "English",
    "zh-Hans": "Chinese (Simplified)",
    "zh-Hant": "Chinese (Traditional)",
}
_CODES: dict[str, Code] = {
    "en": "en",
    "zh-hans": "zh-Hans",
    "zh": "zh-Hans",
    "zh-cn": "zh-Hans",
    "zh-hant": "zh-Hant",
    "zt": "zh-Hant",
    "zh-tw": "zh-Hant",
}


@dataclass(frozen=True)
class Detection:
    language: Code
    confidence: float  # 0-100, as LibreTranslate reports it


@dataclass(frozen=True)
class LibreResult:
    texts: list[str]
    detected: list[Detection] | None  # one per text, only for source "auto"


def is_auto(code: str) -> bool:
    return code.strip().lower() == "auto"


def parse_code(code: str) -> Code:
    """A LibreTranslate language code in any case; UnsupportedInput for one not served here."""
    key = code.strip().lower().replace("_", "-")
    if key not in _CODES:
        raise UnsupportedInput(
            f"{code} is not supported; this server translates en, zh-Hans and zh-Hant "
            "(zh, zt, zh-CN and zh-TW are read too)."
        )
    return _CODES[key]


def languages() -> list[tuple[Code, str, list[Code]]]:
    """(code, name, targets) of every language, as GET /languages lists them."""
    return [(code, name, [c for c in NAMES if c != code]) for code, name in NAMES.items()]


def detect(text: str) -> list[Detection]:
    """Candidates, most likely first: the shares of Han characters and Latin words."""
    han, latin = count_han(text), count_latin_words(text)
    if han + latin == 0:
        return [Detection("en", 0.0)]
    chinese: Code = "zh-Hant" if han and to_simplified(text) != text else "zh-Hans"
    shares: list[tuple[Code, int]] = [(chinese, han), ("en", latin)]
    found = [Detection(code, round(100 * n / (han + latin), 1)) for code, n in shares if n]
    # Stable sort: a tie stays with Chinese, as the service's own language rule decides.
    return sorted(found, key=lambda d: -d.confidence)


def _family(code: Code) -> Literal["en", "zh"]:
    return "en" if code == "en" else "zh"


class LibreTranslate:
    """LibreTranslate's POST /translate over `TranslationService`: its limits and deadline."""

    def __init__(self, service: TranslationService) -> None:
        self.service = service

    def translate(
        self, texts: Sequence[str], source: str, target: str, text_format: Format = "text"
    ) -> LibreResult:
        target_code = parse_code(target)
        source_code = None if is_auto(source) else parse_code(source)
        if source_code == target_code:
            raise UnsupportedInput(f"{source} and {target} are the same language.")
        self.service.check_limits(texts)
        deadline = time.monotonic() + self.service.settings.translate_deadline_s
        html = text_format == "html"
        detected = None
        if source_code is None:  # auto: each text's own language (of its text, not its tags)
            detected = [detect(visible_text(t) if html else t)[0] for t in texts]
        origins = [d.language for d in detected] if detected else [source_code] * len(texts)
        outputs = list(texts)
        for origin in dict.fromkeys(origins):
            assert origin is not None
            indices = [i for i, o in enumerate(origins) if o == origin]
            if html:  # each document's text nodes; a node in another language stays as it is
                nodes = partial(
                    self._pieces,
                    source=origin,
                    target=target_code,
                    deadline=deadline,
                    only_source=True,
                )
                for i in indices:
                    outputs[i] = translate_html(texts[i], nodes)
                continue
            done = self._pieces([texts[i] for i in indices], origin, target_code, deadline)
            for i, output in zip(indices, done, strict=True):
                outputs[i] = output
        return LibreResult(outputs, detected)

    def _pieces(
        self,
        texts: list[str],
        source: Code,
        target: Code,
        deadline: float,
        only_source: bool = False,
    ) -> list[str]:
        """`texts` from `source` into `target`. Text with no letters, or in the target's
        language, stays as it is; so does text in another language when `only_source`."""
        outputs = list(texts)
        if source == target:
            return outputs
        found = [detect(text)[0] for text in texts]
        todo = [i for i, d in enumerate(found) if d.confidence > 0]
        if only_source:
            todo = [i for i in todo if _family(found[i].language) == _family(source)]
        if _family(source) == _family(target):  # zh-Hans ⇄ zh-Hant
            convert = to_traditional if target == "zh-Hant" else to_simplified
            for i in todo:
                outputs[i] = convert(texts[i])
            return outputs
        step = self.service.settings.max_batch_items
        for start in range(0, len(todo), step):
            chunk = todo[start : start + step]
            result = self.service.translate(
                [texts[i] for i in chunk],
                source=_family(source),
                target=_family(target),
                script="traditional" if target == "zh-Hant" else "simplified",
                deadline=deadline,
            )
            for i, output in zip(chunk, result.translations, strict=True):
                outputs[i] = output
        return outputs
