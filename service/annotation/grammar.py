"""Readings of function words from the words around them, as a grammar book states them.

The reading model was trained on encyclopaedia prose, where 没 is often mò (淹没), 都 dū (首都)
and 为 wéi ("is"); in the sentences a learner reads these are particles and adverbs, and the
word on either side says which: 得 after a verb is the complement particle de (跑得快), before a
verb after its subject the modal děi (我得走了); 地 after an adverbial word is de (慢慢地走); 过
after a verb is the aspect particle guo; 了 after V得/V不 is liǎo (走不了). Each rule looks only
at the word itself and its neighbours (jiagu's words), so it costs a few comparisons per word;
where no rule speaks, the reading model decides. Readings are CC-CEDICT's numbered syllables.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from service.annotation.words import COUNTING as _COUNTING
from service.common.script import has_han

PRONOUNS = frozenset(
    "我 你 您 他 她 它 我们 你们 他们 她们 它们 咱们 咱 大家 自己 人家 别人 谁".split()
)
# Words after which 得 is the modal děi ("must"): a subject, or an adverb before it.
_BEFORE_MODAL = PRONOUNS | frozenset(
    "这 那 就 还 也 都 总 又 可 才 真 非 必须 一定 总是 我们 可能 恐怕 当然 现在 今天 明天 "
    "马上 早晚 迟早 先 再 只 自然".split()
)
# Verbs that 为 completes as wéi ("as, to be"): 成为, 作为, 认为 are words, these stand alone.
_AS_VERBS = frozenset(
    "成 作 称 视 改 分 变 选 定 列 译 当 化 奉 尊 封 立 推 拜 评 以 转"
    " 召 任 升 迁 被 授 追 贬 拔 命名 任命 提拔 推选 评选 指定 誉".split()
)
# Adverbs (and the caption's 图) after which 为 is the copula wéi: 现为, 皆为, 分别为, 图为.
_COPULA_BEFORE = frozenset("现 皆 均 分别 即 乃 图 则 实 多 仍".split())
# Words that make a following 为 "for" (wèi): 为你, 为孩子.
_FOR_WHOM = PRONOUNS | frozenset("孩子 人民 国家 朋友 父母 妈妈 爸爸 家人 此 这 那 什么 何".split())
# What follows the adverb 倒 dào ("on the contrary, actually"), not the verb dǎo ("to fall").
_AFTER_ADVERB_DAO = frozenset(
    "是 也 不 挺 很 还 没 真 蛮 比较 没有 有 不错 好 像 觉得 希望".split()
)
# What the verb 还 huán ("to give back") takes: a thing or a person given back to.
_RETURNED = PRONOUNS | frozenset("书 钱 给 债 款 车 回 清 账 东西".split())
# What follows an adjective as its complement (累死了, 差很多).
_AFTER_ADJECTIVE = frozenset("了 死 坏 极 得 很多 多 得多 远 太多 不少 一些 一点".split())
_NUMBERS = frozenset("一二三四五六七八九十两几半0123456789")
# Degree words before an adjective.
_DEGREE = frozenset(
    "很 太 这么 那么 比较 不 真 挺 最 越来越 特别 非常 有点 有点儿 更 多 好 蛮 相当 太过 够".split()
)
# What 长 zhǎng "to grow" comes before.
_GROWN = frozenset("得 大 高 出 成 满 胖 了 着 个子 肉".split())
# Sentence-final particles that are neutral-toned at the end of a clause.
_FINAL_PARTICLES = {
    "哦": "o5", "啦": "la5", "喽": "lou5", "吧": "ba5", "嘛": "ma5", "呢": "ne5", "耶": "ye5",
    "喔": "o5", "呀": "ya5", "哟": "yo5",
}  # fmt: skip
# Single-character words whose everyday reading as a word of its own is not the model's.
_STANDALONE = {
    "没": "mei2",  # 没 mò lives in words (淹没, 没收)
    "都": "dou1",  # 都 dū lives in words (首都, 都市)
    "教": "jiao1",  # 教 jiào lives in words (宗教, 教室)
    "脏": "zang1",  # 脏 zàng lives in words (心脏)
    "更": "geng4",  # 更 gēng lives in words (更新, 更改)
    "好": "hao3",  # 好 hào "to be fond of" lives in words (爱好, 好奇)
    "远": "yuan3",  # 远 yuàn "to keep away from" is literary
    "难": "nan2",  # 难 nàn "disaster" lives in words (灾难, 遇难)
}

# Words of several readings whose everyday one is not the first: 便宜 is "cheap" (pián yi)
# far more often than "convenient" (biàn yí); 当天 "that same day" is dàng tiān.
_EVERYDAY_WORDS = {"便宜": "pian2 yi5", "当天": "dang4 tian1", "当晚": "dang4 wan3"}

IsVerb = Callable[[str], bool]


def _is_word(token: str) -> bool:
    return has_han(token)


class _Sentence:
    """A text's words, with what a rule asks of a word's neighbours."""

    def __init__(self, words: Sequence[str], is_verb: IsVerb, can_be_verb: IsVerb) -> None:
        self.words = words
        self.is_verb = is_verb  # first of all a verb
        self.can_be_verb = can_be_verb  # has a verb's sense among others (花 "to spend")

    def before(self, index: int, distance: int = 1) -> str:
        at = index - distance
        return self.words[at] if at >= 0 and not self.words[at].isspace() else ""

    def after(self, index: int) -> str:
        at = index + 1
        return self.words[at] if at < len(self.words) else ""

    def clause_ends_after(self, index: int) -> bool:
        return not _is_word(self.after(index))

    def clause_has(self, index: int, word: str, backwards: bool = False) -> bool:
        """Whether `word` stands in the same clause, after (or before) the word at `index`."""
        step = -1 if backwards else 1
        at = index + step
        while 0 <= at < len(self.words) and _is_word(self.words[at]):
            if self.words[at] == word:
                return True
            at += step
        return False

    def verb_follows(self, index: int, within: int = 8) -> bool:
        """Whether a verb comes within a few words after `index`, in the same clause."""
        for at in range(index + 1, min(index + 1 + within, len(self.words))):
            if not _is_word(self.words[at]):
                return False
            if self.is_verb(self.words[at]):
                return True
        return False


def _de_complement_or_modal(s: _Sentence, i: int) -> str | None:
    """得: de after a verb or adjective (跑得快), děi after a subject (我得走了) or before 看
    (这得看你), dé before 了 or 到 (得了第一)."""
    before, after = s.before(i), s.after(i)
    if not _is_word(after):
        return None
    ends = (
        s.clause_ends_after(i + 1) or s.after(i + 1) in _FINAL_PARTICLES or s.after(i + 1) == "吗"
    )
    if after == "了" and s.can_be_verb(before) and ends:
        return "de5"  # 走得了 zǒu de liǎo: a potential complement
    if after in ("了", "到"):
        return "de2"
    if after == "看":
        return "dei3"
    if not before or before in _BEFORE_MODAL:
        return "dei3"  # no verb before it to complement: the modal
    return "de5" if _is_word(before) else None


def _de_adverbial(s: _Sentence, i: int) -> str | None:
    """地 after an adverbial word of two or more characters, before a verb: de (慢慢地走)."""
    before, after = s.before(i), s.after(i)
    if len(before) >= 2 and _is_word(before) and _is_word(after) and before not in PRONOUNS:
        return "de5"
    return None


def _guo(s: _Sentence, i: int) -> str | None:
    """过 after a verb is the aspect particle guo (去过, 喜欢过), unless it points the way
    (走过来, 跑过去)."""
    before, after = s.before(i), s.after(i)
    if s.can_be_verb(before) and before not in PRONOUNS and after not in ("来", "去"):
        return "guo5"
    return None


def _le_or_liao(s: _Sentence, i: int) -> str:
    """了 is liǎo in a potential complement (走得了, 去不了), else the particle le."""
    before = s.before(i)
    if before in ("得", "不") and _is_word(s.before(i, 2)):
        return "liao3"
    return "le5"


def _zhe_or_zhao(s: _Sentence, i: int) -> str | None:
    """着 is zháo in a potential complement (猜不着, 睡不着)."""
    return "zhao2" if s.before(i) in ("不", "得") and _is_word(s.before(i, 2)) else None


def _wei(s: _Sentence, i: int) -> str | None:
    """为 is wéi "as, is" after a verb it completes (选为, 以…为) or as the clause's only verb
    (图为…, 区间为…); wèi "for, in order to" before whom a deed is for (为你高兴) or before
    the deed (为避免…, 为公司工作)."""
    before, after = s.before(i), s.after(i)
    completes = before in _AS_VERBS or before[-1:] in _AS_VERBS or s.before(i, 2) in _AS_VERBS
    if completes or before in _COPULA_BEFORE:
        return "wei2"  # 选为, 提拔为, 称其为; 现为, 皆为, 图为 ("pictured is")
    if s.clause_has(i, "以", backwards=True) or s.clause_has(i, "所"):
        return "wei2"
    if after in _FOR_WHOM or (s.is_verb(after) and after != "是") or s.verb_follows(i):
        return "wei4"
    return "wei2" if _is_word(after) else None


def _hai_or_huan(s: _Sentence, i: int) -> str | None:
    """还 is huán "to give back" before what is given back (还书, 还你钱) and after 没/不
    at the end of a clause (还没还吧)."""
    after = s.after(i)
    if after in _RETURNED:
        return "huan2"
    if s.before(i) in ("没", "不", "要", "得", "该", "想") and after in (
        "",
        "了",
        "吧",
        "吗",
        "呢",
    ):
        return "huan2"
    return None


def _dao(s: _Sentence, i: int) -> str | None:
    """倒 is the adverb dào before a verb or adjective it qualifies (倒不错, 倒是)."""
    return "dao4" if s.after(i) in _AFTER_ADVERB_DAO else None


def _degree(s: _Sentence, i: int, reading: str) -> str | None:
    """An adjective's reading where a degree word or the clause's end says it is one
    (太累了, 英语这么差): 累 lèi "tired", 差 chà "poor"; elsewhere often not (累年, 差值)."""
    before, after = s.before(i), s.after(i)
    if before in _DEGREE or not _is_word(after) or after in _AFTER_ADJECTIVE:
        return reading
    if reading == "cha4" and (after[:1] in _NUMBERS or after in ("点", "点儿", "不多")):
        return reading  # 还差一个, 差五分
    return None


def _jiao_sleep(s: _Sentence, i: int) -> str | None:
    """觉 alone after 睡 or a measure of it (睡个好觉, 午觉) is jiào "a sleep"."""
    return "jiao4" if s.before(i) in ("睡", "个", "好", "午", "一") else None


def _chang_or_zhang(s: _Sentence, i: int) -> str | None:
    """长 is zhǎng "to grow" before what growing gives (长得, 长大, 长高), cháng "long" after
    a degree word (太长, 很长)."""
    if s.after(i) in _GROWN:
        return "zhang3"
    return "chang2" if s.before(i) in _DEGREE else None


def _tiao(s: _Sentence, i: int) -> str:
    """挑 alone is tiāo "to carry on a pole, to pick" (挑水, 挑一个), tiǎo "to stir up" before
    起 or 动 (挑起争端)."""
    return "tiao3" if s.after(i) in ("起", "动", "拨", "逗", "唆") else "tiao1"


def _after_counting(s: _Sentence, i: int, reading: str) -> str | None:
    """A measure word's reading after a number or demonstrative (一行 háng)."""
    return reading if _COUNTING.fullmatch(s.before(i)) else None


