"""Readings of content words from their neighbours: an adjective after a degree word (太累了
lèi, 太长了 cháng), a verb before what it does (长高 zhǎng, 卡在 qiǎ, 待五天 dāi), a measure word
after a number (一行 háng, 一只 zhī, 几处 chù). Each rule looks at the word's neighbours only;
where none speaks, the reading model decides. Readings are CC-CEDICT's numbered syllables.
"""

from __future__ import annotations

from collections.abc import Callable

from service.annotation.inside_words import yan_or_tiao
from service.annotation.sentence import Sentence, is_word
from service.annotation.word_classes import (
    AFTER_ADJECTIVE,
    BEFORE_SHOULD,
    DEGREE,
    GROWN,
    LENGTH_UNITS,
    NUMBERS,
    PRONOUNS,
)
from service.annotation.words import COUNTING as _COUNTING

Rule = Callable[[Sentence, int], str | None]


def _degree(s: Sentence, i: int, reading: str) -> str | None:
    """An adjective's reading where a degree word or the clause's end says it is one
    (太累了, 英语这么差, 差很多, 饭凉了): 累 lèi "tired", 差 chà "poor"; elsewhere often not
    (累年, 差值)."""
    before, after = s.before(i), s.after(i)
    if before in DEGREE or not is_word(after) or after in AFTER_ADJECTIVE:
        return reading
    if after in ("很", "好") and s.after(i, 2) in ("多", "远"):
        return reading  # 差/很/多: jiagu parts 很多 after an adjective
    if reading == "cha4" and (after[:1] in NUMBERS or after in ("点", "点儿", "不多")):
        return reading  # 还差一个, 差五分
    return None


def _jiao_sleep(s: Sentence, i: int) -> str | None:
    """觉 alone after 睡 or a measure of it (睡个好觉, 午觉, 两个小时觉) is jiào "a sleep"."""
    before = s.before(i)
    slept = before in ("睡", "个", "好", "午", "一") or before.endswith(("小时", "会儿"))
    return "jiao4" if slept else None


def _chang_or_zhang(s: Sentence, i: int) -> str | None:
    """长 is cháng "long" after a degree word (太长了, 很长) or a unit of length (十厘米长) and
    before a length (长五公里), zhǎng "to grow" before what growing gives (长得, 长大, 长高)."""
    before = s.before(i)
    measured = before[:1] in NUMBERS and before.endswith(tuple(LENGTH_UNITS))  # 两米/长
    if before in DEGREE or before in LENGTH_UNITS or measured:
        return "chang2"
    if s.after(i)[:1] in NUMBERS or s.after(i) in ("约", "达"):
        return "chang2"  # 东西长五公里, 长约两米: a length given
    return "zhang3" if s.after(i) in GROWN else None


def _after_counting(s: Sentence, i: int, reading: str) -> str | None:
    """A measure word's reading after a number or demonstrative (一行 háng, 好几处 chù)."""
    before = s.before(i)
    return reading if _COUNTING.fullmatch(before) or before == "好几" else None


def _ying(s: Sentence, i: int) -> str | None:
    """应 before a verb is the modal yīng "should" (应用蘸的方式), not yìng "to answer"."""
    if s.is_verb(s.after(i)) or s.after(i) in ("该", "当", "依法", "尽快", "及时"):
        return "ying1"
    return "ying1" if s.before(i) in BEFORE_SHOULD and is_word(s.after(i)) else None


def _zhong_plant(s: Sentence, i: int) -> str | None:
    """种 not after a number is the verb zhòng "to plant" before what is planted (种地);
    repeated, the measure word zhǒng (种种 "all kinds of")."""
    if s.before(i) == "种" or s.after(i) == "种":
        return "zhong3"
    if _COUNTING.fullmatch(s.before(i)) or not is_word(s.after(i)):
        return None
    return "zhong4"


def _zhi(s: Sentence, i: int) -> str | None:
    """只 is the adverb zhǐ "only" before a verb (只能, 只凭), the measure word zhī after a
    number, a demonstrative or 有 (一只猫, 有只狗)."""
    after = s.after(i)
    if s.is_verb(after) or after in ("能", "会", "要", "是", "有", "好", "得"):
        return "zhi3"
    before = s.before(i)
    if _COUNTING.fullmatch(before) or before in ("有", "第一") or before[-1:] in NUMBERS:
        return "zhi1" if is_word(after) else None
    return None


# What 多少 "somewhat" (duō shǎo) comes before; elsewhere it asks "how many" (duō shao).
_SOMEWHAT = frozenset("有点 有点儿 有些 也 还 会 能 受 带 带有 懂 知道 了解".split())
# What follows the verb 数 shǔ "to count" (数一数, 数了数, 数钱).
_COUNTED = frozenset("一 一数 着 了 过 钱".split())
# What 东西 "east and west" (dōng xī) comes before; elsewhere it is "thing" (dōng xi).
_DIRECTIONS = frozenset("走方两长宽向南部侧横")
_WILL_OR_TIME = frozenset("再 还 又 要 想 去 来 能 会 敢 快".split())


