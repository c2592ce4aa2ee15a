"""The loop guard: no translation repeats a short piece or a word four times in a row."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Literal

import pytest

from service.settings import Settings
from service.translation.loop_guard import LoopGuardMode, has_loop, trim_loops
from service.translation.translator import TranslatorRegistry
from tests.support.tiny_models import SHORT_EN, SHORT_ZH

Engine = Literal["ctranslate2", "transformers"]
ENGINES: list[Engine] = ["ctranslate2", "transformers"]
ZH, EN = SHORT_ZH, SHORT_EN


@pytest.mark.parametrize(
    ("text", "trimmed"),
    [
        ("今天很今天很今天很今天很今天很", "今天很"),
        ("uuuuuuu", "u"),
        ("wwwwwwwww", "w"),
        ("你好你好你好你好你好你好", "你好"),
        ("I like it very, very, very, very much", "I like it very much"),
        ("Beijing Beijing Beijing Beijing is big", "Beijing is big"),
        ("hahahahaha!", "ha!"),
    ],
)
def test_a_loop_is_cut_to_its_first_occurrence(text: str, trimmed: str) -> None:
    assert has_loop(text)
    assert trim_loops(text) == trimmed
    assert not has_loop(trim_loops(text))


@pytest.mark.parametrize(
    "text",
    [
        "I like to learn Chinese.",
        "Very very very good.",  # three times is not a loop
        "哈哈哈",
        "The committee committed to it.",
        "1,000,000 people",
        "",
    ],
)
def test_text_without_a_loop_is_unchanged(text: str) -> None:
    assert not has_loop(text)
    assert trim_loops(text) == text


def test_a_run_the_source_holds_is_not_a_loop() -> None:
    assert trim_loops("10000 yuan", source="10000元") == "10000 yuan"
    assert trim_loops("1000000000000 yuan", source="一万元") == "10 yuan"


def _registry(models: dict[str, Path], engine: Engine, guard: LoopGuardMode) -> TranslatorRegistry:
    return TranslatorRegistry(
        Settings(
            translate_model_zh_en=str(models["zh-en"]),
            translate_model_en_zh=str(models["en-zh"]),
            translate_engine=engine,
            translate_loop_guard=guard,
            translate_cache_size=0,
        )
    )


@pytest.mark.parametrize("guard", ["trim", "retry"])
@pytest.mark.parametrize("engine", ENGINES)
def test_no_output_of_the_tiny_models_loops(
    tiny_models: dict[str, Path], engine: Engine, guard: LoopGuardMode
) -> None:
    """Random weights loop on every input; with the guard, none of the twelve outputs does."""
    later = time.monotonic() + 120
    registry = _registry(tiny_models, engine, guard)
    unguarded = _registry(tiny_models, engine, "off")
    for direction, target, texts in (("zh-en", "en", ZH), ("en-zh", "zh", EN)):
        outputs = registry.get(direction).translate(texts, target, later)
        raw = unguarded.get(direction).translate(texts, target, later)
        assert all(has_loop(o, s) for o, s in zip(raw, texts, strict=True))  # what users saw
        assert not any(has_loop(o, s) for o, s in zip(outputs, texts, strict=True))
        assert all(outputs)
