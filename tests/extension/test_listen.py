"""Listen: the service worker speaks through chrome.tts with lang zh-CN, observed in the
worker itself; without a Chinese voice the word panel says so."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import BrowserContext, Page, expect

from tests.extension.browser import TOOLTIP, open_tooltip, pin_word
from tests.extension.sample import CHINESE

# Records chrome.tts.speak's calls in the worker and reports the voices given.
PATCH_TTS = """
(voices) => {
  self.spoken = [];
  chrome.tts.getVoices = (callback) => { callback?.(voices); return Promise.resolve(voices); };
  chrome.tts.speak = (text, options) => { self.spoken.push({ text, options }); };
}
"""


def patch_tts(context: BrowserContext, voices: list[dict[str, str]]) -> None:
    context.service_workers[0].evaluate(PATCH_TTS, voices)


def spoken(context: BrowserContext) -> list[dict[str, Any]]:
    calls: list[dict[str, Any]] = context.service_workers[0].evaluate("() => self.spoken")
    return calls


def test_listen_speaks_the_word_and_the_sentence_in_chinese(
    page: Page, context: BrowserContext
) -> None:
    patch_tts(context, [{"voiceName": "Test Mandarin", "lang": "zh-CN"}])
    open_tooltip(page, "#zh")
    detail = pin_word(page, "喜欢")
    detail.get_by_role("button", name="Listen to 喜欢").click()
    assert len(wait_for_calls(page, context, 1)) == 1
    page.locator(TOOLTIP).get_by_role("button", name="Listen to the sentence").click()
    calls = wait_for_calls(page, context, 2)
    assert calls[0]["text"] == "喜欢"
    assert calls[0]["options"]["lang"] == "zh-CN"
    assert calls[1]["text"] == CHINESE
    assert calls[1]["options"]["lang"] == "zh-CN"
    expect(detail.locator(".hl-note")).to_be_hidden()


def test_no_chinese_voice_is_said_clearly(page: Page, context: BrowserContext) -> None:
    patch_tts(context, [{"voiceName": "English", "lang": "en-US"}])
    open_tooltip(page, "#zh")
    detail = pin_word(page, "喜欢")
    detail.get_by_role("button", name="Listen to 喜欢").click()
    expect(detail.locator(".hl-note")).to_contain_text("No Chinese voice")
    expect(detail.locator(".hl-note")).to_contain_text("zh-CN")
    assert spoken(context) == []


def wait_for_calls(page: Page, context: BrowserContext, count: int) -> list[dict[str, Any]]:
    """The calls once there are `count` of them (speaking is asynchronous: page -> worker)."""
    for _ in range(200):
        calls = spoken(context)
        if len(calls) >= count:
            return calls
        page.wait_for_timeout(100)
    return spoken(context)