def _gan(s: Sentence, i: int) -> str | None:
    """干 after a degree word is the adjective gān "dry" (越来越干); after an adverb of will
    or time before what is done, or with who does it, the verb gàn "to do" (再干一年, 他干的)."""
    before, after = s.before(i), s.after(i)
    if before in DEGREE or before == "越来越":
        return "gan1"
    if after in ("什么", "啥", "吗", "嘛", "么") or before in ("事", "活", "没事", "有事"):
        return "gan4"  # 干什么, 没事干
    if after in PRONOUNS or (before in PRONOUNS and after in ("的", "了", "过")):
        return "gan4"  # 干咱的老本行; 是他干的
    if before in _WILL_OR_TIME and is_word(after):
        return "gan4"
    return None


def _ceng(s: Sentence, i: int) -> str | None:
    """曾 after 小 or 老 is the surname Zēng (小曾); before a verb, the adverb céng "once"."""
    if s.before(i) in ("小", "老", "姓"):
        return "zeng1"
    return "ceng2" if s.is_verb(s.after(i)) or s.after(i) in ("是", "经", "有") else None


def _dai(s: Sentence, i: int) -> str | None:
    """待 is dāi "to stay" before where or how long (待在家, 待多久, 待五天)."""
    after = s.after(i)
    if after in ("了", "在", "着", "过") or after[:1] in NUMBERS or after[:1] == "多":
        return "dai1"
    return None


def _zhong_hit(s: Sentence, i: int) -> str | None:
    """中 after V不/V得 is zhòng "to hit the mark" (猜不中, 打得中)."""
    return "zhong4" if s.before(i) in ("不", "得") and is_word(s.before(i, 2)) else None


RULES: dict[str, Rule] = {
    "累": lambda s, i: _degree(s, i, "lei4"),
    "差": lambda s, i: _degree(s, i, "cha4"),
    "凉": lambda s, i: _degree(s, i, "liang2"),
    "少": lambda s, i: "shao3" if s.before(i) in DEGREE or s.before(i) == "越来越" else None,
    "觉": _jiao_sleep,
    "长": _chang_or_zhang,
    "挑": lambda s, i: yan_or_tiao("挑", s.after(i)),  # tiāo, tiǎo before 起/动 (挑起争端)
    "行": lambda s, i: _after_counting(s, i, "hang2"),
    "处": lambda s, i: "chu3" if s.before(i) == "所" else _after_counting(s, i, "chu4"),
    "应": _ying,
    "卡": lambda s, i: "qia3" if s.after(i) in ("在", "住", "着", "那儿", "进", "到") else None,
    "种": _zhong_plant,
    "中": _zhong_hit,
    "只": _zhi,
    "冲": lambda s, i: "chong4" if s.after(i) in PRONOUNS else None,  # 冲我扑过来: towards
    "钉": lambda s, i: (
        "ding4" if s.after(i) in ("牢", "在", "上", "住", "进", "好", "掌") else None
    ),
    "量": lambda s, i: "liang2" if s.after(i) in ("了", "一下", "一", "过", "着") else None,
    "哄": lambda s, i: "hong3" if s.after(i) in PRONOUNS or s.clause_ends_after(i) else None,
    "撒": lambda s, i: "sa3" if s.after(i) in ("在", "落", "满", "到", "上") else None,  # scatter
    "塞": lambda s, i: "sai1" if s.after(i) in ("进", "进去", "到", "入", "满", "住") else None,
    "东西": lambda s, i: "dong1 xi1" if s.after(i)[:1] in _DIRECTIONS else "dong1 xi5",
    "多少": lambda s, i: "duo1 shao3" if s.after(i) in _SOMEWHAT else "duo1 shao5",
    "数": lambda s, i: "shu3" if s.after(i) in _COUNTED or s.before(i, 2) == "数" else None,
    "弹": lambda s, i: "tan2" if s.after(i) in ("钢琴", "琴", "吉他", "奏") else None,
    "蒙": lambda s, i: "meng1" if s.after(i) == "了" else None,  # 一下蒙了: dazed
    "宿": lambda s, i: "xiu3" if _COUNTING.fullmatch(s.before(i)) else None,  # 一宿 "a night"
    "咽": lambda s, i: yan_or_tiao("咽", s.after(i)) if is_word(s.after(i)) else None,
    "背": lambda s, i: "bei1" if s.after(i) in ("在", "起", "上", "到", "包") else None,
    "干": _gan,
    "曾": _ceng,
    "待": _dai,
}
