"""Screenshots of the extension for the docs: docs/screenshots/*.png (tooltip on simplified
and traditional text, a long paragraph on a dark page, the word list, popup, options, the
hover card, and reading mode on a light and a dark page).

Uses the test machinery: Debian's Chromium with the unpacked extension, driven by
Playwright. Without --api-url it starts the real service on a free loopback port with the
tiny test models, so the words, pinyin and HSK levels are real but the translation line is
the tiny model's gibberish; pass the deployed endpoint for real translations:

    .venv/bin/python scripts/screenshots.py --api-url https://<api-id>.execute-api.<region>.amazonaws.com

A CJK font (Debian's fonts-noto-cjk) must be installed for the characters to render.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Literal

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import BrowserContext, expect, sync_playwright  # noqa: E402

from tests.extension.browser import (  # noqa: E402
    TOOLTIP,
    extension_context,
    extension_page,
    pin_word,
    rest_on,
    select_and_open_trigger,
    serve_directory,
    set_settings,
)
from tests.extension.sample import PARAGRAPH  # noqa: E402
from tests.support.server import running_service  # noqa: E402
from tests.support.tiny_models import build_tiny_models  # noqa: E402

SENTENCE = "我喜欢学习中文。今天天气很好，我们去学校。"
PAGE = f"""<!doctype html>
<html lang="zh">
<head><meta charset="utf-8"><title>一篇短文</title>
<style>
  body {{ font: 18px/1.8 "Noto Serif CJK SC", serif; margin: 48px 64px; }}
  body {{ color: #222; background: #fbfaf7; }}
  h1 {{ font-size: 26px; margin-bottom: 8px; }}
  p {{ max-width: 640px; }}
</style></head>
<body>
  <h1>我的一天</h1>
  <p id="sentence">{SENTENCE}</p>
  <p>我的朋友是老师，他在北京工作。我们明天去商店买东西，然后一起吃饭。</p>
  <p id="traditional">我覺得這個電腦很貴，可是我還是想買。</p>
</body>
</html>
"""
DARK_PAGE = f"""<!doctype html>
<html lang="zh">
<head><meta charset="utf-8"><title>北京</title>
<style>
  body {{ font: 18px/1.8 "Noto Serif CJK SC", serif; margin: 40px 64px; }}
  body {{ color: #d8d8d8; background: #15171c; }}
  p {{ max-width: 640px; }}
</style></head>
<body><h1>北京</h1><p id="paragraph">{PARAGRAPH}</p></body>
</html>
"""


READING_PAGE = f"""<!doctype html>
<html lang="zh">
<head><meta charset="utf-8"><title>北京</title>
<style>
  body {{ font: 19px/1.7 "Noto Serif CJK SC", serif; margin: 40px 64px; }}
  body {{ color: #222; background: #fbfaf7; }}
  @media (prefers-color-scheme: dark) {{ body {{ color: #d8d8d8; background: #15171c; }} }}
  p {{ max-width: 720px; }}
</style></head>
<body><h1>北京</h1><p id="paragraph">{PARAGRAPH}</p>
<p>我们休息一点儿吧。你想喝茶还是喝咖啡？</p></body>
</html>
"""

SHOTS = (
    "tooltip",
    "tooltip-traditional",
    "tooltip-dark",
    "wordlist",
    "popup",
    "options",
    "hover",
    "reading",
    "reading-dark",
)


Scheme = Literal["light", "dark"]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--api-url", help="a running API; default: start one with tiny models")
    parser.add_argument("--api-key", default="", help="X-API-Key for --api-url")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    return parser.parse_args()


@contextmanager
def api(url: str | None, workdir: Path) -> Iterator[str]:
    """The API to photograph: the one given, or the local service with tiny models."""
    if url:
        yield url.rstrip("/")
        return
    models = build_tiny_models(workdir / "models")
    env = {
        "TRANSLATE_MODEL_ZH_EN": str(models["zh-en"]),
        "TRANSLATE_MODEL_EN_ZH": str(models["en-zh"]),
    }
    with running_service(env) as base:
        yield base


def tooltip_shot(context: BrowserContext, page_url: str, selector: str, out: Path) -> None:
    page = context.new_page()
    page.set_viewport_size({"width": 900, "height": 640})
    page.goto(page_url)
    select_and_open_trigger(page, selector)
    page.locator("hanzi-lambda-root .hl-trigger").click()
    words = page.locator(f"{TOOLTIP} .hl-word")
    expect(words.first).to_be_visible(timeout=60_000)
    words.nth(2).hover()
    page.screenshot(path=out)
    page.close()


def dark_paragraph_shot(context: BrowserContext, page_url: str, out: Path) -> None:
    """A long paragraph on a dark page, in the dark scheme, its first word hovered."""
    page = context.new_page()
    page.emulate_media(color_scheme="dark")
    page.set_viewport_size({"width": 900, "height": 640})
    page.goto(page_url)
    select_and_open_trigger(page, "#paragraph")
    page.locator("hanzi-lambda-root .hl-trigger").click()
    words = page.locator(f"{TOOLTIP} .hl-word")
    expect(words.first).to_be_visible(timeout=60_000)
    words.first.hover()
    page.screenshot(path=out / "tooltip-dark.png")
    page.close()


def wordlist_shot(context: BrowserContext, page_url: str, out: Path) -> None:
    """Saves three words from the tooltip, then photographs wordlist.html."""
    page = context.new_page()
    page.goto(page_url)
    select_and_open_trigger(page, "#sentence")
    page.locator("hanzi-lambda-root .hl-trigger").click()
    expect(page.locator(f"{TOOLTIP} .hl-word").first).to_be_visible(timeout=60_000)
    for word in ("喜欢", "天气", "学校"):
        detail = pin_word(page, word)
        save = detail.get_by_role("button", name=f"Save {word}")
        save.click()
        expect(save).to_have_attribute("aria-pressed", "true", timeout=60_000)
    page.close()
    words = extension_page(context, "wordlist.html")
    words.set_viewport_size({"width": 980, "height": 520})
    expect(words.locator("#words tbody tr")).to_have_count(3)
    words.screenshot(path=out / "wordlist.png", full_page=True)
    words.close()


def popup_shot(context: BrowserContext, out: Path) -> None:
    popup = extension_page(context, "popup.html")
    popup.set_viewport_size({"width": 448, "height": 300})
    popup.locator("#text").fill("明天我们去北京看朋友。")
    popup.locator("#lookup").click()
    expect(popup.locator(".hl-word").first).to_be_visible(timeout=60_000)
    popup.locator(".hl-word").nth(3).focus()
    popup.screenshot(path=out / "popup.png", full_page=True)
    popup.close()


def options_shot(context: BrowserContext, out: Path) -> None:
    options = extension_page(context, "options.html")
    options.set_viewport_size({"width": 820, "height": 640})
    expect(options.locator('form[data-ready="true"]')).to_be_attached()
    options.locator("#test-connection").click()
    expect(options.locator("#status")).to_contain_text("Connected", timeout=30_000)
    options.screenshot(path=out / "options.png", full_page=True)
    options.close()


def hover_shot(context: BrowserContext, page_url: str, out: Path) -> None:
    """Hover lookup: the pointer resting on 天气, no selection."""
    set_settings(context, hoverLookup=True)
    page = context.new_page()
    page.set_viewport_size({"width": 900, "height": 420})
    page.goto(page_url)
    card = page.locator("hanzi-lambda-root .hl-card")
    for _ in range(30):
        rest_on(page, "#sentence", 10)  # 天 of 天气
        if card.is_visible():
            break
        page.wait_for_timeout(500)
    expect(card.locator(".hl-detail-word")).to_have_text("天气", timeout=60_000)
    page.screenshot(path=out / "hover.png")
    page.close()
    set_settings(context, hoverLookup=False)


def reading_shot(context: BrowserContext, page_url: str, scheme: Scheme, out: Path) -> None:
    """Reading mode: pinyin over every word, one word's card shown."""
    set_settings(context, annotateSites=["127.0.0.1"])
    page = context.new_page()
    page.emulate_media(color_scheme=scheme)
    page.set_viewport_size({"width": 900, "height": 640})
    page.goto(page_url)
    rubies = page.locator("#paragraph ruby[data-hanzi-lambda]")
    expect(rubies.first).to_be_attached(timeout=60_000)
    page.wait_for_timeout(300)
    rubies.nth(4).hover()
    expect(page.locator("hanzi-lambda-root .hl-card")).to_be_visible(timeout=30_000)
    name = "reading.png" if scheme == "light" else "reading-dark.png"
    page.screenshot(path=out / name)
    page.close()
    set_settings(context, annotateSites=[])


def main() -> None:
    args = parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        site = workdir / "site"
        site.mkdir()
        (site / "index.html").write_text(PAGE, encoding="utf-8")
        (site / "dark.html").write_text(DARK_PAGE, encoding="utf-8")
        (site / "reading.html").write_text(READING_PAGE, encoding="utf-8")
        api_url = stack.enter_context(api(args.api_url, workdir))
        site_url = stack.enter_context(serve_directory(site))
        page_url = site_url + "/index.html"
        playwright = stack.enter_context(sync_playwright())
        context = stack.enter_context(extension_context(playwright, workdir / "profile"))
        set_settings(context, apiBaseUrl=api_url, apiKey=args.api_key)
        tooltip_shot(context, page_url, "#sentence", args.out / "tooltip.png")
        tooltip_shot(context, page_url, "#traditional", args.out / "tooltip-traditional.png")
        dark_paragraph_shot(context, site_url + "/dark.html", args.out)
        wordlist_shot(context, page_url, args.out)
        popup_shot(context, args.out)
        options_shot(context, args.out)
        hover_shot(context, page_url, args.out)
        reading_shot(context, site_url + "/reading.html", "light", args.out)
        reading_shot(context, site_url + "/reading.html", "dark", args.out)
    for name in SHOTS:
        print(args.out / f"{name}.png")


if __name__ == "__main__":
    main()
