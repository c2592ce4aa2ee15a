"""The word list: Save in the word panel stores the entry's fields in chrome.storage.local
(once), wordlist.html lists, searches and deletes, and Export downloads an Anki file."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import BrowserContext, Page, expect

from tests.extension import expected
from tests.extension.browser import (
    extension_page,
    open_tooltip,
    pin_word,
    set_settings,
    stored,
)
from tests.extension.sample import CHINESE

FIRST_SENTENCE, SECOND_SENTENCE = "我喜欢学习中文。", "今天天气很好，我们去学校。"


def save_word(page: Page, text: str) -> None:
    detail = pin_word(page, text)
    save = detail.get_by_role("button", name=f"Save {text}")
    expect(save).to_have_attribute("aria-pressed", "false")
    save.click()
    expect(save).to_have_attribute("aria-pressed", "true")
    expect(save).to_have_text("★ Saved")


def test_save_stores_the_entry_once_with_its_sentence_and_translation(
    page: Page, api_url: str, context: BrowserContext
) -> None:
    tokens = expected.chinese_tokens(expected.segment(api_url, CHINESE))
    word = next(t for t in tokens if t["text"] == "喜欢")
    # The selection holds two sentences: the entry keeps the word's own sentence and that
    # sentence's translation, asked from the service.
    sentence_translation = expected.translate(api_url, FIRST_SENTENCE, "zh", "en")
    open_tooltip(page, "#zh")
    save_word(page, "喜欢")
    page.get_by_role("button", name="Save 喜欢").click()  # pressed: a second save adds nothing

    storage = extension_page(context, "popup.html")
    entries = stored(storage, "wordList")
    assert len(entries) == 1
    entry = entries[0]
    assert set(entry) == {
        *("text", "pinyin", "glosses", "hsk_level"),
        *("sentence", "translation", "url", "title", "added"),
    }
    assert entry["text"] == "喜欢"
    assert entry["pinyin"] == word["pinyin"]
    assert entry["glosses"] == word["glosses"]
    assert entry["hsk_level"] == word["hsk_level"]
    assert entry["sentence"] == FIRST_SENTENCE
    assert entry["translation"] == sentence_translation
    assert entry["url"] == page.url
    assert entry["title"] == "Extension test page"
    assert entry["added"].endswith("Z") and entry["added"][:4].isdigit()

    # Opening the tooltip again shows the word as saved.
    page.keyboard.press("Escape")
    open_tooltip(page, "#zh")
    detail = pin_word(page, "喜欢")
    expect(detail.get_by_role("button", name="Save 喜欢")).to_have_attribute("aria-pressed", "true")


def test_a_full_storage_says_so_and_keeps_the_list(page: Page, context: BrowserContext) -> None:
    storage = extension_page(context, "popup.html")
    # Fill chrome.storage.local up to its 10 MB quota (less a little).
    storage.evaluate(
        "() => chrome.storage.local.set("
        "{filler: 'x'.repeat(chrome.storage.local.QUOTA_BYTES - 300)})"
    )
    open_tooltip(page, "#zh")
    detail = pin_word(page, "喜欢")
    detail.get_by_role("button", name="Save 喜欢").click()
    expect(detail.locator(".hl-note")).to_contain_text("The word list is full")
    expect(detail.get_by_role("button", name="Save 喜欢")).to_have_attribute(
        "aria-pressed", "false"
    )
    assert stored(storage, "wordList") is None


def test_word_list_page_lists_searches_deletes_and_exports(
    page: Page, api_url: str, context: BrowserContext, tmp_path: Path
) -> None:
    tokens = {t["text"]: t for t in expected.chinese_tokens(expected.segment(api_url, CHINESE))}
    set_settings(context, apiBaseUrl=api_url)
    open_tooltip(page, "#zh")
    save_word(page, "喜欢")
    save_word(page, "学校")

    words = extension_page(context, "wordlist.html")
    expect(words.locator('body[data-ready="true"]')).to_be_attached()
    rows = words.locator("#words tbody tr")
    expect(rows).to_have_count(2)
    expect(words.locator("#count")).to_have_text("2 words")
    expect(rows.first).to_have_attribute("data-word", "学校")  # newest first
    expect(words.locator('tr[data-word="喜欢"] mark')).to_have_text("喜欢")

    words.locator("#search").fill(tokens["学校"]["glosses"][0])
    expect(rows).to_have_count(1)
    expect(words.locator("#count")).to_have_text("1 of 2 words")
    words.locator("#search").fill("")

    with words.expect_download() as download_info:
        words.get_by_role("button", name="Export").click()
    download = download_info.value
    assert download.suggested_filename == "hanzi-lambda-words.txt"
    target = tmp_path / "export.txt"
    download.save_as(target)
    lines = target.read_text(encoding="utf-8").split("\n")
    assert lines[:3] == [
        "#separator:tab",
        "#html:true",
        "#columns:Word\tPinyin\tMeaning\tHSK\tSentence\tTranslation\tSource",
    ]
    notes = [line.split("\t") for line in lines[3:] if line]
    assert [note[0] for note in notes] == ["喜欢", "学校"]
    like = tokens["喜欢"]
    assert notes[0][1] == like["pinyin"]
    assert notes[0][2] == "; ".join(like["glosses"])
    assert notes[0][3] == str(like["hsk_level"])
    assert notes[0][4] == "我<b>喜欢</b>学习中文。"
    assert notes[1][4] == "今天天气很好，我们去<b>学校</b>。"
    assert notes[0][6] == f'<a href="{page.url}">Extension test page</a>'
    assert all(len(note) == 7 for note in notes)

    words.get_by_role("button", name="Delete 喜欢").click()
    expect(rows).to_have_count(1)
    assert [entry["text"] for entry in stored(words, "wordList")] == ["学校"]


def test_popup_links_to_the_word_list(context: BrowserContext) -> None:
    popup = extension_page(context, "popup.html")
    expect(popup.get_by_role("link", name="Word list")).to_have_attribute("href", "wordlist.html")
