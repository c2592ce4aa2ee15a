"""Request and response models: the API's contract, and the source of /docs."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Language = Literal["zh", "en"]
SourceLanguage = Literal["zh", "en", "auto"]
Direction = Literal["zh-en", "en-zh"]  # the keys of translator.DIRECTIONS (a test checks)
Script = Literal["simplified", "traditional"]
HskStandard = Literal["2025", "2021", "2.0"]


class _Strict(BaseModel):
    """Unknown fields are refused so a typo in a key is a 422, not silently ignored."""

    model_config = ConfigDict(extra="forbid")


def _require_text(value: str) -> str:
    if not value.strip():
        raise ValueError("text must not be empty or only whitespace")
    return _require_encodable(value)


def _require_encodable(value: str) -> str:
    """Refuse code points no UTF-8 text can hold (a lone surrogate, as JSON's "\\ud800")."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError(
            f"text holds an invalid character (U+{ord(value[exc.start]):04X} at position "
            f"{exc.start}): a lone surrogate is not text"
        ) from None
    return value


class TranslateRequest(_Strict):
    text: str | list[str] = Field(
        description="One text, or a list of texts translated in one call (order kept).",
        examples=["我喜欢学习中文。你呢？"],
    )
    source: SourceLanguage = Field(
        "auto", description="Language of the text; `auto` detects it per string by script."
    )
    target: Language | None = Field(
        None, description="Language to translate into; defaults to the other language."
    )
    script: Script = Field(
        "simplified",
        description="Script of Chinese output (en→zh): `simplified` or `traditional` (OpenCC).",
    )

    @field_validator("text")
    @classmethod
    def _not_empty(cls, value: str | list[str]) -> str | list[str]:
        if isinstance(value, list):
            if not value:
                raise ValueError("the list of texts must not be empty")
            for item in value:
                _require_text(item)
            return value
        return _require_text(value)

    def texts(self) -> list[str]:
        return [self.text] if isinstance(self.text, str) else list(self.text)

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"text": "我喜欢学习中文。", "source": "auto"},
                {"text": ["你好。", "I like tea."], "source": "auto"},
                {"text": "Where is the bank?", "source": "en", "target": "zh"},
                {"text": "Where is the bank?", "target": "zh", "script": "traditional"},
            ]
        },
    )


class TranslateResponse(BaseModel):
    translations: list[str] = Field(description="One translation per input string, in order.")
    source: SourceLanguage = Field(
        description="The source language used; `auto` only when a list mixed languages."
    )
    target: Language | None = Field(
        description="The target language; null only when a list mixed languages."
    )
    model: str = Field(description="Hub id or directory of the model used (comma-joined if two).")
    source_script: Literal["simplified", "traditional", "mixed"] | None = Field(
        None,
        description=(
            "Script of the Chinese source text: `traditional` when it was converted to "
            "simplified (OpenCC t2s) before translation, `mixed` when a list had both, null "
            "when no source was Chinese."
        ),
    )

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "translations": ["I like to learn Chinese."],
                    "source": "zh",
                    "target": "en",
                    "model": "Helsinki-NLP/opus-mt-zh-en",
                    "source_script": "simplified",
                },
                {
                    "translations": ["I think this computer is expensive."],
                    "source": "zh",
                    "target": "en",
                    "model": "Helsinki-NLP/opus-mt-zh-en",
                    "source_script": "traditional",
                },
            ]
        }
    )


class SegmentOptions(_Strict):
    """What `/segment` and `/segment/batch` share besides the text."""

    hsk: HskStandard = Field(
        "2025",
        description=(
            "HSK word list: `2025` exam syllabus (default), `2021` GF0025-2021, `2.0` old HSK."
        ),
    )
    pos: bool = Field(False, description="Also return jiagu's part-of-speech tag per word.")
    script: Literal["auto", "simplified", "traditional"] = Field(
        "auto",
        description=(
            "Script of the text; `auto` decides per request. Traditional text is segmented "
            "through its simplified reading and keeps its own characters and offsets."
        ),
    )
    zhuyin: bool = Field(False, description="Also return each Chinese word in zhuyin.")
    sandhi: bool = Field(
        False,
        description=(
            "Tones as spoken: 一 and 不 changed by the next syllable (一个 yí gè, 一起 yì qǐ, "
            "不是 bú shì; 一 stays yī as a number, an ordinal or at the end of a phrase). "
            "Without it (default) `pinyin` is in citation tones (一 yī, 不 bù), as "
            "dictionaries write it. `zhuyin` follows the same choice."
        ),
    )


class SegmentRequest(SegmentOptions):
    text: str = Field(
        description="Chinese text (mixed scripts are fine).", examples=["我喜欢学习中文"]
    )

    @field_validator("text")
    @classmethod
    def _not_empty(cls, value: str) -> str:
        return _require_text(value)

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"text": "我喜欢学习中文", "hsk": "2025", "pos": False}]},
    )


class SegmentBatchRequest(SegmentOptions):
    texts: list[str] = Field(
        description=(
            "Texts segmented with the same options, answered in order (a page's paragraphs); "
            "at most MAX_BATCH_ITEMS, each within MAX_TEXT_CHARS."
        ),
        examples=[["我还没吃饭。", "你呢？"]],
    )

    @field_validator("texts")
    @classmethod
    def _not_empty(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError("the list of texts must not be empty")
        for item in value:
            _require_text(item)
        return value

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"texts": ["我还没吃饭。", "你呢？"], "sandhi": True}]},
    )


