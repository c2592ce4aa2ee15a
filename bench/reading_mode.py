"""Reading mode, timed: from switching it on to the first screenful annotated (and hover
lookup: from the pointer's last move to the card, once the paragraph is known).

Not a test (nothing here asserts a time): run by hand against the local service,

    .venv/bin/python -m bench.reading_mode [--runs 9] [--api-url http://127.0.0.1:8000]

Without --api-url it starts the service from this tree on a free loopback port (no
translation model is needed: reading mode only segments). Debian's Chromium loads the
unpacked extension (tests/extension/browser.py); the page is an article of the extension
tests' 40 paragraphs under a heading. Each run reloads the page with reading mode off, then
switches it on from an extension page, as the popup does, and the page itself notes when
every block with Chinese inside the window holds its readings. Both instants are read on
the same clock (performance.timeOrigin + now), so the figure is what a learner waits. The
first run is the service's first /segment/batch after start; it is reported apart.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from tests.extension.browser import (
    CHARACTER_CENTRE,
    extension_context,
    extension_page,
    serve_directory,
)
from tests.extension.proxy import recording_proxy
from tests.extension.sample import HOVER_PAGE, READING_PARAGRAPHS
from tests.support.server import running_service

# In the article: a promise of the instant every block with Chinese inside the window
# (heading and paragraphs) first holds a reading, and how many blocks that was.
WATCH_FIRST_SCREEN = """
() => { window.firstScreen = new Promise((resolve) => {
  const inWindow = () => [...document.querySelectorAll("h1, p")].filter((p) => {
    const box = p.getBoundingClientRect();
    return /\\p{Script=Han}/u.test(p.textContent) && box.bottom > 0 && box.top < innerHeight;
  });
  const check = () => {
    const shown = inWindow();
    if (shown.length && shown.every((p) => p.querySelector("ruby[data-hanzi-lambda]"))) {
      observer.disconnect();
      resolve({ at: performance.timeOrigin + performance.now(), paragraphs: shown.length });
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document.body, { childList: true, subtree: true });
}); }
"""

SWITCH_ON = """
async () => {
  const at = performance.timeOrigin + performance.now();
  await chrome.storage.local.set({ annotateSites: ["127.0.0.1"] });
  return at;
}
"""


ARTICLE = (
    '<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>文章</title>'
    "<style>body { font: 18px/1.6 serif; margin: 40px; } p { max-width: 760px; }</style>"
    "</head><body><h1>我的一年</h1>"
    + "".join(f'<p class="para">{text}</p>' for text in READING_PARAGRAPHS)
    + "</body></html>"
)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="timed runs after the first")
    parser.add_argument("--api-url", help="a running API; default: start one from this tree")
    return parser.parse_args()


@contextmanager
def api(url: str | None) -> Iterator[str]:
    if url:
        yield url.rstrip("/")
        return
    with running_service({"HF_HUB_OFFLINE": "1"}) as base:
        yield base


def one_run(article: Page, switch: Page, url: str) -> tuple[float, int]:
    """Milliseconds from the switch to the first screenful annotated, and its paragraphs."""
    switch.evaluate("() => chrome.storage.local.set({ annotateSites: [] })")
    article.goto(url)
    article.wait_for_timeout(500)  # the content script has loaded and read its settings
    article.evaluate(WATCH_FIRST_SCREEN)
    started: float = switch.evaluate(SWITCH_ON)
    done = article.evaluate("() => window.firstScreen")
    return done["at"] - started, int(done["paragraphs"])


def scrolled_requests(article: Page, switch: Page, url: str, api_url: str) -> int:
    """Scrolls the article through once in reading mode; the /segment/batch requests sent."""
    with recording_proxy(api_url) as proxy:
        switch.evaluate("(url) => chrome.storage.local.set({ apiBaseUrl: url })", proxy.url)
        one_run(article, switch, url)
        height = article.evaluate("() => document.documentElement.scrollHeight")
        for _ in range(0, height, 500):
            article.mouse.wheel(0, 500)
            article.wait_for_timeout(150)
        article.wait_for_function(ALL_ANNOTATED)
        count = len(proxy.bodies("/segment/batch"))
    switch.evaluate("(url) => chrome.storage.local.set({ apiBaseUrl: url })", api_url)
    return count


ALL_ANNOTATED = """
() => [...document.querySelectorAll("p.para")]
  .every((p) => p.querySelector("ruby[data-hanzi-lambda]"))
"""


# In the hover page: a promise of the milliseconds from the pointer's last move to the card
# showing `word`.
WATCH_CARD = """
(word) => {
  window.lastMove = 0;
  addEventListener("mousemove", () => { window.lastMove = performance.now(); }, true);
  const root = document.querySelector("hanzi-lambda-root").shadowRoot;
  window.cardShown = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      const shown = root.querySelector(".hl-card:not([hidden]) .hl-detail-word");
      if (shown?.textContent === word) {
        observer.disconnect();
        resolve(performance.now() - window.lastMove);
      }
    });
    observer.observe(root, { childList: true, subtree: true, characterData: true });
  });
}
"""


def hover_times(context_page: Page, switch: Page, url: str, runs: int) -> list[float]:
    """Rests on 还 (the paragraph is fetched), then times moves between 还 and 吃饭."""
    switch.evaluate("() => chrome.storage.local.set({ hoverLookup: true, annotateSites: [] })")
    page = context_page
    page.goto(url)
    page.wait_for_timeout(500)
    times = []
    for i in range(runs + 1):
        word, index = ("还", 1) if i % 2 == 0 else ("吃饭", 3)
        if i:  # the first rest fetches the paragraph; it is not timed
            page.evaluate(WATCH_CARD, word)
        x, y = page.evaluate(CHARACTER_CENTRE, ["#hover", index])
        page.mouse.move(x - 3, y)
        page.mouse.move(x, y, steps=3)
        if i:
            times.append(float(page.evaluate("() => window.cardShown")))
        else:
            page.locator("hanzi-lambda-root .hl-card .hl-detail-word").wait_for()
    switch.evaluate("() => chrome.storage.local.set({ hoverLookup: false })")
    return times


def main() -> None:
    args = parse_args()
    with ExitStack() as stack:
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        (workdir / "reading.html").write_text(ARTICLE, encoding="utf-8")
        (workdir / "hover.html").write_text(HOVER_PAGE, encoding="utf-8")
        api_url = stack.enter_context(api(args.api_url))
        site = stack.enter_context(serve_directory(workdir))
        playwright = stack.enter_context(sync_playwright())
        context = stack.enter_context(extension_context(playwright, workdir / "profile"))
        switch = extension_page(context, "popup.html")
        switch.evaluate("(url) => chrome.storage.local.set({ apiBaseUrl: url })", api_url)
        article = context.new_page()
        first, paragraphs = one_run(article, switch, f"{site}/reading.html")
        times = [one_run(article, switch, f"{site}/reading.html")[0] for _ in range(args.runs)]
        requests = scrolled_requests(article, switch, f"{site}/reading.html", api_url)
        hovers = hover_times(article, switch, f"{site}/hover.html", args.runs)
    print(f"first screenful: {paragraphs} blocks, window 1000x700, service {api_url}")
    print(f"first run (service's first batch): {first:7.1f} ms")
    print(f"median of {len(times)} runs:        {statistics.median(times):7.1f} ms")
    print(f"min / max:                       {min(times):7.1f} / {max(times):7.1f} ms")
    print(f"scrolled through, 500 px a step: {requests} /segment/batch requests for 40 paragraphs")
    print(
        f"hover, last move -> card (paragraph known), median of {len(hovers)}: "
        f"{statistics.median(hovers):.1f} ms (max {max(hovers):.1f})"
    )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
