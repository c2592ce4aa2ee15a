"""Sentence splitting and reassembly."""

from __future__ import annotations

import pytest

from service.translation.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("我喜欢学习中文。你呢？", ["我喜欢学习中文。", "你呢？"]),
        ("第一；第二！第三", ["第一；", "第二！", "第三"]),
        ("Pi is 3.14. Really? Yes!", ["Pi is 3.14.", "Really?", "Yes!"]),
        ("他说：“好。”然后走了。", ["他说：“好。”", "然后走了。"]),
        ("line one\n\nline two", ["line one", "line two"]),
    ],
)
def test_splits_at_sentence_ends(text: str, sentences: list[str]) -> None:
    assert split_sentences(text).sentences == sentences


@pytest.mark.parametrize(
    "text", ["  lead and trail  ", "a.\n\n b!\r\nc？", "。。。", "\n", "无标点", "x. y. z."]
)
def test_separators_and_sentences_rebuild_the_text(text: str) -> None:
    split = split_sentences(text)
    rebuilt = split.separators[0] + "".join(
        s + sep for s, sep in zip(split.sentences, split.separators[1:], strict=True)
    )
    assert rebuilt == text


def test_join_keeps_newlines_and_spaces_by_target_language() -> None:
    split = split_sentences("你好。我很好。\n再见。")
    assert split.join(["Hello.", "I am fine.", "Bye."], "en") == "Hello. I am fine.\nBye."
    split = split_sentences("Hello. I am fine.\nBye.")
    assert split.join(["你好。", "我很好。", "再见。"], "zh") == "你好。我很好。\n再见。"