def _ying(s: _Sentence, i: int) -> str | None:
    """应 before a verb is the modal yīng "should" (应用蘸的方式), not yìng "to answer"."""
    return "ying1" if s.is_verb(s.after(i)) or s.after(i) in ("该", "当") else None


def _qia(s: _Sentence, i: int) -> str | None:
    """卡 is qiǎ "to be stuck" before where or how it sticks (卡在, 卡住)."""
    return "qia3" if s.after(i) in ("在", "住", "着", "那儿", "进", "到") else None


def _zhong(s: _Sentence, i: int) -> str | None:
    """种 not after a number is the verb zhòng "to plant" before what is planted (种地)."""
    if _COUNTING.fullmatch(s.before(i)) or not _is_word(s.after(i)):
        return None
    return "zhong4"


def _final_particle(s: _Sentence, i: int) -> str | None:
    return _FINAL_PARTICLES[s.words[i]] if s.clause_ends_after(i) and s.before(i) else None


_RULES: dict[str, Callable[[_Sentence, int], str | None]] = {
    "得": _de_complement_or_modal,
    "地": _de_adverbial,
    "过": _guo,
    "了": _le_or_liao,
    "着": _zhe_or_zhao,
    "为": _wei,
    "还": _hai_or_huan,
    "倒": _dao,
    "累": lambda s, i: _degree(s, i, "lei4"),
    "差": lambda s, i: _degree(s, i, "cha4"),
    "觉": _jiao_sleep,
    "长": _chang_or_zhang,
    "挑": _tiao,
    "行": lambda s, i: _after_counting(s, i, "hang2"),
    "应": _ying,
    "卡": _qia,
    "种": _zhong,
    "待": lambda s, i: "dai1" if s.after(i) in ("了", "在", "着", "过", "一") else None,
    **dict.fromkeys(_FINAL_PARTICLES, _final_particle),
}


def function_word_readings(
    words: Sequence[str], is_verb: IsVerb, can_be_verb: IsVerb
) -> dict[int, str]:
    """The numbered reading (syllables space-separated) of each word a rule decides, by word
    index."""
    sentence = _Sentence(words, is_verb, can_be_verb)
    decided: dict[int, str] = {}
    for index, word in enumerate(words):
        fixed = _STANDALONE.get(word) or _EVERYDAY_WORDS.get(word)
        if fixed:
            decided[index] = fixed
            continue
        rule = _RULES.get(word)
        reading = rule(sentence, index) if rule else None
        if reading is not None:
            decided[index] = reading
    return decided


def inside_word_readings(word: str) -> dict[int, str]:
    """Readings a rule decides inside a word no dictionary lists (jiagu's 去不了, 睡不着):
    了 liǎo and 着 zháo of a potential complement, by offset in the word."""
    return {
        offset: {"了": "liao3", "着": "zhao2"}[char]
        for offset, char in enumerate(word)
        if char in "了着" and offset >= 2 and word[offset - 1] in "不得"
    }
