"""Debian's Chromium with the unpacked extension, driven by Playwright; shared by the
extension tests and scripts/screenshots.py.

Chromium is the apt package (never a downloaded browser). Playwright adds
`--disable-extensions`, so both `--disable-extensions-except` and `--load-extension` are
needed. Chromium 156 runs extensions in its (new) headless mode; as root it needs
`--no-sandbox`.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Frame, Locator, Page, Playwright, expect

ROOT = Path(__file__).resolve().parents[2]
EXTENSION_DIR = ROOT / "extension"
CHROMIUM = "/usr/bin/chromium"
# The id that the manifest's "key" pins; docs/EXTENSION.md and the CORS origins name it.
EXTENSION_ID = "bhekmlkjianelojbeeghgnfemjgpjoan"

CHROMIUM_ARGS = [
    f"--disable-extensions-except={EXTENSION_DIR}",
    f"--load-extension={EXTENSION_DIR}",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Selects the text of the element matching `selector`, then sends the mouseup a person's
# selection would end with. Run in a polling wait_for_function: the content script loads
# asynchronously, so the first mouseups may come before it listens.
SELECT_AND_RELEASE = """
(selector) => {
  const target = document.querySelector(selector);
  const range = document.createRange();
  range.selectNodeContents(target);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  target.dispatchEvent(new MouseEvent("mouseup", { bubbles: true, composed: true }));
  const trigger = document.querySelector("hanzi-lambda-root")?.shadowRoot
    ?.querySelector(".hl-trigger");
  return Boolean(trigger) && !trigger.hidden;
}
"""


@contextmanager
def extension_context(playwright: Playwright, user_data_dir: Path) -> Iterator[BrowserContext]:
    """A fresh Chromium profile with the extension loaded; waits for its service worker."""
    context = playwright.chromium.launch_persistent_context(
        str(user_data_dir),
        executable_path=CHROMIUM,
        headless=True,
        args=CHROMIUM_ARGS,
        viewport={"width": 1000, "height": 700},
    )
    try:
        if not context.service_workers:
            context.wait_for_event("serviceworker")
        yield context
    finally:
        context.close()


def extension_id(context: BrowserContext) -> str:
    """The id Chromium gave the extension, read from its service worker's URL."""
    worker_url = context.service_workers[0].url
    return worker_url.split("/")[2]


def extension_page(context: BrowserContext, path: str) -> Page:
    """Opens one of the extension's pages (popup.html, options.html) as a tab."""
    page = context.new_page()
    page.goto(f"chrome-extension://{extension_id(context)}/{path}")
    return page


def set_settings(context: BrowserContext, **values: object) -> None:
    """Writes settings into chrome.storage.local from an extension page, as options does."""
    page = extension_page(context, "popup.html")
    page.evaluate("(values) => chrome.storage.local.set(values)", values)
    page.close()


def select_and_open_trigger(page: Page, selector: str) -> None:
    """Selects an element's text and waits until the floating button shows."""
    page.wait_for_function(SELECT_AND_RELEASE, arg=selector, polling=100)


@contextmanager
def serve_directory(directory: Path) -> Iterator[str]:
    """Serves a folder over HTTP on a free loopback port; yields the base URL."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files without a log line per request."""

    def log_message(self, format: str, *args: object) -> None:
        pass


TOOLTIP = "hanzi-lambda-root .hl-tooltip"
TRIGGER = "hanzi-lambda-root .hl-trigger"


def open_tooltip(page: Page | Frame, selector: str) -> None:
    """Selects an element's text, clicks the floating button, waits for the words."""
    page.wait_for_function(SELECT_AND_RELEASE, arg=selector, polling=100)
    page.locator(TRIGGER).click()
    expect(page.locator(f"{TOOLTIP} .hl-word").first).to_be_visible()


def pin_word(page: Page | Frame, text: str) -> Locator:
    """Clicks a word in the tooltip, which pins it in the word panel; returns the panel."""
    page.locator(f'{TOOLTIP} .hl-word[data-word="{text}"]').first.click()
    detail = page.locator(f"{TOOLTIP} .hl-detail")
    expect(detail.locator(".hl-detail-word")).to_have_text(text)
    return detail


def stored(page: Page, key: str) -> Any:
    """One value from chrome.storage.local, read from an extension page."""
    return page.evaluate("(key) => chrome.storage.local.get(key).then((v) => v[key])", key)


# The centre of the n-th character of an element's first text node, in window coordinates.
CHARACTER_CENTRE = """
([selector, index]) => {
  const node = document.querySelector(selector).firstChild;
  const range = document.createRange();
  range.setStart(node, index);
  range.setEnd(node, index + 1);
  const box = range.getBoundingClientRect();
  return [box.left + box.width / 2, box.top + box.height / 2];
}
"""


def rest_on(page: Page, selector: str, index: int) -> None:
    """Moves the pointer onto a character (of the element's first text node) and rests."""
    x, y = page.evaluate(CHARACTER_CENTRE, [selector, index])
    page.mouse.move(x - 2, y)
    page.mouse.move(x, y, steps=2)