class OtherReading(BaseModel):
    pinyin: str = Field(description="Another reading of the word, tone-marked.")
    glosses: list[str] = Field(description="The senses of that reading.")


class Part(BaseModel):
    text: str = Field(description="A dictionary word inside the token.")
    pinyin: str = Field(description="Its reading in this context.")
    glosses: list[str] = Field(description="The senses of that reading.")


class Token(BaseModel):
    text: str = Field(description="The word exactly as it stands in the input.")
    start: int = Field(description="Character offset of the word in the input.")
    end: int = Field(description="Offset just past the word: `input[start:end] == text`.")
    is_chinese: bool = Field(description="True when the word contains Han characters.")
    pinyin: str | None = Field(
        description="Reading in this context, tone marks, syllables space-separated."
    )
    hsk_level: int | None = Field(
        description="HSK level of the word in the chosen list (7 stands for the 7-9 band)."
    )
    glosses: list[str] = Field(
        description="CC-CEDICT senses of the reading shown in `pinyin`, real senses first."
    )
    pos: str | None = Field(None, description="Part-of-speech tag, when asked for.")
    classifiers: list[str] = Field(
        default_factory=list, description='Measure words from CC-CEDICT, as "台 tái".'
    )
    other_readings: list[OtherReading] = Field(
        default_factory=list, description="The word's other readings with their senses."
    )
    parts: list[Part] = Field(
        default_factory=list,
        description=(
            "For a Chinese word with no dictionary entry of its own: its longest dictionary "
            "words, left to right (一个 → 一 + 个); else empty."
        ),
    )
    simplified: str | None = Field(None, description="The word in simplified characters.")
    traditional: str | None = Field(
        None,
        description=(
            "The word in traditional characters: the input's own when the text was read as "
            "traditional, else the form of the reading shown (只 zhī 隻, 只 zhǐ 只)."
        ),
    )
    zhuyin: str | None = Field(None, description="Zhuyin (bopomofo), when asked for.")


class SegmentSummary(BaseModel):
    words: int = Field(description="Number of Chinese words.")
    by_level: dict[str, int] = Field(
        description="Chinese word count per HSK level; key `unlisted` for words not in the list."
    )
    level: int | None = Field(
        description="Overall level: the lowest level covering at least 90% of the listed words."
    )
    standard: HskStandard = Field(description="The HSK list used.")
    script: Literal["simplified", "traditional"] = Field(
        "simplified", description="The script the text was read as."
    )


class SegmentResponse(BaseModel):
    tokens: list[Token]
    summary: SegmentSummary

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "tokens": [
                        {
                            "text": "喜欢",
                            "start": 1,
                            "end": 3,
                            "is_chinese": True,
                            "pinyin": "xǐ huan",
                            "hsk_level": 1,
                            "glosses": ["to like", "to be fond of"],
                            "pos": None,
                            "classifiers": [],
                            "other_readings": [],
                            "parts": [],
                            "simplified": "喜欢",
                            "traditional": "喜歡",
                            "zhuyin": None,
                        }
                    ],
                    "summary": {
                        "words": 1,
                        "by_level": {"1": 1},
                        "level": 1,
                        "standard": "2025",
                        "script": "simplified",
                    },
                }
            ]
        }
    )


class ModelStatus(BaseModel):
    direction: Direction
    model: str = Field(description="Configured hub id or directory.")
    engine: Literal["ctranslate2", "transformers"] = Field(description="TRANSLATE_ENGINE in use.")
    compute_type: Literal["int8", "float32"] = Field(
        description="Weight precision: int8 is slightly lossy, float32 the published weights."
    )
    loaded: bool
    error: str | None = Field(None, description="Why the last load failed, if it did.")


class HealthResponse(BaseModel):
    status: Literal["ok"] = "ok"
    versions: dict[str, str] = Field(description="Versions of the packages that do the work.")
    models: list[ModelStatus]


class ErrorResponse(BaseModel):
    """Every error the API returns has this shape: a sentence for a person, never a traceback."""

    detail: str = Field(description="What went wrong, in words a person understands.")
    request_id: str | None = Field(None, description="Quote this when reporting a problem.")


class WarmupEvent(_Strict):
    """Non-HTTP Lambda event that loads everything before users arrive."""

    warmup: Literal[True]
    directions: list[Direction] | None = Field(
        None, description="Translation directions to load; all of them when omitted."
    )


class WarmupResult(BaseModel):
    direction: Direction
    model: str
    loaded: bool
    seconds: float
    error: str | None = None


class SegmentReadiness(BaseModel):
    ready: bool = Field(description="The segmenter and its dictionaries are loaded.")
    seconds: float


class WarmupResponse(BaseModel):
    warmup: Literal[True] = True
    results: list[WarmupResult] = Field(description="One per translation direction loaded.")
    segment: SegmentReadiness


class SegmentBatchResponse(BaseModel):
    results: list[SegmentResponse] = Field(description="One `/segment` answer per text, in order.")
