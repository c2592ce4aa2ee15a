"""What a learner reads on /segment: readings in context, senses per reading, classifiers,
parts, traditional script, zhuyin; and text that is not text refused on every endpoint."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from opencc import OpenCC

from service.annotation.lexicon_build import is_secondary
from service.annotation.pinyin_text import marked_to_numbered, to_marked, to_zhuyin
from service.common import chinese_script
from service.dependencies import get_segmenter
from service.main import app

client = TestClient(app)
ROOT = Path(__file__).resolve().parents[2]


def _tokens(text: str, **extra: object) -> list[dict[str, Any]]:
    response = client.post("/segment", json={"text": text, **extra})
    assert response.status_code == 200, response.text
    tokens: list[dict[str, Any]] = response.json()["tokens"]
    return tokens


def _token(text: str, word: str, **extra: object) -> dict[str, Any]:
    return next(t for t in _tokens(text, **extra) if t["text"] == word)


def test_huan_when_given_back() -> None:
    token = _token("他还了我一本书", "还")
    assert token["pinyin"] == "huán"
    assert "to pay back" in token["glosses"] and "still" not in token["glosses"]
    assert [r["pinyin"] for r in token["other_readings"]] == ["hái", "Huán"]  # the name last


def test_hai_when_still() -> None:
    token = _token("他还没来", "还")
    assert token["pinyin"] == "hái"
    assert token["glosses"][0] == "still" and "to pay back" not in token["glosses"]
    huan = next(r for r in token["other_readings"] if r["pinyin"] == "huán")
    assert huan["glosses"] == ["to pay back", "to return"]


def test_sentences_read_together_read_as_each_alone() -> None:
    # A text's sentences go through the reading model as one padded batch: padding must not
    # reach any sentence's states, in either direction.
    model = get_segmenter().reading_model
    requests = [("他还了我一本书。", [1]), ("长", [0]), ("银行的行长还没来，我们走吧", [2, 3, 5])]
    together = model.readings_of_many(requests)
    assert together == [model.readings(text, positions) for text, positions in requests]
    assert [len(found) for found in together] == [1, 1, 3]


def test_a_paragraph_reads_each_sentence_in_its_own_context() -> None:
    alone = [_token(text, "还")["pinyin"] for text in ("他还了我一本书。", "他还没来。")]
    paragraph = _tokens("他还了我一本书。他还没来。")
    assert [t["pinyin"] for t in paragraph if t["text"] == "还"] == alone == ["huán", "hái"]


@pytest.mark.parametrize(
    ("text", "word", "first"), [("我和你", "和", "and"), ("我也去", "也", "also")]
)
def test_first_sense_is_a_real_one(text: str, word: str, first: str) -> None:
    glosses = _token(text, word)["glosses"]
    assert first in glosses[0]
    assert not is_secondary(glosses[0])
    assert not any(g.startswith("surname") for g in glosses)  # 和 He2 / 也 Ye3 are other readings


def test_a_word_without_an_entry_is_explained_by_its_parts() -> None:
    token = _token("一个", "一个")
    assert token["glosses"] == []
    assert [p["text"] for p in token["parts"]] == ["一", "个"]
    assert all(p["glosses"] for p in token["parts"])
    assert token["pinyin"] == " ".join(p["pinyin"] for p in token["parts"])
    cadres = _token("领导干部", "领导干部")
    assert [p["text"] for p in cadres["parts"]] == ["领导", "干部"]
    assert _token("我喜欢", "喜欢")["parts"] == []  # a headword has no parts


def test_classifiers_leave_the_glosses() -> None:
    token = _token("电脑", "电脑")
    assert "台 tái" in token["classifiers"]  # CC-CEDICT: CL:臺|台[tai2]
    assert not any(g.startswith("CL:") for g in token["glosses"])
    assert token["glosses"] == ["computer"]


def test_traditional_text_is_read_through_simplified() -> None:
    text = "我覺得這個電腦很貴"
    response = client.post("/segment", json={"text": text})
    assert response.status_code == 200
    body = response.json()
    assert body["summary"]["script"] == "traditional"
    felt = next(t for t in body["tokens"] if t["text"] == "覺得")  # one token, not 覺 + 得
    assert (felt["start"], felt["end"]) == (1, 3)
    assert felt["simplified"] == "觉得" and felt["traditional"] == "覺得"
    assert felt["hsk_level"] == 1 and felt["pinyin"] == "jué de" and felt["glosses"]
    assert "".join(t["text"] for t in body["tokens"]) == text
    simple = _token("我觉得", "觉得", script="simplified")
    assert simple["traditional"] == "覺得"


@pytest.mark.parametrize(
    ("text", "word", "pinyin", "traditional"),
    [
        ("我有一只猫", "只", "zhī", "隻"),  # a measure word after a number; OpenCC: 只
        ("他只有一个", "只有", "zhǐ yǒu", "只有"),
        ("你在干什么", "干什么", "gàn shén me", "幹什麼"),  # OpenCC writes 幹 for every 干
        ("我们都很干净", "干净", "gān jìng", "乾淨"),
        ("她的头发很长", "头发", "tóu fa", "頭髮"),  # not 頭發
    ],
)
def test_the_traditional_form_follows_the_reading(
    text: str, word: str, pinyin: str, traditional: str
) -> None:
    token = _token(text, word)
    assert (token["pinyin"], token["traditional"]) == (pinyin, traditional)


def test_segment_never_loads_opencc_s2t_phrase_table(monkeypatch: pytest.MonkeyPatch) -> None:
    # ~23 MB resident once loaded: /segment reads traditional forms from the lexicon.
    configs: list[str] = []
    real = chinese_script._converter

    def recording(config: str) -> OpenCC:
        configs.append(config)
        return real(config)

    monkeypatch.setattr(chinese_script, "_converter", recording)
    assert _token("我觉得这个电脑很贵", "电脑")["traditional"] == "電腦"
    assert _token("我覺得這個電腦很貴", "電腦")["simplified"] == "电脑"
    assert configs and "s2t" not in configs


def test_zhuyin_only_when_asked() -> None:
    assert _token("我喜欢你", "喜欢", zhuyin=True)["zhuyin"] == "ㄒㄧˇ ㄏㄨㄢ˙"
    assert _token("我喜欢你", "喜欢")["zhuyin"] is None


def test_non_chinese_tokens_keep_the_defaults() -> None:
    token = _token("我用iPhone", "iPhone", zhuyin=True)
    assert token["pinyin"] is None and token["simplified"] is None and token["zhuyin"] is None
    assert token["glosses"] == token["classifiers"] == token["parts"] == []


def test_zhuyin_agrees_with_pypinyin() -> None:
    from pypinyin.pinyin_dict import pinyin_dict
    from pypinyin.style.bopomofo import BopomofoConverter

    converter = BopomofoConverter()
    checked = 0
    for choices in pinyin_dict.values():
        for syllable in choices.split(","):
            if not set(syllable) - set("ḿńňǹm̀ngêếềê̄ê̌hmr") or "ê" in syllable:
                continue  # interjections (m, n, ng, ê): spelt differently by both
            expected = converter.to_bopomofo(syllable)
            if expected.startswith("˙"):  # pypinyin puts the neutral tone first
                expected = expected[1:] + "˙"
            assert to_zhuyin(syllable) == expected, syllable
            checked += 1
    assert checked > 40000


@pytest.mark.parametrize(
    ("numbered", "marked"),
    [("huan2", "huán"), ("Huan2", "Huán"), ("nu:3", "nǚ"), ("lv4", "lǜ"), ("r5", "r"),
     ("gou3", "gǒu"), ("shui3", "shuǐ"), ("liu2", "liú"), ("xi3 huan5", "xǐ huan")],
)  # fmt: skip
def test_numbered_pinyin_to_tone_marks_and_back(numbered: str, marked: str) -> None:
    assert " ".join(to_marked(s) for s in numbered.split()) == marked
    assert marked_to_numbered(marked) == numbered.replace("lv", "lu:")


@pytest.mark.parametrize(
    "body",
    [
        b'{"text": "\\ud800abc"}',
        b'{"text": "abc\\udfff"}',
        b'{"text": ["ok", "\\udc00"]}',
    ],
)
def test_a_lone_surrogate_is_refused_everywhere(body: bytes) -> None:
    for path in ("/segment", "/translate"):
        if path == "/segment" and body.startswith(b'{"text": ['):
            continue
        response = client.post(path, content=body, headers={"content-type": "application/json"})
        assert response.status_code == 422, (path, response.text)
        assert "surrogate" in response.json()["detail"]


@pytest.mark.parametrize(("given", "kept"), [(None, "1"), ("2", "2")])
def test_the_reading_model_keeps_openblas_to_one_thread(given: str | None, kept: str) -> None:
    # Checked in a fresh process: OpenBLAS reads the setting only when numpy first loads it.
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    if given is not None:
        env["OPENBLAS_NUM_THREADS"] = given  # an operator's own setting wins
    code = (
        "import os, sys; from service.annotation.readings import ReadingModel; ReadingModel(); "
        "print(os.environ['OPENBLAS_NUM_THREADS'], len(os.listdir('/proc/self/task')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out[0] == kept
    assert int(out[1]) == int(kept)  # the main thread, plus OpenBLAS's workers if any
