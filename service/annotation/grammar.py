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

from service.annotation.inside_words import yan_or_tiao
from service.annotation.word_classes import (
    AFTER_ADJECTIVE,
    AFTER_ADVERB_DAO,
    AS_VERBS,
    BEFORE_MODAL,
    BEFORE_OBTAINED,
    BEFORE_SHOULD,
    COPULA_BEFORE,
    DEGREE,
    EVERYDAY_WORDS,
    FINAL_PARTICLES,
    FOR_WHOM,
    GROWN,
    NUMBERS,
    PRONOUNS,
    QUOTES,
    RETURNED,
    STANDALONE,
)
from service.annotation.words import COUNTING as _COUNTING
from service.annotation.words import MEASURE_CHARS
from service.common.script import has_han

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

    def deed_follows(self, index: int) -> bool:
        """Whether a verb follows in the clause (quotes within it skipped) that is not a
        modifier before 的 and a noun (属的动物 describes; 做饭, 工作的。 are deeds)."""
        at = index + 1
        while at < len(self.words) and (_is_word(self.words[at]) or self.words[at] in QUOTES):
            word = self.words[at]
            describes = self.after(at) == "的" and _is_word(self.after(at + 1))
            if _is_word(word) and self.is_verb(word) and not describes:
                return True
            at += 1
        return False


def _de_complement_or_modal(s: _Sentence, i: int) -> str | None:
    """得: de after a verb or adjective (跑得快), děi after a subject (我得走了) or before 看
    (这得看你), dé before 了 or 到 (得了第一)."""
    before, after = s.before(i), s.after(i)
    if not _is_word(after):
        return None
    ends = s.clause_ends_after(i + 1) or s.after(i + 1) in FINAL_PARTICLES or s.after(i + 1) == "吗"
    if after == "了" and s.can_be_verb(before) and ends:
        return "de5"  # 走得了 zǒu de liǎo: a potential complement
    if after in ("了", "到") or before in BEFORE_OBTAINED:
        return "de2"  # 得了第一; 该得的, 各得其所: to obtain
    if after == "看":
        return "dei3"
    if not before or before in BEFORE_MODAL:
        return "dei3"  # no verb before it to complement: the modal
    return "de5" if _is_word(before) else None


def _de_adverbial(s: _Sentence, i: int) -> str | None:
    """地 after an adverbial of two or more characters, before a verb: de (慢慢地走); so too
    after a degree word and its adjective (很响地吼), a repeated measure (一张又一张地拍) or a
    quoted adverbial (“一刀切”地). Not before what a place undergoes (养殖地被淹)."""
    before, after = s.before(i), s.after(i)
    if not _is_word(after) or after in ("被", "是", "的", "和", "与", "上", "里"):
        return None
    if len(before) >= 2 and _is_word(before) and before not in PRONOUNS:
        return "de5"
    if s.before(i, 2) in DEGREE and _is_word(before):
        return "de5"
    quoted = before in ("”", "」") and s.is_verb(after)
    return "de5" if quoted or (before in MEASURE_CHARS and s.before(i, 2) == "一") else None


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
    completes = before in AS_VERBS or before[-1:] in AS_VERBS or s.before(i, 2) in AS_VERBS
    if completes or before in COPULA_BEFORE:
        return "wei2"  # 选为, 提拔为, 称其为; 现为, 皆为, 图为 ("pictured is")
    if s.clause_has(i, "以", backwards=True) or s.clause_has(i, "所"):
        return "wei2"
    if after in FOR_WHOM or (s.is_verb(after) and after != "是"):
        return "wei4"
    if not _is_word(after):
        return None
    return "wei4" if s.deed_follows(i) else "wei2"  # 为孩子做饭; 为舌蛭科的动物


def _hai_or_huan(s: _Sentence, i: int) -> str | None:
    """还 is huán "to give back" before what is given back (还书, 还你钱) and after 没/不
    at the end of a clause (还没还吧)."""
    after = s.after(i)
    if after in RETURNED:
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
    return "dao4" if s.after(i) in AFTER_ADVERB_DAO else None


def _degree(s: _Sentence, i: int, reading: str) -> str | None:
    """An adjective's reading where a degree word or the clause's end says it is one
    (太累了, 英语这么差): 累 lèi "tired", 差 chà "poor"; elsewhere often not (累年, 差值)."""
    before, after = s.before(i), s.after(i)
    if before in DEGREE or not _is_word(after) or after in AFTER_ADJECTIVE:
        return reading
    if reading == "cha4" and (after[:1] in NUMBERS or after in ("点", "点儿", "不多")):
        return reading  # 还差一个, 差五分
    return None


def _jiao_sleep(s: _Sentence, i: int) -> str | None:
    """觉 alone after 睡 or a measure of it (睡个好觉, 午觉) is jiào "a sleep"."""
    return "jiao4" if s.before(i) in ("睡", "个", "好", "午", "一") else None


def _chang_or_zhang(s: _Sentence, i: int) -> str | None:
    """长 is zhǎng "to grow" before what growing gives (长得, 长大, 长高), cháng "long" after
    a degree word (太长, 很长)."""
    if s.after(i) in GROWN:
        return "zhang3"
    return "chang2" if s.before(i) in DEGREE else None


def _after_counting(s: _Sentence, i: int, reading: str) -> str | None:
    """A measure word's reading after a number or demonstrative (一行 háng)."""
    return reading if _COUNTING.fullmatch(s.before(i)) else None


