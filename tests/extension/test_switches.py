"""Off when unwanted, and without the mouse: the global and per-site switches (in the
popup, stored as `enabled` and `disabledSites`), the keyboard-reachable button, the
`commands` entry and the context-menu item."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import BrowserContext, Page, expect

from tests.extension import expected
from tests.extension.browser import (
    SELECT_AND_RELEASE,
    TOOLTIP,
    TRIGGER,
    extension_page,
    select_and_open_trigger,
    set_settings,
    stored,
)
from tests.extension.sample import CHINESE

# Tells the tab's content script to look up its selection, as the worker does for the
# keyboard command (no text) and the context menu (Chrome's selection text, one frame).
ASK_TAB = """
async ([url, message, frameId]) => {
  const [tab] = await chrome.tabs.query({ url });
  // Before the content script listens, Chrome rejects the message: the caller sends again.
  const target = frameId === null ? {} : { frameId };
  await chrome.tabs.sendMessage(tab.id, message, target).catch(() => null);
}
"""
# Resolves once the tab's content script answers (it loads its modules asynchronously).
WAIT_FOR_CONTENT_SCRIPT = """
async ([url]) => {
  const [tab] = await chrome.tabs.query({ url });
  for (let tries = 0; tries < 100; tries++) {
    const ask = { type: "hanzi-lambda/site" };
    const answer = await chrome.tabs.sendMessage(tab.id, ask, { frameId: 0 }).catch(() => null);
    if (answer?.hostname) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}
"""


def ask_until_shown(
    worker: Any, page: Page, message: dict[str, str], frame_id: int | None, words: int
) -> None:
    """Send the worker's message to the tab until the tooltip shows `words` words: the content
    script loads its modules asynchronously, and a message that comes first is not heard."""
    for _ in range(6):
        worker.evaluate(ASK_TAB, [page.url, message, frame_id])
        try:
            expect(page.locator(f"{TOOLTIP} .hl-word")).to_have_count(words, timeout=5_000)
            return
        except AssertionError:
            continue
    expect(page.locator(f"{TOOLTIP} .hl-word")).to_have_count(words)


def select_without_waiting(page: Page, selector: str) -> bool:
    shown: bool = page.evaluate(SELECT_AND_RELEASE, selector)
    return shown


def test_global_switch_off_offers_no_button(page: Page, context: BrowserContext) -> None:
    select_and_open_trigger(page, "#zh")  # on by default
    set_settings(context, enabled=False)
    expect(page.locator(TRIGGER)).to_be_hidden()  # hidden as soon as it is switched off
    select_without_waiting(page, "#zh")
    page.wait_for_timeout(300)
    expect(page.locator(TRIGGER)).to_be_hidden()


def test_site_switch_off_offers_no_button_there(page: Page, context: BrowserContext) -> None:
    set_settings(context, disabledSites=["127.0.0.1"])
    page.reload()
    page.wait_for_timeout(500)  # the content script loads; it must stay quiet
    select_without_waiting(page, "#zh")
    page.wait_for_timeout(300)
    expect(page.locator(TRIGGER)).to_be_hidden()
    set_settings(context, disabledSites=["example.org"])
    select_and_open_trigger(page, "#zh")


def test_popup_switches_write_the_settings(page: Page, context: BrowserContext) -> None:
    popup = extension_page(context, "popup.html")
    page.bring_to_front()
    popup.reload()  # the popup asks the active tab (the test page) for its site
    expect(popup.locator('body[data-ready="true"]')).to_be_attached()
    enabled = popup.get_by_label("Offer the button on selections")
    site = popup.get_by_label("Off on 127.0.0.1")
    expect(enabled).to_be_checked()
    expect(site).not_to_be_checked()
    expect(site).to_be_enabled()

    site.check()
    popup.wait_for_function(
        "() => chrome.storage.local.get('disabledSites').then((v) => v.disabledSites?.length === 1)"
    )
    assert stored(popup, "disabledSites") == ["127.0.0.1"]
    site.uncheck()
    popup.wait_for_function(
        "() => chrome.storage.local.get('disabledSites').then((v) => v.disabledSites.length === 0)"
    )
    enabled.uncheck()
    popup.wait_for_function(
        "() => chrome.storage.local.get('enabled').then((v) => v.enabled === false)"
    )
    assert stored(popup, "enabled") is False


def test_keyboard_reaches_the_button(page: Page, api_url: str) -> None:
    tokens = expected.chinese_tokens(expected.segment(api_url, CHINESE))
    select_and_open_trigger(page, "#zh")
    page.keyboard.press("Tab")
    expect(page.locator(TRIGGER)).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(f"{TOOLTIP} .hl-word")).to_have_count(len(tokens))


def test_command_and_context_menu_look_up_the_selection(
    page: Page, context: BrowserContext, api_url: str
) -> None:
    worker = context.service_workers[0]
    # The context-menu item exists: updating an unknown id fails.
    worker.evaluate("() => chrome.contextMenus.update('hanzi-lambda-look-up', {})")

    tokens = expected.chinese_tokens(expected.segment(api_url, CHINESE))
    page.bring_to_front()
    page.evaluate("() => window.getSelection().selectAllChildren(document.querySelector('#zh'))")
    ask_until_shown(worker, page, {"type": "hanzi-lambda/look-up-selection"}, None, len(tokens))

    page.keyboard.press("Escape")
    page.evaluate("() => window.getSelection().removeAllRanges()")
    message = {"type": "hanzi-lambda/look-up-selection", "text": CHINESE}
    ask_until_shown(worker, page, message, 0, len(tokens))


def test_popup_reading_switches_write_the_settings_and_the_page_follows(
    page: Page, context: BrowserContext
) -> None:
    popup = extension_page(context, "popup.html")
    page.bring_to_front()
    popup.reload()
    expect(popup.locator('body[data-ready="true"]')).to_be_attached()
    hover = popup.get_by_label("Hover lookup")
    annotate = popup.get_by_label("Annotate this site")
    expect(hover).not_to_be_checked()
    expect(annotate).not_to_be_checked()
    expect(annotate).to_be_enabled()

    hover.check()
    popup.wait_for_function(
        "() => chrome.storage.local.get('hoverLookup').then((v) => v.hoverLookup === true)"
    )
    annotate.check()
    popup.wait_for_function(
        "() => chrome.storage.local.get('annotateSites').then((v) => v.annotateSites?.length)"
    )
    assert stored(popup, "annotateSites") == ["127.0.0.1"]
    # The page follows live: its words get their readings.
    expect(page.locator("#zh ruby[data-hanzi-lambda]").first).to_be_attached()
    annotate.uncheck()
    expect(page.locator("ruby[data-hanzi-lambda]")).to_have_count(0)
    assert page.locator("#zh").inner_html() == CHINESE


def test_the_reading_commands_toggle_the_settings(page: Page, context: BrowserContext) -> None:
    """What the worker runs for `toggle-hover-lookup` and `annotate-page` (Chrome gives a test
    no way to press a command's keys): the setting flips, the site comes from the tab."""
    popup = extension_page(context, "popup.html")
    page.bring_to_front()
    assert popup.evaluate(WAIT_FOR_CONTENT_SCRIPT, [page.url])
    toggle = """
    async ([url]) => {
      const { toggleAnnotateSite, toggleHoverLookup } = await import("./lib/switches.js");
      const [tab] = await chrome.tabs.query({ url });
      await toggleHoverLookup();
      await toggleAnnotateSite(tab.id);
      return chrome.storage.local.get(["hoverLookup", "annotateSites"]);
    }
    """
    assert popup.evaluate(toggle, [page.url]) == {
        "hoverLookup": True,
        "annotateSites": ["127.0.0.1"],
    }
    assert popup.evaluate(toggle, [page.url]) == {"hoverLookup": False, "annotateSites": []}
