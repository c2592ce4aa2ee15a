"""POST /translate."""

from __future__ import annotations

import time

from fastapi import APIRouter, Depends

from service.dependencies import RegistryDep, SettingsDep, require_api_key
from service.engines.script import detect_language
from service.engines.translator import DIRECTIONS
from service.errors import InputError
from service.request_context import timed
from service.routes.responses import declare
from service.routes.text_limits import check_length
from service.schemas import TranslateRequest, TranslateResponse

router = APIRouter(tags=["translate"], dependencies=[Depends(require_api_key)])

_NAMES = {"zh": "Chinese", "en": "English"}


def _direction(text: str, source: str, target: str | None) -> str:
    detected = detect_language(text)
    if source == "auto":
        if detected is None:
            raise InputError(
                422,
                "Cannot tell the language: the text has no Chinese characters or Latin letters.",
            )
        source = detected
    elif detected is not None and detected != source:
        raise InputError(
            422, f"The text looks like {_NAMES[detected]}, not {_NAMES[source]} as 'source' says."
        )
    target = target or ("en" if source == "zh" else "zh")
    direction = f"{source}-{target}"
    if direction not in DIRECTIONS:
        raise InputError(
            422, f"Unsupported language pair {source}→{target}; supported: zh→en and en→zh."
        )
    return direction


@router.post("/translate", responses=declare(401, 413, 422, 503, 504, 500))
def translate(
    request: TranslateRequest, settings: SettingsDep, registry: RegistryDep
) -> TranslateResponse:
    """Translate Chinese to English or English to Chinese; long text is split into sentences."""
    texts = request.texts()
    if len(texts) > settings.max_batch_items:
        raise InputError(
            422, f"Too many texts: {len(texts)} given, at most {settings.max_batch_items} per call."
        )
    for text in texts:
        check_length(text, settings.max_text_chars)
    directions = [_direction(t, request.source, request.target) for t in texts]
    deadline = time.monotonic() + settings.translate_deadline_s

    translations: list[str] = [""] * len(texts)
    models: list[str] = []
    for direction in dict.fromkeys(directions):
        with timed(f"load-{direction}"):
            translator = registry.get(direction)
        indices = [i for i, d in enumerate(directions) if d == direction]
        with timed(f"translate-{direction}"):
            outputs = translator.translate(
                [texts[i] for i in indices], DIRECTIONS[direction].target, deadline
            )
        for i, output in zip(indices, outputs, strict=True):
            translations[i] = output
        models.append(translator.model)

    single = len(set(directions)) == 1
    spec = DIRECTIONS[directions[0]]
    return TranslateResponse(
        translations=translations,
        source=spec.source if single else "auto",
        target=spec.target if single else None,
        model=",".join(models),
    )