def _ying(s: _Sentence, i: int) -> str | None:
    """应 before a verb is the modal yīng "should" (应用蘸的方式), not yìng "to answer"."""
    if s.is_verb(s.after(i)) or s.after(i) in ("该", "当"):
        return "ying1"
    return "ying1" if s.before(i) in BEFORE_SHOULD and _is_word(s.after(i)) else None


def _chong(s: _Sentence, i: int) -> str | None:
    """冲 before whom it faces is chòng "towards" (冲我扑过来)."""
    return "chong4" if s.after(i) in PRONOUNS else None


def _qia(s: _Sentence, i: int) -> str | None:
    """卡 is qiǎ "to be stuck" before where or how it sticks (卡在, 卡住)."""
    return "qia3" if s.after(i) in ("在", "住", "着", "那儿", "进", "到") else None


def _zhong(s: _Sentence, i: int) -> str | None:
    """种 not after a number is the verb zhòng "to plant" before what is planted (种地)."""
    if _COUNTING.fullmatch(s.before(i)) or not _is_word(s.after(i)):
        return None
    return "zhong4"


def _zhi(s: _Sentence, i: int) -> str | None:
    """只 is the adverb zhǐ "only" before a verb (只能, 只凭), the measure word zhī after a
    number, a demonstrative or 有 (一只猫, 有只狗)."""
    after = s.after(i)
    if s.is_verb(after) or after in ("能", "会", "要", "是", "有", "好", "得"):
        return "zhi3"
    before = s.before(i)
    if _COUNTING.fullmatch(before) or before in ("有", "第一") or before[-1:] in NUMBERS:
        return "zhi1" if _is_word(after) else None
    return None


def _gan(s: _Sentence, i: int) -> str | None:
    """干 after a degree word is the adjective gān "dry" (越来越干); after an adverb of will
    or time before what is done, the verb gàn "to do" (再干一年)."""
    before = s.before(i)
    if before in DEGREE or before == "越来越":
        return "gan1"
    if s.after(i) in ("什么", "啥", "吗", "嘛", "么") or before in ("事", "活", "没事", "有事"):
        return "gan4"  # 干什么, 没事干
    if before in ("再", "还", "又", "要", "想", "去", "来", "能", "会", "敢", "快") and _is_word(
        s.after(i)
    ):
        return "gan4"
    return None


def _ceng(s: _Sentence, i: int) -> str | None:
    """曾 after 小 or 老 is the surname Zēng (小曾); before a verb, the adverb céng "once"."""
    if s.before(i) in ("小", "老", "姓"):
        return "zeng1"
    return "ceng2" if s.is_verb(s.after(i)) or s.after(i) in ("是", "经", "有") else None


def _dai(s: _Sentence, i: int) -> str | None:
    """待 is dāi "to stay" before where or how long (待在家, 待多久, 待了一天)."""
    after = s.after(i)
    if after in ("了", "在", "着", "过") or after[:1] in ("一", "多", "几"):
        return "dai1"
    return None


def _final_particle(s: _Sentence, i: int) -> str | None:
    return FINAL_PARTICLES[s.words[i]] if s.clause_ends_after(i) and s.before(i) else None


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
    "挑": lambda s, i: yan_or_tiao("挑", s.after(i)),  # tiāo, tiǎo before 起/动 (挑起争端)
    "行": lambda s, i: _after_counting(s, i, "hang2"),
    "应": _ying,
    "卡": _qia,
    "种": _zhong,
    "只": _zhi,
    "冲": _chong,
    "处": lambda s, i: "chu3" if s.before(i) == "所" else None,  # 所处: where one is
    "钉": lambda s, i: (
        "ding4" if s.after(i) in ("牢", "在", "上", "住", "进", "好", "掌") else None
    ),
    "量": lambda s, i: "liang2" if s.after(i) in ("了", "一下", "一", "过", "着") else None,
    "哄": lambda s, i: "hong3" if s.after(i) in PRONOUNS or s.clause_ends_after(i) else None,
    "撒": lambda s, i: "sa3" if s.after(i) in ("在", "落", "满", "到", "上") else None,  # scatter
    "宿": lambda s, i: "xiu3" if _COUNTING.fullmatch(s.before(i)) else None,  # 一宿 "a night"
    "咽": lambda s, i: yan_or_tiao("咽", s.after(i)) if _is_word(s.after(i)) else None,
    "背": lambda s, i: "bei1" if s.after(i) in ("在", "起", "上", "到", "包") else None,
    "干": _gan,
    "曾": _ceng,
    "待": _dai,
    **dict.fromkeys(FINAL_PARTICLES, _final_particle),
}


def function_word_readings(
    words: Sequence[str], is_verb: IsVerb, can_be_verb: IsVerb
) -> dict[int, str]:
    """The numbered reading (syllables space-separated) of each word a rule decides, by word
    index."""
    sentence = _Sentence(words, is_verb, can_be_verb)
    decided: dict[int, str] = {}
    for index, word in enumerate(words):
        fixed = STANDALONE.get(word) or EVERYDAY_WORDS.get(word)
        if fixed:
            decided[index] = fixed
            continue
        rule = _RULES.get(word)
        reading = rule(sentence, index) if rule else None
        if reading is not None:
            decided[index] = reading
    return decided
