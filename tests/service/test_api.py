"""The HTTP contract of /translate, /health and the error handling, through the real app."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.main import app

Configure = Callable[..., None]
client = TestClient(app)


@pytest.fixture
def with_models(configure: Configure, tiny_models: dict[str, Path]) -> Configure:
    configure(
        translate_model_zh_en=str(tiny_models["zh-en"]),
        translate_model_en_zh=str(tiny_models["en-zh"]),
    )
    return configure


def _no_trace(text: str) -> None:
    assert "Traceback" not in text and 'File "' not in text


def test_translate_both_directions_with_a_local_model(with_models: Configure) -> None:
    response = client.post("/translate", json={"text": ["我喜欢学习中文。", "i like tea."]})
    assert response.status_code == 200, response.text
    body = response.json()
    assert len(body["translations"]) == 2 and all(body["translations"])
    assert body["source"] == "auto" and body["target"] is None  # a mixed list
    assert "zh-en" in body["model"] and "en-zh" in body["model"]
    timing = response.headers["server-timing"]
    assert "translate-zh-en;dur=" in timing and "total;dur=" in timing


def test_single_direction_names_source_target_and_model(
    with_models: Configure, tiny_models: dict[str, Path]
) -> None:
    body = client.post("/translate", json={"text": "今天天气很好。", "source": "zh"}).json()
    assert (body["source"], body["target"], body["model"]) == (
        "zh",
        "en",
        str(tiny_models["zh-en"]),
    )


@pytest.mark.parametrize(
    ("payload", "status", "phrase"),
    [
        ({"text": ""}, 422, "empty"),
        ({"text": "   \n"}, 422, "empty"),
        ({"text": []}, 422, "must not be empty"),
        ({"text": "你好" * 3000}, 413, "limit is 5000"),
        ({"text": ["你好"] * 40}, 422, "at most 32"),
        ({"text": "你好", "target": "zh"}, 422, "Unsupported language pair"),
        ({"text": "hello", "source": "zh"}, 422, "looks like English"),
        ({"text": "1234 !!"}, 422, "Cannot tell the language"),
        ({"text": "你好", "source": "fr"}, 422, "source"),
        ({"txt": "你好"}, 422, "Unknown field 'txt'"),
        ({"text": 5}, 422, "text"),
    ],
)
def test_bad_translate_input_gets_a_clear_4xx(
    with_models: Configure, payload: object, status: int, phrase: str
) -> None:
    response = client.post("/translate", json=payload)
    assert response.status_code == status, response.text
    assert phrase in response.json()["detail"]
    _no_trace(response.text)


@pytest.mark.parametrize("path", ["/translate", "/segment"])
def test_malformed_json_and_wrong_content_type(path: str) -> None:
    broken = client.post(path, content=b'{"text": ', headers={"content-type": "application/json"})
    assert broken.status_code == 422 and "not valid JSON" in broken.json()["detail"]
    plain = client.post(path, content=b"hello", headers={"content-type": "text/plain"})
    assert 400 <= plain.status_code < 500
    assert "JSON object" in plain.json()["detail"]


def test_oversized_body_is_refused_before_parsing() -> None:
    response = client.post(
        "/segment", content=b"x" * 300_000, headers={"content-type": "application/json"}
    )
    assert response.status_code == 413 and "larger than" in response.json()["detail"]


def test_missing_model_is_503_with_retry_after_and_segment_keeps_working(
    configure: Configure, tiny_models: dict[str, Path], tmp_path: Path
) -> None:
    late = tmp_path / "not-yet"
    configure(translate_model_zh_en=str(late))
    response = client.post("/translate", json={"text": "你好。"})
    assert response.status_code == 503
    assert response.headers["retry-after"] == "30"
    detail = response.json()["detail"]
    assert str(late) in detail and "TRANSLATE_MODEL_ZH_EN" in detail
    assert client.post("/segment", json={"text": "你好"}).status_code == 200
    health = client.get("/health").json()
    assert health["models"][0] == {
        "direction": "zh-en", "model": str(late), "engine": "ctranslate2", "compute_type": "int8",
        "loaded": False, "error": "directory not found",
    }  # fmt: skip

    late.symlink_to(tiny_models["zh-en"], target_is_directory=True)
    assert client.post("/translate", json={"text": "你好。"}).status_code == 200
    assert client.get("/health").json()["models"][0]["loaded"] is True


def test_offline_hub_model_is_503_naming_the_setting(configure: Configure) -> None:
    configure(translate_model_en_zh="Helsinki-NLP/opus-mt-en-zh")  # HF_HUB_OFFLINE=1 in tests
    response = client.post("/translate", json={"text": "Where is the bank?"})
    assert response.status_code == 503
    assert "Helsinki-NLP/opus-mt-en-zh" in response.json()["detail"]
    assert "TRANSLATE_MODEL_EN_ZH" in response.json()["detail"]


def test_broken_model_directory_is_503_with_the_reason(
    configure: Configure, tiny_models: dict[str, Path], tmp_path: Path
) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    for item in tiny_models["zh-en"].iterdir():
        if item.name != "source.spm":
            (broken / item.name).write_bytes(item.read_bytes())
    configure(translate_model_zh_en=str(broken))
    response = client.post("/translate", json={"text": "你好。"})
    assert response.status_code == 503 and "missing source.spm" in response.json()["detail"]

    (broken / "source.spm").write_bytes(b"")
    weights = broken / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[:1000])  # truncated
    response = client.post("/translate", json={"text": "你好。"})
    assert response.status_code == 503 and "cannot load" in response.json()["detail"]
    _no_trace(response.text)


def test_health_lists_versions_and_models(with_models: Configure) -> None:
    body = client.get("/health").json()
    assert body["status"] == "ok"
    assert {"fastapi", "jiagu", "ctranslate2", "transformers"} <= body["versions"].keys()
    assert [m["direction"] for m in body["models"]] == ["zh-en", "en-zh"]
    # The lossy default is visible, not silent; the reference engine is always float32.
    assert {(m["engine"], m["compute_type"]) for m in body["models"]} == {("ctranslate2", "int8")}
    with_models(translate_engine="transformers")
    body = client.get("/health").json()
    assert {m["compute_type"] for m in body["models"]} == {"float32"}


def test_api_keys_guard_everything_but_health_and_docs(with_models: Configure) -> None:
    with_models(api_keys="k1, k2")
    assert client.post("/segment", json={"text": "你好"}).status_code == 401
    wrong = client.post("/segment", json={"text": "你好"}, headers={"X-API-Key": "nope"})
    assert wrong.status_code == 401 and "X-API-Key" in wrong.json()["detail"]
    ok = client.post("/segment", json={"text": "你好"}, headers={"X-API-Key": "k2"})
    assert ok.status_code == 200
    assert client.post("/translate", json={"text": "你好"}).status_code == 401
    for path in ("/health", "/docs", "/openapi.json"):
        assert client.get(path).status_code == 200


def test_openapi_declares_models_examples_errors_and_the_key() -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/translate", "/segment"):
        operation = spec["paths"][path]["post"]
        assert {"200", "401", "413", "422", "500"} <= operation["responses"].keys()
        assert operation["security"] == [{"APIKeyHeader": []}]
    assert "503" in spec["paths"]["/translate"]["post"]["responses"]
    schemas = spec["components"]["schemas"]
    for name in ("TranslateRequest", "TranslateResponse", "SegmentRequest", "SegmentResponse"):
        assert schemas[name].get("examples"), name
    assert spec["components"]["securitySchemes"]["APIKeyHeader"]["name"] == "X-API-Key"


def test_chinese_with_latin_words_is_chinese_and_script_is_checked(with_models: Configure) -> None:
    for text in ("我用iPhone", "请用 Python 写", "iPhone 15 Pro 发布了"):
        response = client.post("/translate", json={"text": text, "source": "zh"})
        assert response.status_code == 200, response.text
        assert client.post("/translate", json={"text": text}).json()["source"] == "zh"
    english = client.post(
        "/translate", json={"text": "I like 饺子 very much", "script": "traditional"}
    )
    assert (english.status_code, english.json()["target"]) == (200, "zh")
    wrong = client.post("/translate", json={"text": "hello", "script": "cyrillic"})
    assert wrong.status_code == 422 and "script" in wrong.json()["detail"]


def test_a_lone_surrogate_is_refused_with_422(with_models: Configure) -> None:
    for body in (b'{"text": "\\ud800abc"}', b'{"text": ["ok", "\\udfff\\u4f60"]}'):
        response = client.post(
            "/translate", content=body, headers={"content-type": "application/json"}
        )
        assert response.status_code == 422, response.text
        assert "lone surrogate" in response.json()["detail"]


def test_translate_says_the_script_of_its_source(with_models: Configure) -> None:
    body = client.post("/translate", json={"text": "我覺得這個電腦很貴。"}).json()
    assert body["source_script"] == "traditional"
    same = client.post("/translate", json={"text": "我觉得这个电脑很贵。"}).json()
    assert same["translations"] == body["translations"]
    assert same["source_script"] == "simplified"
    english = client.post("/translate", json={"text": "I like tea."}).json()
    assert english["source_script"] is None
