"""Readings of function words from the words around them, as a grammar book states them.

The reading model was trained on encyclopaedia prose, where 没 is often mò (淹没), 都 dū (首都)
and 为 wéi ("is"); in the sentences a learner reads these are particles and adverbs, and the
word on either side says which: 得 after a verb is the complement particle de (跑得快), before a
verb after its subject the modal děi (我得走了); 地 after an adverbial word is de (慢慢地走); 过
after a verb is the aspect particle guo; 了 after V得/V不 is liǎo (走不了). Each rule looks only
at the word itself and its neighbours (jiagu's words), so it costs a few comparisons per word;
content words (累, 长, 只, 干…) have their rules in content_words; where no rule speaks, the
reading model decides. Readings are CC-CEDICT's numbered syllables.
"""

from __future__ import annotations

from collections.abc import Sequence

from service.annotation import content_words
from service.annotation.sentence import IsVerb, Sentence, is_word
from service.annotation.word_classes import (
    AFTER_ADVERB_DAO,
    AS_VERBS,
    BEFORE_MODAL,
    BEFORE_OBTAINED,
    COPULA_BEFORE,
    DEGREE,
    EVERYDAY_WORDS,
    FINAL_PARTICLES,
    FOR_WHOM,
    NUMBERS,
    PRONOUNS,
    QUOTES,
    RETURNED,
    STANDALONE,
)
from service.annotation.words import MEASURE_CHARS

_QUOTES = "".join(QUOTES)


def _de_complement_or_modal(s: Sentence, i: int) -> str | None:
    """得: de after a verb or adjective (跑得快), děi after a subject (我得走了) or before 看
    (这得看你), dé before 了 or 到 (得了第一)."""
    before, after = s.before(i), s.after(i)
    if not is_word(after):
        return None
    ends = s.clause_ends_after(i + 1) or s.after(i + 1) in FINAL_PARTICLES or s.after(i + 1) == "吗"
    if after == "了" and s.can_be_verb(before) and ends:
        return "de5"  # 走得了 zǒu de liǎo: a potential complement
    had = after == "过" and not s.can_be_verb(before)  # not 告得过 "can win against"
    if after in ("了", "到") or had or before in BEFORE_OBTAINED:
        return "de2"  # 得了第一, 我得过肝炎; 该得的, 各得其所: to obtain
    if after == "看":
        return "dei3"
    if not is_word(before) or before in BEFORE_MODAL or s.is_noun(before):
        return "dei3"  # no verb before it to complement: the modal (，得先从…, 这件事得问)
    return "de5" if is_word(before) else None


def _de_adverbial(s: Sentence, i: int) -> str | None:
    """地 after an adverbial of two or more characters, before a verb: de (慢慢地走); so too
    after a degree word and its adjective (很响地吼), a repeated measure (一张又一张地拍) or a
    quoted adverbial (“一刀切”地). Not before what a place undergoes (养殖地被淹)."""
    before, after = s.before(i), s.after(i)
    if not is_word(after) or after in ("被", "是", "的", "和", "与", "上", "里"):
        return None
    if len(before) >= 2 and is_word(before) and before not in PRONOUNS:
        return "de5"
    if s.before(i, 2) in DEGREE and is_word(before):
        return "de5"
    quoted = before in ("”", "」") and s.is_verb(after)
    return "de5" if quoted or (before in MEASURE_CHARS and s.before(i, 2) == "一") else None


def _guo(s: Sentence, i: int) -> str | None:
    """过 after a verb is the aspect particle guo (去过, 喜欢过), unless it points the way
    (走过来, 跑过去) or completes a potential complement, guò (跑得过, 比不过 "can(not) beat")."""
    before, after = s.before(i), s.after(i)
    if before in ("得", "不") and s.can_be_verb(s.before(i, 2)):
        return "guo4"
    if s.can_be_verb(before) and before not in PRONOUNS and after not in ("来", "去"):
        return "guo5"
    return None


def _le_or_liao(s: Sentence, i: int) -> str:
    """了 is liǎo in a potential complement (走得了, 去不了), else the particle le."""
    before = s.before(i)
    if before in ("得", "不") and is_word(s.before(i, 2)):
        return "liao3"
    return "le5"


