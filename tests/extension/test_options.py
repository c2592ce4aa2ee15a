"""The options page: its defaults, its validation, and that a saved URL is where the
next lookup goes."""

from __future__ import annotations

from playwright.sync_api import BrowserContext, Page, expect

from tests.extension.browser import extension_page, select_and_open_trigger

TOOLTIP = "hanzi-lambda-root .hl-tooltip"


def open_options(context: BrowserContext) -> Page:
    options = extension_page(context, "options.html")
    expect(options.locator('form[data-ready="true"]')).to_be_attached()
    return options


def save(options: Page, url: str, hsk: str | None = None) -> None:
    options.locator("#api-base-url").fill(url)
    if hsk is not None:
        options.locator("#hsk-standard").select_option(hsk)
    options.locator("#save").click()


def stored(page: Page) -> dict[str, object]:
    values: dict[str, object] = page.evaluate("() => chrome.storage.local.get(null)")
    return values


def look_up_on(context: BrowserContext, page_url: str) -> Page:
    tab = context.new_page()
    tab.goto(page_url)
    select_and_open_trigger(tab, "#zh")
    tab.locator("hanzi-lambda-root .hl-trigger").click()
    return tab


def test_defaults(context: BrowserContext) -> None:
    options = open_options(context)
    expect(options.locator("#api-base-url")).to_have_value("http://127.0.0.1:8000")
    expect(options.locator("#api-key")).to_have_value("")
    expect(options.locator("#hsk-standard")).to_have_value("2025")
    expect(options.locator("#show-on-every-selection")).not_to_be_checked()


def test_saved_url_is_where_the_next_call_goes(
    context: BrowserContext, api_url: str, dead_api_url: str, page_url: str
) -> None:
    options = open_options(context)
    save(options, dead_api_url + "/")
    expect(options.locator("#status")).to_have_text("Saved.")
    expect(options.locator("#api-base-url")).to_have_value(dead_api_url)  # normalised
    tab = look_up_on(context, page_url)
    expect(tab.locator(f'{TOOLTIP} .hl-error[data-kind="unreachable"]')).to_contain_text(
        dead_api_url
    )

    save(options, api_url, hsk="2.0")
    expect(options.locator("#status")).to_have_text("Saved.")
    assert stored(options)["apiBaseUrl"] == api_url
    assert stored(options)["hskStandard"] == "2.0"
    tab = look_up_on(context, page_url)
    expect(tab.locator(f"{TOOLTIP} .hl-word").first).to_be_visible()
    expect(tab.locator(f"{TOOLTIP} .hl-summary")).to_contain_text("HSK 2.0")


def test_invalid_urls_are_refused_and_nothing_is_saved(context: BrowserContext) -> None:
    options = open_options(context)
    save(options, "not a url")
    expect(options.locator("#status")).to_contain_text("not a valid URL")
    expect(options.locator("#api-base-url")).to_have_attribute("aria-invalid", "true")
    save(options, "http://example.com:8000")
    expect(options.locator("#status")).to_contain_text("use the API's https:// URL")
    assert "apiBaseUrl" not in stored(options)


def test_connection_test_reports_the_models(context: BrowserContext, api_url: str) -> None:
    options = open_options(context)
    options.locator("#api-base-url").fill(api_url)
    options.locator("#test-connection").click()
    expect(options.locator("#status")).to_contain_text("Connected. Models: zh-en")


def test_connection_test_reports_a_dead_api(context: BrowserContext, dead_api_url: str) -> None:
    options = open_options(context)
    options.locator("#api-base-url").fill(dead_api_url)
    options.locator("#test-connection").click()
    expect(options.locator("#status")).to_contain_text("Can't reach the API")
