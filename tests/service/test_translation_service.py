"""The engine-level translation service: the language rule, limits, grouping and output script."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.common.chinese_script import to_traditional
from service.common.script import detect_language
from service.settings import Settings
from service.translation.pipeline import (
    SourceChoice,
    TextTooLong,
    TranslationService,
    UnsupportedInput,
)
from service.translation.translator import Language, TranslatorRegistry


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("我用iPhone", "zh"),
        ("请用 Python 写", "zh"),
        ("iPhone 15 Pro 发布了", "zh"),
        ("I like 饺子 very much", "en"),
        ("Where is the bank?", "en"),
        ("银行在哪里？", "zh"),
        ("1234 !!", None),
    ],
)
def test_a_han_character_counts_like_a_latin_word(text: str, language: str | None) -> None:
    assert detect_language(text) == language


def _service(models: dict[str, Path], **overrides: object) -> TranslationService:
    options: dict[str, object] = {"translate_num_beams": 1, **overrides}
    settings = Settings(
        translate_model_zh_en=str(models["zh-en"]),
        translate_model_en_zh=str(models["en-zh"]),
        translate_deadline_s=600,  # the first call also loads (converts) the models
        **options,  # type: ignore[arg-type]
    )
    return TranslationService(TranslatorRegistry(settings), settings)


def test_each_text_goes_its_own_way_and_the_result_says_which(
    tiny_models: dict[str, Path],
) -> None:
    service = _service(tiny_models)
    mixed = service.translate(["我用iPhone", "I like 饺子 very much", "银行在哪里？"])
    zh_en = service.translate(["我用iPhone"], source="zh")
    en_zh = service.translate(["I like 饺子 very much"], source="auto")
    assert (zh_en.source, zh_en.target, zh_en.model) == ("zh", "en", str(tiny_models["zh-en"]))
    assert (en_zh.source, en_zh.target) == ("en", "zh")
    assert (mixed.source, mixed.target) == ("auto", None)
    assert mixed.model == f"{tiny_models['zh-en']},{tiny_models['en-zh']}"
    assert mixed.translations[:2] == [zh_en.translations[0], en_zh.translations[0]]


@pytest.mark.parametrize(
    ("texts", "source", "target", "error", "phrase"),
    [
        (["你好"] * 33, "auto", None, UnsupportedInput, "at most 32"),
        (["你好" * 2501], "auto", None, TextTooLong, "limit is 5000"),
        (["1234 !!"], "auto", None, UnsupportedInput, "Cannot tell the language"),
        (["I like 饺子 very much"], "zh", None, UnsupportedInput, "looks like English"),
        (["你好"], "zh", "zh", UnsupportedInput, "Unsupported language pair"),
    ],
)
def test_input_a_client_can_fix_is_refused_with_a_reason(
    tiny_models: dict[str, Path],
    texts: list[str],
    source: SourceChoice,
    target: Language | None,
    error: type[Exception],
    phrase: str,
) -> None:
    with pytest.raises(error, match=phrase):
        _service(tiny_models).translate(texts, source=source, target=target)


def test_chinese_output_in_traditional_script(tiny_models: dict[str, Path]) -> None:
    # Its 4 beams give varied output; float32, whose output does not hang on the CPU's int8
    # kernels (on some CPUs int8 gave only characters both scripts share); the loop guard off,
    # so the loops that hold 老师 (老師) stay.
    service = _service(
        tiny_models,
        translate_num_beams=None,
        translate_compute_type="float32",
        translate_loop_guard="off",
    )
    texts = ["Tea school we book word.", "Today you go.", "Tomorrow listen beijing.", "Is."]
    simplified = service.translate(texts, target="zh").translations
    traditional = service.translate(texts, target="zh", script="traditional").translations
    assert traditional == [to_traditional(t) for t in simplified]
    assert traditional != simplified  # its output has 师, 么, 饭...: 師, 麼, 飯
    english = service.translate(["我喜欢学习中文。"], script="traditional").translations
    assert english == service.translate(["我喜欢学习中文。"]).translations


def test_traditional_input_is_translated_as_simplified_and_said_so(
    tiny_models: dict[str, Path],
) -> None:
    service = _service(tiny_models)
    traditional = service.translate(["我覺得這個電腦很貴。"], source="zh")
    simplified = service.translate(["我觉得这个电脑很贵。"], source="zh")
    assert traditional.translations == simplified.translations
    assert (traditional.source_script, simplified.source_script) == ("traditional", "simplified")
    both = service.translate(["我覺得這個電腦很貴。", "我觉得这个电脑很贵。", "I like tea."])
    assert both.source_script == "mixed"
    assert service.translate(["I like tea."]).source_script is None
