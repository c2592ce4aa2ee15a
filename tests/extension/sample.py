"""The texts and the page the extension tests use, shared by conftest and the tests."""

from __future__ import annotations

# The API's own limit, lowered so one paragraph of the test page is "too long".
MAX_TEXT_CHARS = 200
API_KEY = "extension-test-key"

CHINESE = "我喜欢学习中文。今天天气很好，我们去学校。"
# Its tiny-model translation contains Chinese words, so there is something to segment.
ENGLISH = "I like to study Chinese."
LONG_CHINESE = "我们今天去学校学习中文。" * 25

PAGE = f"""<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Extension test page</title>
  <style>
    /* Hostile page styles: none of this may reach the extension's shadow root. */
    span, div, p {{ color: rgb(0, 128, 0) !important; font-size: 40px !important; }}
    body {{ font-family: serif; }}
  </style>
</head>
<body>
  <h1>A page with Chinese</h1>
  <p id="zh" lang="zh">{CHINESE}</p>
  <p id="en">{ENGLISH}</p>
  <p id="long" lang="zh">{LONG_CHINESE}</p>
  <p id="outside">Somewhere else on the page.</p>
</body>
</html>
"""
