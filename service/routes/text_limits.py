"""Length limit shared by the text endpoints."""

from __future__ import annotations

from service.errors import InputError


def check_length(text: str, limit: int) -> None:
    if len(text) > limit:
        raise InputError(
            413, f"Text is {len(text)} characters long; the limit is {limit} (MAX_TEXT_CHARS)."
        )
