"""Request and response models of the LibreTranslate-compatible API (`/libretranslate/...`).

The field names are LibreTranslate's own (`translatedText`, `detectedLanguage`), so clients
written for LibreTranslate read the answers unchanged. Requests come as JSON or form-encoded;
both are validated against these models. Unknown fields are ignored, as LibreTranslate does.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


class _Libre(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)


def _readable(value: str) -> str:
    """Refuse code points no UTF-8 text can hold (a lone surrogate, as JSON's "\\ud800")."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError(
            f"holds an invalid character (U+{ord(value[exc.start]):04X} at position "
            f"{exc.start}): a lone surrogate is not text"
        ) from None
    return value


def _present(value: str | list[str]) -> str | list[str]:
    texts = [value] if isinstance(value, str) else value
    if not texts or not any(text.strip() for text in texts):
        raise ValueError("Invalid request: missing q parameter")
    for text in texts:
        _readable(text)
    return value


class LibreTranslateRequest(_Libre):
    q: str | list[str] = Field(
        description="Text to translate, or a list of texts (answered as a list, in order).",
        examples=["我喜欢学习中文。"],
    )
    source: str = Field(
        description="Source language code: en, zh-Hans, zh-Hant (zh, zt, zh-CN, zh-TW read "
        "too, any case), or `auto` to detect it per text.",
        examples=["auto"],
    )
    target: str = Field(description="Target language code, as for `source`.", examples=["en"])
    format: Literal["text", "html"] = Field(
        "text", description="`html` translates the text between tags and keeps the markup."
    )
    alternatives: int = Field(
        0, ge=0, le=10, description="Accepted for compatibility; no alternatives are returned."
    )
    api_key: str | None = Field(
        None, description="Required when the server sets API_KEYS (or send X-API-Key)."
    )

    @field_validator("q")
    @classmethod
    def _q(cls, value: str | list[str]) -> str | list[str]:
        return _present(value)

    def texts(self) -> list[str]:
        return [self.q] if isinstance(self.q, str) else list(self.q)


class LibreDetectRequest(_Libre):
    q: str = Field(description="Text whose language to detect.", examples=["你好，世界"])
    api_key: str | None = Field(
        None, description="Required when the server sets API_KEYS (or send X-API-Key)."
    )

    @field_validator("q")
    @classmethod
    def _q(cls, value: str) -> str:
        _present(value)
        return value


class DetectedLanguage(BaseModel):
    confidence: float = Field(ge=0, le=100, description="Confidence, 0-100.")
    language: str = Field(description="Language code: en, zh-Hans or zh-Hant.")


class LibreTranslateResponse(_Libre):
    translated_text: str | list[str] = Field(
        alias="translatedText", description="The translation(s), a list for a list."
    )
    detected_language: DetectedLanguage | list[DetectedLanguage] | None = Field(
        None, alias="detectedLanguage", description="Only for source `auto`: what was detected."
    )
    alternatives: list[str] | list[list[str]] | None = Field(
        None, description="Only when alternatives were asked for: always empty here."
    )

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "translatedText": "I like to learn Chinese.",
                    "detectedLanguage": {"confidence": 100.0, "language": "zh-Hans"},
                }
            ]
        }
    )


class LibreLanguage(BaseModel):
    code: str = Field(description="Language code.", examples=["zh-Hans"])
    name: str = Field(description="Language name in English.", examples=["Chinese (Simplified)"])
    targets: list[str] = Field(description="Codes this language translates into.")


class LibreError(BaseModel):
    """LibreTranslate's error shape: one sentence, never a stack trace."""

    error: str = Field(description="What went wrong, in words a person understands.")


def form_and_json_body(model: type[BaseModel]) -> dict[str, Any]:
    """`openapi_extra` for a body read as JSON or as a form: both in /docs, one schema."""
    schema = model.model_json_schema()
    return {
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": schema},
                "application/x-www-form-urlencoded": {"schema": schema},
            },
        }
    }
