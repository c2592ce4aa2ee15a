"""Failures a person can act on, shown in the tooltip, each produced by the real service
(or by its absence)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.extension.browser import select_and_open_trigger, set_settings
from tests.extension.sample import API_KEY

TOOLTIP = "hanzi-lambda-root .hl-tooltip"


def look_up(page: Page, selector: str) -> None:
    select_and_open_trigger(page, selector)
    page.locator("hanzi-lambda-root .hl-trigger").click()


def test_api_down_says_unreachable_with_retry(page: Page, dead_api_url: str) -> None:
    set_settings(page.context, apiBaseUrl=dead_api_url)
    look_up(page, "#zh")
    error = page.locator(f'{TOOLTIP} .hl-error[data-kind="unreachable"]')
    expect(error).to_be_visible()
    expect(error).to_contain_text("Can't reach the API")
    expect(error).to_contain_text(dead_api_url)
    expect(error.locator('button[data-action="retry"]')).to_be_visible()
    expect(error.locator('button[data-action="options"]')).to_be_visible()


def test_retry_after_the_api_comes_back(page: Page, dead_api_url: str, api_url: str) -> None:
    set_settings(page.context, apiBaseUrl=dead_api_url)
    look_up(page, "#zh")
    retry = page.locator(f'{TOOLTIP} .hl-error button[data-action="retry"]')
    expect(retry).to_be_visible()
    set_settings(page.context, apiBaseUrl=api_url)
    retry.click()
    expect(page.locator(f"{TOOLTIP} .hl-word").first).to_be_visible()


def test_too_long_selection_says_413(page: Page) -> None:
    look_up(page, "#long")
    error = page.locator(f'{TOOLTIP} .hl-error[data-kind="too_long"]')
    expect(error).to_contain_text("Selection too long (413)")
    expect(error).to_contain_text("Select a shorter passage")
    expect(error.locator(".hl-request-id")).to_contain_text("Request id:")


def test_missing_key_says_401_then_the_key_works_and_a_warming_model_says_503(
    page: Page, locked_api_url: str
) -> None:
    set_settings(page.context, apiBaseUrl=locked_api_url)
    look_up(page, "#zh")
    unauthorized = page.locator(f'{TOOLTIP} .hl-error[data-kind="unauthorized"]')
    expect(unauthorized).to_contain_text("API key refused (401)")
    expect(unauthorized).to_contain_text("Check the API key in Options")

    page.keyboard.press("Escape")
    set_settings(page.context, apiKey=API_KEY)
    look_up(page, "#zh")
    # /segment needs no model: the words are shown, and the translation explains the 503.
    expect(page.locator(f"{TOOLTIP} .hl-word").first).to_be_visible()
    warming = page.locator(f'{TOOLTIP} .hl-translation-section .hl-error[data-kind="warming_up"]')
    expect(warming).to_contain_text("Translation not available (503)")
    # The server's own sentence, naming the model and the setting that provides it.
    expect(warming).to_contain_text("is not available")
    expect(warming).to_contain_text("TRANSLATE_MODEL_ZH_EN")
    expect(warming).to_contain_text("Retry in 30 s")  # the service's Retry-After default
    warming.locator('button[data-action="retry"]').click()
    expect(warming).to_contain_text("Translation not available (503)")
