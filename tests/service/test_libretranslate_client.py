"""The real LibreTranslate client from PyPI (`libretranslatepy`) against the running service.

The client's base URL is `<service>/libretranslate/`, as a deployed stack's would be
`<apiUrl>/libretranslate/`. It sends form-encoded bodies (`api_key` among the fields), as many
LibreTranslate clients do.
"""

from __future__ import annotations

import json
import urllib.error
from collections.abc import Iterator
from pathlib import Path

import pytest
from libretranslatepy import LibreTranslateAPI

from service.translation.loop_guard import has_loop
from tests.support.server import running_service

KEYS = "first-key,second-key"


def _env(models: dict[str, Path], root: Path, api_keys: str) -> dict[str, str]:
    return {
        "TRANSLATE_MODEL_ZH_EN": str(models["zh-en"]),
        "TRANSLATE_MODEL_EN_ZH": str(models["en-zh"]),
        "HF_HUB_OFFLINE": "1",
        "HF_HOME": str(root / "hf"),
        "DATA_CACHE_DIR": str(root / "data"),
        "TRANSLATE_DEADLINE_S": "300",  # the first call converts the model
        "API_KEYS": api_keys,
    }


@pytest.fixture(scope="module", params=["", KEYS], ids=["open", "with-keys"])
def service(
    request: pytest.FixtureRequest,
    tiny_models: dict[str, Path],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[str, str]]:
    api_keys: str = request.param
    root = tmp_path_factory.mktemp("libre")
    with running_service(_env(tiny_models, root, api_keys)) as url:
        yield f"{url}/libretranslate/", api_keys


def _client(service: tuple[str, str]) -> LibreTranslateAPI:
    url, keys = service
    return LibreTranslateAPI(url, api_key=keys.split(",")[1] if keys else None)


def test_languages(service: tuple[str, str]) -> None:
    languages = _client(service).languages()
    assert [language["code"] for language in languages] == ["en", "zh-Hans", "zh-Hant"]
    by_code = {language["code"]: language for language in languages}
    assert by_code["en"]["targets"] == ["zh-Hans", "zh-Hant"]
    assert by_code["zh-Hant"]["targets"] == ["en", "zh-Hans"]
    assert all(language["name"] for language in languages)


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("我喜欢学习中文。", "zh", "en"),
        ("我覺得這個電腦很貴。", "zt", "en"),
        ("Where is the bank?", "en", "zh-Hans"),
        ("Where is the bank?", "en", "zh-TW"),
        ("今天天气很好。", "auto", "en"),
    ],
)
def test_translate(service: tuple[str, str], text: str, source: str, target: str) -> None:
    translated = _client(service).translate(text, source, target)
    assert isinstance(translated, str) and translated.strip()
    assert not has_loop(translated, text)


def test_between_the_two_scripts_is_a_conversion(service: tuple[str, str]) -> None:
    client = _client(service)
    assert client.translate("我们学习中文，你觉得怎么样？", "zh-Hans", "zh-Hant") == (
        "我們學習中文，你覺得怎麼樣？"
    )
    assert client.translate("我們學習中文", "zh-TW", "zh-CN") == "我们学习中文"


def test_detect(service: tuple[str, str]) -> None:
    client = _client(service)
    assert client.detect("你好，世界") == [{"confidence": 100.0, "language": "zh-Hans"}]
    assert client.detect("這個電腦很貴")[0]["language"] == "zh-Hant"
    assert client.detect("Where is the bank?")[0] == {"confidence": 100.0, "language": "en"}


def test_keys_are_checked_only_when_the_server_sets_them(service: tuple[str, str]) -> None:
    url, keys = service
    if not keys:  # any key, or none, is fine, as LibreTranslate without keys
        assert LibreTranslateAPI(url, api_key="any-key").translate("你好", "zh", "en")
        assert LibreTranslateAPI(url).detect("你好")[0]["language"] == "zh-Hans"
        return
    for client in (LibreTranslateAPI(url), LibreTranslateAPI(url, api_key="not-a-key")):
        with pytest.raises(urllib.error.HTTPError) as refused:
            client.translate("你好", "zh", "en")
        _assert_403(refused.value)
        with pytest.raises(urllib.error.HTTPError) as refused:
            client.detect("你好")
        _assert_403(refused.value)


def _assert_403(error: urllib.error.HTTPError) -> None:
    assert error.code == 403
    body = json.loads(error.read())
    assert set(body) == {"error"} and "API key" in body["error"]


def test_an_unsupported_language_is_a_400_sentence(service: tuple[str, str]) -> None:
    with pytest.raises(urllib.error.HTTPError) as refused:
        _client(service).translate("Hello", "en", "de")
    assert refused.value.code == 400
    body = json.loads(refused.value.read())
    assert body == {"error": body["error"]} and "de is not supported" in body["error"]
    assert "Traceback" not in body["error"]
