"""The manifest pins the id and asks for little; Chromium agrees on the id."""

from __future__ import annotations

import json
import posixpath
import re

from playwright.sync_api import BrowserContext

from tests.extension.browser import EXTENSION_DIR, EXTENSION_ID, extension_id


def test_chromium_gives_the_pinned_id(context: BrowserContext) -> None:
    assert extension_id(context) == EXTENSION_ID


def test_permissions_are_minimal() -> None:
    manifest = json.loads((EXTENSION_DIR / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["manifest_version"] == 3
    # storage: settings and the word list; tts: Listen; contextMenus: "Look up “…”".
    assert manifest["permissions"] == ["storage", "tts", "contextMenus"]
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


def test_only_the_content_scripts_modules_are_web_accessible() -> None:
    """Pages can still see the extension through them (a manifest content script cannot be
    a module, so it imports them), but the API client and the lookup logic stay private."""
    manifest = json.loads((EXTENSION_DIR / "manifest.json").read_text(encoding="utf-8"))
    [entry] = manifest["web_accessible_resources"]
    exposed = set(entry["resources"])
    assert "lib/api.js" not in exposed and "lib/lookup.js" not in exposed
    assert not any("*" in resource for resource in exposed)
    # Everything the content script imports, directly or not, is exposed.
    imports = {"content/main.js"}
    pending = ["content/main.js"]
    while pending:
        module = pending.pop()
        source = (EXTENSION_DIR / module).read_text(encoding="utf-8")
        for name in re.findall(r'^import .* from "(\.{1,2}/[\w./]+)";', source, re.M):
            path = posixpath.normpath(posixpath.join(posixpath.dirname(module), name))
            if path not in imports:
                imports.add(path)
                pending.append(path)
    assert imports == exposed


def test_every_command_has_a_suggested_key_within_chromes_limit() -> None:
    """Chrome takes at most four suggested keys; the switches are commands too."""
    manifest = json.loads((EXTENSION_DIR / "manifest.json").read_text(encoding="utf-8"))
    commands = manifest["commands"]
    assert set(commands) == {"look-up-selection", "toggle-hover-lookup", "annotate-page"}
    keys = [c["suggested_key"]["default"] for c in commands.values()]
    assert len(keys) <= 4 and len(set(keys)) == len(keys)
    assert commands["toggle-hover-lookup"]["suggested_key"]["default"] == "Alt+Shift+H"
    assert commands["annotate-page"]["suggested_key"]["default"] == "Alt+Shift+R"


def test_content_script_runs_in_every_frame_and_a_command_is_suggested() -> None:
    manifest = json.loads((EXTENSION_DIR / "manifest.json").read_text(encoding="utf-8"))
    [script] = manifest["content_scripts"]
    assert script["all_frames"] is True
    command = manifest["commands"]["look-up-selection"]
    assert command["suggested_key"]["default"] == "Alt+Shift+L"
