"""Undoing jiagu's merges that make a different word than the sentence says.

jiagu's route over word frequencies sometimes joins a character to its neighbour into a
dictionary word of another meaning: a measure word into the noun it counts (这/本书 "this
book" read as 本书 "this very book", 两/个人 as 个人 "individual"), a number and measure into a
noun (一行字: 一行 "a group of travellers"), an adverb into the modal or verb after it
(我们都会去: 都会 "metropolis"; 你才能去: 才能 "talent"), a verb and an adverb into a place name
(花都行: 花都, a district of Guangzhou), a verb and 了 into an adverb (到了 "finally"). Each
rule splits such a word only where its neighbours show the merge (a number or demonstrative
before the measure word, a verb after the adverb) and the pieces are words themselves, so the
words jiagu gets right stay (个人意见, 他很有才能).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from service.annotation.words import COUNTING as _COUNTING
from service.annotation.words import MEASURE_CHARS as MEASURES
from service.common.script import has_han

_ADVERBS = frozenset("都才就也还又再")
# Measure words that also start words of their own (道理, 顿时, 颗粒): split off only from a
# word no dictionary lists (这道题).
_MORE_MEASURES = frozenset("道顿颗粒幅趟遍")
_ASPECT = frozenset("了过着完")
_NEGATIONS = frozenset("不没")
_DEGREE = frozenset("很太挺")
_MODALS = frozenset("会能要想可")
_PLACES = frozenset("里上中内外边")  # locatives after a noun: 湖里 "in the lake"
_TOWARDS = frozenset("在 到 进 从 往 向".split())
# What follows 地/下 "falls": the clause's end, an aspect particle, a direction.
_AFTER_DOWN = frozenset(("", "。", "，", "！", "了", "着", "来", "去"))
# What a noun such as 都会 "metropolis" follows.
_BEFORE_NOUN = frozenset("的 大 个 这 那 国际 现代 有 没有 具有 很有".split())


@dataclass(frozen=True)
class WordFacts:
    """What the rules ask the dictionary about a word."""

    is_word: Callable[[str], bool]  # a dictionary headword
    is_verb: Callable[[str], bool]  # has a verb's sense ("to ...")
    is_only_a_name: Callable[[str], bool]  # every reading is a proper name
    is_listed: Callable[[str], bool]  # in an HSK word list
    reading: Callable[[str], str]  # the first dictionary reading, numbered ("" if none)


def _modal_after_noun(word: str, after: str, facts: WordFacts) -> bool:
    """A noun and the modal after it joined into no dictionary word, a verb following."""
    if len(word) != 2 or word[1] not in _MODALS or facts.is_word(word):
        return False
    return facts.is_word(word[0]) and has_han(after) and facts.is_verb(after)


def _split_one(words: Sequence[str], i: int, facts: WordFacts) -> list[str] | None:
    word = words[i]
    before = words[i - 1] if i else ""
    after = words[i + 1] if i + 1 < len(words) else ""
    if len(word) < 2 or not has_han(word):
        return None
    head, rest = word[0], word[1:]
    counted_noun = _COUNTING.fullmatch(before) and facts.is_word(rest)
    if counted_noun and (head in MEASURES or (head in _MORE_MEASURES and not facts.is_word(word))):
        return [head, rest]  # 这/本书 → 这/本/书, 两/个人 → 两/个/人, 这/道题 (not 这/道理)
    counted = len(word) == 2 and head in "一两" and rest in MEASURES and facts.is_word(word)
    if counted and has_han(after) and not facts.is_verb(after):
        return [head, rest]  # 一行/字 → 一/行/字 (not 一块去 "together")
    noun_place = before in _BEFORE_NOUN  # 的都会, 有才能
    modal = len(word) == 2 and head in _ADVERBS and rest in _MODALS and not noun_place
    if modal and (not has_han(after) or facts.is_verb(after) or head in "都才"):
        return [head, rest]  # 都会/去 → 都/会/去, 才能/去 → 才/能/去
    if _modal_after_noun(word, after, facts):
        return [head, rest]  # 鸟会/唱歌 → 鸟/会/唱歌: "birds can sing", no word 鸟会
    if len(word) == 2 and rest in _ADVERBS and facts.is_only_a_name(word) and has_han(after):
        return [head, rest]  # 花都/行 → 花/都/行
    if len(word) == 2 and rest in _PLACES and before in _TOWARDS and facts.is_only_a_name(word):
        return [head, rest]  # 在/湖里 → 在/湖/里 "in the lake", not Húlǐ (a district)
    adverbial = word[-1] == "地" and not facts.is_word(word)
    described = facts.is_word(word[:-1]) or head in "更很最越太挺"  # 情愿地, 更好地
    if adverbial and described and facts.is_verb(after):
        return [word[:-1], "地"]  # 更好地/学 → 更好/地/学: the adverbial particle de
    if word in ("地下", "地上") and len(before) >= 2 and has_han(before) and after in _AFTER_DOWN:
        return [head, rest]  # 雪不停/地下 → 不停/地/下: falls without stopping, not "underground"
    if word == "得很" and has_han(after) and has_han(before):
        return [head, rest]  # 说/得很/对 → 说/得/很/对 (得很 "very" ends a phrase: 好得很)
    if word == "得当" and before in _ADVERBS | {"可", "也"} and has_han(after):
        return [head, rest]  # 也/得当/药 → 也/得/当/药: must treat as, not 得当 "proper"
    if word == "不过" and len(before) == 1 and facts.is_verb(before) and has_han(after):
        return [head, rest]  # 说/不过/他 → 说/不/过/他: cannot out-argue him, not "but"
    if word == "得了" and facts.is_verb(before):
        return [head, rest]  # 走/得了 → 走/得/了: a potential complement, not 得了 "done"
    if len(word) == 2 and head in _NEGATIONS and not facts.is_listed(word):
        return [head, rest]  # 不想 → 不/想: "not" and the verb, as a learner looks them up
    if len(word) == 2 and head in _DEGREE and not facts.is_listed(word):
        return [head, rest]  # 很多 → 很/多
    aspect = len(word) == 2 and rest in _ASPECT and facts.is_verb(head)
    if aspect and not facts.is_listed(word) and (rest == "了" or not facts.is_word(word)):
        return [head, rest]  # 到了 → 到/了, 去过 → 去/过
    return None


# What stands before a noun 穿着 "attire" or adjective 沉着 "calm", not the verb and 着.
_BEFORE_ZHUO = frozenset("的 很 太 非常 比较 十分 其 一身 他的 她的 很是 更".split())
_NOT_WORN = frozenset("于 的 地 得 了 是 也 都 很 就 还 打扮 方面 上".split())


def _split_zhe(words: Sequence[str], i: int, facts: WordFacts) -> list[str] | None:
    """A verb and the aspect particle 着 zhe read as a word with zhuó: 穿着/花棉袄 ("wearing",
    not "attire"), 眯/着眼 (眯着/眼 "squinting"), 想/着想/着 (想着想着)."""
    word = words[i]
    before = words[i - 1] if i else ""
    after = words[i + 1] if i + 1 < len(words) else ""
    if len(word) != 2 or "着" not in word:
        return None
    reading = facts.reading(word).split()
    if word[1] == "着" and reading[1:] == ["zhuo2"] and facts.is_verb(word[0]):
        worn = has_han(after) and after not in _NOT_WORN
        return [word[0], "着"] if worn and before not in _BEFORE_ZHUO else None
    verb_before = len(before) == 1 and has_han(before) and facts.is_verb(before)
    if word[0] == "着" and reading[:1] == ["zhuo2"] and verb_before and facts.is_word(word[1]):
        return ["着", word[1]]
    return None


# What makes a clause's 的话 "if" (如果…的话), not 的/话 "the words".
_SUPPOSING = frozenset("如果 要是 假如 假若 若 若是 倘若 万一 只要".split())


def _split_set_phrase(words: Sequence[str], i: int, facts: WordFacts) -> list[str] | None:
    """那是 "of course", 把门 "to guard a gate" and 的话 "if" read where the sentence says 那/是
    "that is" (那是我的朋友), 把/门 + a verb (把门关上, 把手放在…) and 说/的/话 "what was said"
    (他说的话我听不懂; not after 如果…)."""
    word = words[i]
    before = words[i - 1] if i else ""
    after = words[i + 1] if i + 1 < len(words) else ""
    if word == "那是" and has_han(after):
        return ["那", "是"]
    verb_after = facts.is_verb(after) or (has_han(after) and facts.is_verb(after[:1]))
    if len(word) == 2 and word[0] == "把" and facts.is_word(word[1]) and verb_after:
        return ["把", word[1]]
    if word == "的话" and facts.is_verb(before) and has_han(after):
        supposed = any(w in _SUPPOSING for w in words[:i])
        return None if supposed else ["的", "话"]
    return None


# Words jiagu cuts at the wrong place, read again: 一/共有 "one / to share" is 一共/有 "in all
# there are" (我们班一共有二十个人).
_RECUT = {("一", "共有"): ("一共", "有")}


def split_merges(words: list[str], facts: WordFacts) -> list[str]:
    """jiagu's words with each merge the rules recognise split into its words."""
    fixed: list[str] = []
    for i, word in enumerate(words):
        recut = _RECUT.get((fixed[-1], word)) if fixed else None
        if recut:
            fixed[-1:] = recut
            continue
        split = _split_one(words, i, facts) or _split_zhe(words, i, facts)
        fixed.extend(split or _split_set_phrase(words, i, facts) or [word])
    return fixed
