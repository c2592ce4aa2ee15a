"""Everywhere: a selection inside an iframe and inside a text field gets the button and the
tooltip; a fresh install opens the welcome page, whose Test button checks the API."""

from __future__ import annotations

from playwright.sync_api import BrowserContext, Page, expect

from tests.extension import expected
from tests.extension.browser import TOOLTIP, TRIGGER, open_tooltip
from tests.extension.sample import FIELD_CHINESE, FRAME_CHINESE

SELECT_FIELD = """
() => {
  const field = document.querySelector("#field");
  field.focus();
  field.setSelectionRange(0, field.value.length);
  field.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
  const root = document.querySelector("hanzi-lambda-root")?.shadowRoot;
  const trigger = root?.querySelector(".hl-trigger");
  return Boolean(trigger) && !trigger.hidden;
}
"""


def test_a_selection_in_an_iframe(page: Page, api_url: str) -> None:
    tokens = expected.chinese_tokens(expected.segment(api_url, FRAME_CHINESE))
    frame = page.frame_locator("#frame")
    expect(frame.locator("#framed")).to_have_text(FRAME_CHINESE)
    inner = next(f for f in page.frames if f.url.endswith("/frame.html"))
    open_tooltip(inner, "#framed")
    words = inner.locator(f"{TOOLTIP} .hl-word")
    expect(words).to_have_count(len(tokens))
    assert [w["word"] for w in expected.shown_words(words)] == [t["text"] for t in tokens]


def test_a_selection_in_a_text_field(page: Page, api_url: str) -> None:
    tokens = expected.chinese_tokens(expected.segment(api_url, FIELD_CHINESE))
    page.wait_for_function(SELECT_FIELD, polling=100)
    page.locator(TRIGGER).click()
    words = page.locator(f"{TOOLTIP} .hl-word")
    expect(words).to_have_count(len(tokens))
    assert [w["word"] for w in expected.shown_words(words)] == [t["text"] for t in tokens]


def test_install_opens_the_welcome_page_and_its_test_button_works(
    context: BrowserContext, api_url: str
) -> None:
    welcome = next((p for p in context.pages if p.url.endswith("/welcome.html")), None)
    if welcome is None:
        welcome = context.wait_for_event("page", lambda p: p.url.endswith("/welcome.html"))
    expect(welcome.locator('body[data-ready="true"]')).to_be_attached()
    expect(welcome.locator("main")).to_contain_text("make serve")
    expect(welcome.locator("main")).to_contain_text("pulumi stack output apiUrl")
    welcome.get_by_label("API base URL").fill(api_url)
    welcome.get_by_role("button", name="Test").click()
    expect(welcome.locator("#status")).to_contain_text("Connected. Models: zh-en")
