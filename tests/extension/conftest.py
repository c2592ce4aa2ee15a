"""Fixtures for the extension's end-to-end tests: the real service on loopback (with the
tiny real MarianMT models), a page with Chinese text, and Chromium with the extension."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, Playwright, expect, sync_playwright

from tests.extension import expected
from tests.extension.browser import extension_context, serve_directory, set_settings
from tests.extension.proxy import Recorded, recording_proxy
from tests.extension.sample import (
    API_KEY,
    CHINESE,
    ENGLISH,
    FRAME_PAGE,
    HOVER_PAGE,
    MAX_TEXT_CHARS,
    PAGE,
    reading_page,
)
from tests.support.server import free_port, running_service

# Lookups go page -> worker -> service -> model; on a busy two-core machine five seconds
# (Playwright's default) is too tight for a wait, though no test measures time.
expect.set_options(timeout=20_000)


@pytest.fixture(scope="package")
def api_url(tiny_models: dict[str, Path]) -> Iterator[str]:
    """The real service with both tiny models and no API key."""
    env = {
        "TRANSLATE_MODEL_ZH_EN": str(tiny_models["zh-en"]),
        "TRANSLATE_MODEL_EN_ZH": str(tiny_models["en-zh"]),
        "MAX_TEXT_CHARS": str(MAX_TEXT_CHARS),
    }
    with running_service(env) as url:
        # Load both models now, so no browser test waits for a first load.
        expected.translate(url, CHINESE, "zh", "en")
        expected.translate(url, ENGLISH, "en", "zh")
        yield url


@pytest.fixture(scope="package")
def locked_api_url(
    tiny_models: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The real service wanting an API key, whose zh→en model directory does not exist,
    so /translate answers 503 with Retry-After while /segment still works."""
    missing = tmp_path_factory.mktemp("no-model") / "zh-en"
    env = {
        "API_KEYS": API_KEY,
        "TRANSLATE_MODEL_ZH_EN": str(missing),
        "TRANSLATE_MODEL_EN_ZH": str(tiny_models["en-zh"]),
        "HF_HUB_OFFLINE": "1",
    }
    with running_service(env) as url:
        yield url


@pytest.fixture
def recorded(api_url: str) -> Iterator[Recorded]:
    """The real service behind a pass-through that records what the extension sends."""
    with recording_proxy(api_url) as proxy:
        yield proxy


@pytest.fixture
def dead_api_url() -> str:
    """A loopback URL where nothing listens."""
    return f"http://127.0.0.1:{free_port()}"


@pytest.fixture(scope="package")
def page_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = tmp_path_factory.mktemp("site")
    (site / "index.html").write_text(PAGE, encoding="utf-8")
    (site / "frame.html").write_text(FRAME_PAGE, encoding="utf-8")
    (site / "hover.html").write_text(HOVER_PAGE, encoding="utf-8")
    (site / "reading.html").write_text(reading_page(), encoding="utf-8")
    (site / "reading-dark.html").write_text(reading_page("#15171c", "#d8d8d8"), encoding="utf-8")
    with serve_directory(site) as base:
        yield f"{base}/index.html"


@pytest.fixture(scope="package")
def playwright() -> Iterator[Playwright]:
    # Package scope: Playwright's sync API keeps an event loop running in this thread while
    # it is open, which would break later tests that run their own loop (Mangum's handler).
    with sync_playwright() as driver:
        yield driver


@pytest.fixture
def context(playwright: Playwright, tmp_path: Path) -> Iterator[BrowserContext]:
    """A fresh profile per test: its own chrome.storage and permissions."""
    with extension_context(playwright, tmp_path / "profile") as ctx:
        yield ctx


@pytest.fixture
def page(context: BrowserContext, api_url: str, page_url: str) -> Page:
    """The test page, with the extension pointed at the tiny-model service."""
    set_settings(context, apiBaseUrl=api_url)
    tab = context.new_page()
    tab.goto(page_url)
    return tab
