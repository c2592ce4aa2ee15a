"""A text's entries and their pieces come from one query each, and are what one word at a
time gives."""

from __future__ import annotations

from service.annotation import lexicon as lexicon_module
from service.annotation.lexicon import Lexicon
from service.dependencies import get_segmenter
from service.settings import get_settings

WORDS = [
    "不是一个词",
    "我用iPhone拍照",
    "银行",
    "中文",
    "丁丁乙乙",
    "x",
    "一九八四年的冬天",
    "台湾",
]


def _fresh() -> Lexicon:
    """A lexicon on the service's database with nothing held yet."""
    get_segmenter().lexicon  # noqa: B018 - builds the database when missing
    return lexicon_module._open(lexicon_module.cache_file(get_settings().data_cache_path()))


def test_entries_of_a_text_are_each_words_own() -> None:
    together, alone = _fresh(), _fresh()
    assert together.entries(WORDS) == [alone.entries([word])[0] for word in WORDS]


def test_the_parts_are_ready_and_the_same() -> None:
    ready, plain = _fresh(), _fresh()
    # The annotation asks for the parts of the words that are not headwords.
    unlisted = [
        word
        for word, entry in zip(WORDS, ready.entries(WORDS, parts=True), strict=True)
        if not entry.readings
    ]
    assert len(unlisted) >= 4
    queries: list[str] = []
    original = ready._fetch

    def counted(sql: str, parameters: tuple[str, ...]) -> list[tuple[str | int | None, ...]]:
        queries.append(sql)
        return original(sql, parameters)

    ready._fetch = counted  # type: ignore[method-assign]
    for word in unlisted:
        pieces = sorted(lexicon_module.part_pieces(word))
        assert ready.headwords(pieces) == plain._query_headwords(pieces), word
    assert queries == []  # every piece was answered with the entries
