"""The manifest pins the id and asks for little; Chromium agrees on the id."""

from __future__ import annotations

import json

from playwright.sync_api import BrowserContext

from tests.extension.browser import EXTENSION_DIR, EXTENSION_ID, extension_id


def test_chromium_gives_the_pinned_id(context: BrowserContext) -> None:
    assert extension_id(context) == EXTENSION_ID


def test_permissions_are_minimal() -> None:
    manifest = json.loads((EXTENSION_DIR / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["manifest_version"] == 3
    assert manifest["permissions"] == ["storage"]
    assert manifest["host_permissions"] == ["http://127.0.0.1/*", "http://localhost/*"]
    assert manifest["optional_host_permissions"] == ["https://*/*"]
    assert manifest["background"] == {"service_worker": "service_worker.js", "type": "module"}


def test_every_file_the_manifest_names_exists() -> None:
    manifest = json.loads((EXTENSION_DIR / "manifest.json").read_text(encoding="utf-8"))
    named = [
        manifest["background"]["service_worker"],
        manifest["action"]["default_popup"],
        manifest["options_ui"]["page"],
        *manifest["icons"].values(),
        *(js for script in manifest["content_scripts"] for js in script["js"]),
    ]
    missing = [name for name in named if not (EXTENSION_DIR / name).is_file()]
    assert missing == []
