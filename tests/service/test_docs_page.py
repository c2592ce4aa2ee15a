"""/docs and /redoc in Debian's Chromium against the real service, with no other host reachable.

The browser reaches the service under a made-up host name (mapped to loopback by Chromium's
resolver rules), so Swagger UI cannot skip anything it would skip for `localhost`; every
request to any other host is recorded and refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.sync_api import Browser, Page, Route, expect, sync_playwright

from service.docs_pages import STATIC_URL
from tests.extension.browser import CHROMIUM, CHROMIUM_ARGS
from tests.support.server import running_service

DOCS_HOST = "hanzi-docs.test"
# The project's Chromium flags, without the extension.
BROWSER_ARGS = [
    arg
    for arg in CHROMIUM_ARGS
    if not arg.startswith(("--disable-extensions-except", "--load-extension"))
]


@pytest.fixture(scope="module")
def docs_base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real service; /segment needs no model, /translate's model is absent on purpose."""
    env = {
        "TRANSLATE_MODEL_ZH_EN": str(tmp_path_factory.mktemp("none") / "zh-en"),
        "TRANSLATE_MODEL_EN_ZH": str(tmp_path_factory.mktemp("none") / "en-zh"),
        "HF_HUB_OFFLINE": "1",
    }
    with running_service(env) as url:
        yield url


@pytest.fixture(scope="module")
def browser(docs_base_url: str) -> Iterator[Browser]:
    port = urlsplit(docs_base_url).port
    # Module scope, closed here: Playwright's sync API keeps an event loop running while open.
    with sync_playwright() as driver:
        chromium = driver.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[*BROWSER_ARGS, f"--host-resolver-rules=MAP {DOCS_HOST} 127.0.0.1:{port}"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def offsite_requests(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    """A page that refuses, and records, every request not to the service's host."""
    context = browser.new_context()
    page = context.new_page()
    offsite: list[str] = []

    def only_the_service(route: Route) -> None:
        url = route.request.url
        if urlsplit(url).hostname == DOCS_HOST or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            offsite.append(url)
            route.abort()

    context.route("**/*", only_the_service)
    yield page, offsite
    context.close()


def _service_url(docs_base_url: str, path: str) -> str:
    return f"http://{DOCS_HOST}:{urlsplit(docs_base_url).port}{path}"


def test_docs_lists_the_operations_and_runs_segment(
    docs_base_url: str, offsite_requests: tuple[Page, list[str]]
) -> None:
    page, offsite = offsite_requests
    page.goto(_service_url(docs_base_url, "/docs"))

    summaries = page.locator(".opblock-summary-path")
    # exactly /segment: /segment/batch is listed too
    expect(summaries.filter(has_text=re.compile(r"^/segment$"))).to_be_visible(timeout=20_000)
    expect(summaries.filter(has_text=re.compile(r"^/segment/batch$"))).to_be_visible()
    # exactly /translate: /libretranslate/translate is listed too
    expect(summaries.filter(has_text=re.compile(r"^/translate$"))).to_be_visible()
    expect(summaries.filter(has_text="/health")).to_be_visible()

    segment = page.locator(".opblock-post").filter(
        has=page.locator(".opblock-summary-path", has_text=re.compile(r"^/segment$"))
    )
    segment.locator(".opblock-summary").click()
    segment.get_by_role("button", name="Try it out").click()
    with page.expect_response(lambda r: r.url.endswith("/segment")) as answer:
        segment.get_by_role("button", name="Execute").click()
    assert answer.value.status == 200
    assert answer.value.json()["tokens"], "the example body segments into words"
    status_cell = segment.locator(".live-responses-table td.response-col_status:not(.col_header)")
    expect(status_cell).to_have_text("200")

    assert offsite == []


def test_redoc_renders_offline(
    docs_base_url: str, offsite_requests: tuple[Page, list[str]]
) -> None:
    page, offsite = offsite_requests
    page.goto(_service_url(docs_base_url, "/redoc"))
    expect(page.get_by_role("heading", name="Hanzi Lambda", exact=False).first).to_be_visible(
        timeout=20_000
    )
    expect(page.get_by_text("/segment").first).to_be_attached()
    assert offsite == []


def test_docs_assets_come_from_the_app(docs_base_url: str) -> None:
    """The HTML names only the app's own paths for its scripts and styles."""
    page = httpx.get(f"{docs_base_url}/docs", timeout=10)
    assert "cdn." not in page.text and "https://" not in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    script = httpx.get(f"{docs_base_url}{STATIC_URL}/swagger-ui-bundle.js", timeout=10)
    assert script.status_code == 200 and "SwaggerUIBundle" in script.text
