"""The texts and the page the extension tests use, shared by conftest and the tests."""

from __future__ import annotations

# The API's own limit, lowered so one paragraph of the test page is "too long".
MAX_TEXT_CHARS = 260
API_KEY = "extension-test-key"

CHINESE = "我喜欢学习中文。今天天气很好，我们去学校。"
# Its tiny-model translation contains Chinese words, so there is something to segment.
ENGLISH = "I like to study Chinese."
LONG_CHINESE = "我们今天去学校学习中文。" * 25
# A paragraph of about 230 characters: long enough that its tooltip must scroll.
PARAGRAPH = (
    "北京是中国的首都，也是一座有三千多年历史的城市。每年都有很多人从世界各地来这里旅游。"
    "他们参观故宫、长城和颐和园，品尝北京烤鸭，也在胡同里散步。"
    "我第一次来北京的时候，觉得这里的人说话很快，我听不太懂。"
    "后来我每天和朋友练习说汉语，还在大学里上课。现在我已经能用中文买东西、问路和点菜了。"
    "明年我想去上海和西安看看，了解更多的中国文化。"
    "我的老师说，学习一门语言最好的办法就是多听、多说、多读、多写，不要怕说错。"
    "我觉得她说得很对，所以我每天晚上都读一篇中文短文。"
)
# Words whose panels show every annotation: a reading in context with other readings (还),
# a word explained by its parts (一个), measure words (电脑).
LEARNER_CHINESE = "他还了我一本书。我买了一个电脑。"
FRAME_CHINESE = "我们明天一起去图书馆看书。"
FIELD_CHINESE = "这个电脑很贵。"

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
  <textarea id="field" rows="2" cols="30">{FIELD_CHINESE}</textarea>
  <iframe id="frame" src="frame.html" width="700" height="500" title="A framed page"></iframe>
  <p id="paragraph" lang="zh">{PARAGRAPH}</p>
  <p id="learner" lang="zh">{LEARNER_CHINESE}</p>
</body>
</html>
"""

FRAME_PAGE = f"""<!doctype html>
<html lang="zh">
<head><meta charset="utf-8"><title>A framed page</title></head>
<body><p id="framed">{FRAME_CHINESE}</p></body>
</html>
"""

# Hover lookup: 还 and 吃饭 are words of one paragraph; the second paragraph has erhua.
HOVER_CHINESE = "我还没吃饭。"
ERHUA_CHINESE = "我们休息一点儿吧。"
# 不 and 一 read in citation tones, or changed by the next syllable with `sandhi`.
TONES_CHINESE = "我不是老师，一个人去。"
HOVER_PAGE = f"""<!doctype html>
<html lang="zh">
<head><meta charset="utf-8"><title>Hover page</title>
<style>body {{ font: 32px/1.6 serif; margin: 40px; }}</style></head>
<body>
  <p id="hover">{HOVER_CHINESE}</p>
  <p id="english">Nothing Chinese here at all.</p>
  <p id="erhua">{ERHUA_CHINESE}</p>
  <p id="tones">{TONES_CHINESE}</p>
  <textarea id="notes" rows="2" cols="20">{HOVER_CHINESE}</textarea>
  <div id="spacer" style="height: 3000px"></div>
</body>
</html>
"""

_SENTENCES = [
    "北京是中国的首都，也是一座有三千多年历史的城市。",
    "每年都有很多人从世界各地来这里旅游。",
    "我第一次来北京的时候，觉得这里的人说话很快。",
    "后来我每天和朋友练习说汉语，还在大学里上课。",
    "现在我已经能用中文买东西、问路和点菜了。",
    "明年我想去上海和西安看看，了解更多的中国文化。",
    "我的老师说，学习一门语言最好的办法就是多听多说。",
    "我觉得她说得很对，所以我每天晚上都读一篇短文。",
]
# Forty paragraphs, a word split by the page's markup, an erhua word, and text reading mode
# must leave alone (a text field, code, preformatted text).
READING_PARAGRAPHS = [
    f"第{i + 1}段。{_SENTENCES[i % 8]}{_SENTENCES[(i + 3) % 8]}" for i in range(40)
]


def reading_page(background: str = "#ffffff", colour: str = "#1d2330") -> str:
    paragraphs = "\n".join(
        f'  <p class="para" id="p{i}">{text}</p>' for i, text in enumerate(READING_PARAGRAPHS)
    )
    return f"""<!doctype html>
<html lang="zh">
<head><meta charset="utf-8"><title>Reading page</title>
<style>
  body {{ font: 20px/1.5 serif; margin: 40px; background: {background}; color: {colour}; }}
  p {{ max-width: 760px; }}
</style></head>
<body>
  <h1 id="title">我的<b>学</b>习</h1>
  <p id="mixed">我们休息<a href="#x">一点儿</a>吧，Hello world，<b>喜</b>欢中文。</p>
  <textarea id="field" rows="2" cols="30">{HOVER_CHINESE}</textarea>
  <p id="code-line">代码：<code id="code">print("中文")</code></p>
  <pre id="pre">预先格式化的中文</pre>
  <div id="editable" contenteditable="true">可以编辑的中文</div>
{paragraphs}
</body>
</html>
"""