def _zhe_or_zhao(s: Sentence, i: int) -> str | None:
    """着 is zháo in a potential complement (猜不着, 睡不着)."""
    return "zhao2" if s.before(i) in ("不", "得") and is_word(s.before(i, 2)) else None


# Words joining a second predicate to the first: 为制片人并担任嘉宾 ends 为's phrase at 并.
_PREDICATE_JOINS = frozenset("并 并且 且 而且".split())
# What 为 "is" ranks at a clause's end: 为主 "mainly", 为多 "mostly", 为宜 "advisable".
_RANKED = frozenset("主 多 宜 佳 少 好 最 重".split())


def _wei(s: Sentence, i: int) -> str | None:
    """为 is wéi "as, is" after a verb it completes (选为, 以…为) or as the clause's only verb
    (图为…, 区间为…, 为制片人并担任…); wèi "for, in order to" before whom a deed is for
    (为你高兴), before the deed (为避免…, 为公司工作) or the cause of 为…而… (为讨工钱而来)."""
    before, after = s.before(i), s.after(i)
    completes = before in AS_VERBS or before[-1:] in AS_VERBS or s.before(i, 2) in AS_VERBS
    if completes:
        return "wei2"  # 选为, 提拔为, 称其为
    if s.clause_has(i, "以", backwards=True) or s.clause_has(i, "所"):
        return "wei2"
    if s.clause_has(i, "而"):
        return "wei4"  # 仍为讨工钱而来
    if before in COPULA_BEFORE or (after in _RANKED and s.clause_ends_after(i + 1)):
        return "wei2"  # 现为, 皆为, 图为 ("pictured is"); 以…为主, 结婚为多
    if after[:1] in NUMBERS and (s.clause_has(i, "至") or s.clause_has(i, "到")):
        return "wei2"  # 区间为五到八元: a range
    if after in FOR_WHOM or (s.is_verb(after) and after != "是"):
        return "wei4"
    if not is_word(after):
        return None
    deed = s.deed_follows(i, stops=_PREDICATE_JOINS)
    return "wei4" if deed else "wei2"  # 为孩子做饭; 为舌蛭科的动物


def _hai_or_huan(s: Sentence, i: int) -> str:
    """还 is huán "to give back" before what is given back (还书, 还你钱) and after 没/不
    at the end of a clause (还没还吧); elsewhere the adverb hái "still, also"."""
    after = s.after(i)
    if after in RETURNED or (after == "不" and s.after(i, 2) in ("了", "起", "清")):
        return "huan2"  # 还不了 "cannot pay back"
    if after == "了":
        return "huan2"  # 书还了吗: given back (the adverb does not take 了)
    ends = not is_word(after) or after in ("吧", "吗", "呢")
    if s.before(i)[-1:] in ("没", "不", "要", "得", "该", "想") and ends:
        return "huan2"  # 书看完了要还, 总得还
    return "hai2"


def _final_particle(s: Sentence, i: int) -> str | None:
    before = s.before(i)
    return FINAL_PARTICLES[s.words[i]] if s.clause_ends_after(i) and before.strip(_QUOTES) else None


_RULES: dict[str, content_words.Rule] = {
    "得": _de_complement_or_modal,
    "地": _de_adverbial,
    "过": _guo,
    "了": _le_or_liao,
    "着": _zhe_or_zhao,
    "为": _wei,
    "还": _hai_or_huan,
    "倒": lambda s, i: "dao4" if s.after(i) in AFTER_ADVERB_DAO else None,  # 倒不错: adverb
    **content_words.RULES,
    **dict.fromkeys(FINAL_PARTICLES, _final_particle),
}


def function_word_readings(
    words: Sequence[str], is_verb: IsVerb, can_be_verb: IsVerb, is_noun: IsVerb
) -> dict[int, str]:
    """The numbered reading (syllables space-separated) of each word a rule decides, by word
    index."""
    sentence = Sentence(words, is_verb, can_be_verb, is_noun)
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
    for index in range(len(words) - 2):  # A-not-A (累不累): the first A reads as the second
        asked = words[index + 1] == "不" and words[index] == words[index + 2]
        if asked and index + 2 in decided:
            decided[index] = decided[index + 2]
    return decided
