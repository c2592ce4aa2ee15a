"""The LibreTranslate-compatible API through the real app: bodies, codes, HTML, errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

import pytest
from fastapi.testclient import TestClient

from service.main import app
from service.translation.libretranslate import parse_code
from service.translation.loop_guard import has_loop

Configure = Callable[..., None]
client = TestClient(app)
BASE = "/libretranslate"


@pytest.fixture
def with_models(configure: Configure, tiny_models: dict[str, Path]) -> Configure:
    configure(
        translate_model_zh_en=str(tiny_models["zh-en"]),
        translate_model_en_zh=str(tiny_models["en-zh"]),
    )
    return configure


class _Answer(Protocol):
    @property
    def status_code(self) -> int: ...
    @property
    def text(self) -> str: ...
    def json(self) -> Any: ...


def _error(response: _Answer, status: int) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert list(body) == ["error"] and body["error"].strip()
    assert "Traceback" not in response.text and 'File "' not in response.text
    return str(body["error"])


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("zh", "zh-Hans"),
        ("ZH-cn", "zh-Hans"),
        ("zh_CN", "zh-Hans"),
        ("zh-Hans", "zh-Hans"),
        ("zt", "zh-Hant"),
        ("zh-TW", "zh-Hant"),
        ("ZH-HANT", "zh-Hant"),
        ("EN", "en"),
    ],
)
def test_codes_are_read_in_any_case(code: str, expected: str) -> None:
    assert parse_code(code) == expected


def test_json_and_form_give_the_same_answer(with_models: Configure) -> None:
    fields = {"q": "我喜欢学习中文。", "source": "zh", "target": "en"}
    as_json = client.post(f"{BASE}/translate", json=fields)
    as_form = client.post(f"{BASE}/translate", data=fields)
    assert as_json.status_code == 200, as_json.text
    assert as_json.json() == as_form.json()
    assert set(as_json.json()) == {"translatedText"}  # no detectedLanguage without auto


def test_a_list_is_answered_with_a_list_and_auto_says_what_it_detected(
    with_models: Configure,
) -> None:
    q = ["我喜欢学习中文。", "Where is the bank?", "我覺得這個電腦很貴。", "1234"]
    body = client.post(f"{BASE}/translate", json={"q": q, "source": "auto", "target": "zh-Hans"})
    assert body.status_code == 200, body.text
    answer = body.json()
    assert len(answer["translatedText"]) == 4
    detected = [d["language"] for d in answer["detectedLanguage"]]
    assert detected == ["zh-Hans", "en", "zh-Hant", "en"]
    assert answer["detectedLanguage"][3]["confidence"] == 0  # nothing to translate
    assert answer["translatedText"][0] == q[0]  # already the target language
    assert answer["translatedText"][2] == "我觉得这个电脑很贵。"  # a script conversion
    assert answer["translatedText"][3] == "1234"  # returned as it is
    single = client.post(f"{BASE}/translate", json={"q": q[1], "source": "auto", "target": "zh"})
    assert single.json()["detectedLanguage"] == {"confidence": 100.0, "language": "en"}


def test_html_keeps_the_markup(with_models: Configure) -> None:
    html = (
        '<p class="lead" data-x="1">我喜欢<b>学习</b>中文。<br>'
        '<a href="/x?a=1&amp;b=2" title="中文">你好</a> <code>print("中文")</code>'
        "<!-- 注释 --><script>var s = '中文';</script></p>"
    )
    fields = {"q": html, "source": "zh", "target": "en", "format": "html"}
    answer = client.post(f"{BASE}/translate", json=fields)
    assert answer.status_code == 200, answer.text
    out = answer.json()["translatedText"]
    for kept in (
        '<p class="lead" data-x="1">',
        "<b>",
        "</b>",
        "<br>",
        '<a href="/x?a=1&amp;b=2" title="中文">',
        '<code>print("中文")</code>',
        "<!-- 注释 -->",
        "<script>var s = '中文';</script>",
    ):
        assert kept in out
    texts = client.post(
        f"{BASE}/translate", json={"q": ["我喜欢", "学习", "你好"], "source": "zh", "target": "en"}
    ).json()["translatedText"]
    assert all(text in out for text in texts)  # each text node translated on its own


def test_html_between_scripts(with_models: Configure) -> None:
    fields = {"q": "<i>这个</i>电脑", "source": "zh-Hans", "target": "zh-Hant", "format": "html"}
    answer = client.post(f"{BASE}/translate", data=fields)
    assert answer.json() == {"translatedText": "<i>這個</i>電腦"}


@pytest.mark.parametrize(
    ("fields", "phrase"),
    [
        ({"source": "zh", "target": "en"}, "'q' is required"),
        ({"q": "你好", "target": "en"}, "'source' is required"),
        ({"q": "你好", "source": "zh", "target": "de"}, "de is not supported"),
        ({"q": "你好", "source": "zh", "target": "zh-CN"}, "same language"),
        ({"q": "你好", "source": "zh", "target": "en", "format": "xml"}, "'format'"),
        ({"q": "你好" * 3000, "source": "zh", "target": "en"}, "limit is 5000"),
        ({"q": ["你好"] * 40, "source": "zh", "target": "en"}, "at most 32"),
        ({"q": "Where is the bank?", "source": "zh", "target": "en"}, "looks like English"),
        ({"q": "你好", "source": "zh", "target": "en", "alternatives": "x"}, "'alternatives'"),
    ],
)
def test_bad_input_is_a_400_sentence(
    with_models: Configure, fields: dict[str, object], phrase: str
) -> None:
    assert phrase in _error(client.post(f"{BASE}/translate", json=fields), 400)


@pytest.mark.parametrize(
    ("content", "content_type", "phrase"),
    [
        (b"{not json", "application/json", "Invalid JSON"),
        (b'["a list"]', "application/json", "JSON object"),
        (b'{"q": "\\ud800", "source": "zh", "target": "en"}', "application/json", "surrogate"),
        (b"--x\r\n", "multipart/form-data; boundary=x", "x-www-form-urlencoded"),
    ],
)
def test_unreadable_bodies_are_a_400_sentence(
    with_models: Configure, content: bytes, content_type: str, phrase: str
) -> None:
    response = client.post(
        f"{BASE}/translate", content=content, headers={"content-type": content_type}
    )
    assert phrase in _error(response, 400)


def test_keys_in_the_body_or_the_header(configure: Configure, tiny_models: dict[str, Path]) -> None:
    configure(
        translate_model_zh_en=str(tiny_models["zh-en"]),
        translate_model_en_zh=str(tiny_models["en-zh"]),
        api_keys="alpha,beta",
    )
    fields = {"q": "你好", "source": "zh", "target": "en"}
    assert "Missing API key" in _error(client.post(f"{BASE}/translate", json=fields), 403)
    wrong = {**fields, "api_key": "gamma"}
    assert "Invalid API key" in _error(client.post(f"{BASE}/translate", data=wrong), 403)
    assert client.post(f"{BASE}/translate", json={**fields, "api_key": "beta"}).status_code == 200
    header = client.post(f"{BASE}/translate", json=fields, headers={"X-API-Key": "alpha"})
    assert header.status_code == 200
    assert "Missing API key" in _error(client.post(f"{BASE}/detect", data={"q": "你好"}), 403)
    assert client.get(f"{BASE}/languages").status_code == 200  # public, as in LibreTranslate


def test_a_missing_model_is_a_503_with_retry_after(
    configure: Configure, tmp_path: Path, tiny_models: dict[str, Path]
) -> None:
    configure(
        translate_model_zh_en=str(tmp_path / "absent"),
        translate_model_en_zh=str(tiny_models["en-zh"]),
    )
    response = client.post(f"{BASE}/translate", json={"q": "你好", "source": "zh", "target": "en"})
    assert "TRANSLATE_MODEL_ZH_EN" in _error(response, 503)
    assert response.headers["retry-after"]


def test_no_loop_reaches_a_libretranslate_client(with_models: Configure) -> None:
    q = ["我喜欢学习中文。", "今天天气很好。", "Where is the bank?", "I like tea."]
    answer = client.post(f"{BASE}/translate", json={"q": q, "source": "auto", "target": "en"})
    assert not any(has_loop(t, s) for t, s in zip(answer.json()["translatedText"], q, strict=True))


def test_the_routes_are_in_the_openapi_document() -> None:
    paths = client.get("/openapi.json").json()["paths"]
    translate = paths[f"{BASE}/translate"]["post"]
    assert set(translate["requestBody"]["content"]) == {
        "application/json",
        "application/x-www-form-urlencoded",
    }
    assert {"400", "403", "503"} <= set(translate["responses"])
    assert f"{BASE}/languages" in paths and f"{BASE}/detect" in paths
