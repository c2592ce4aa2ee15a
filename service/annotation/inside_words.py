"""Readings the rules decide inside a word no dictionary lists (jiagu's 去不了, 长高, 一宿).

jiagu joins words the dictionary does not hold; their characters then have no word reading
to keep, and the reading model, trained on encyclopaedia prose, often reads them as it would
inside a literary compound. The characters' neighbours inside the word say more.
"""

from __future__ import annotations

from service.annotation.word_classes import GROWN, STANDALONE

# A free character's reading after these characters inside a word: 一宿 xiǔ "a night", 短发
# fà "hair", 甚少 shǎo, 砸中 zhòng "to hit".
_INSIDE_AFTER = {
    "宿": ("一两几半整", "xiu3"),
    "发": ("短长白黑乱卷金秀烫染", "fa4"),
    "中": ("砸打射击猜踢投", "zhong4"),
    "行": ("车农工建", "hang2"),  # 车行 "car dealer", 农行 "the Agricultural Bank"
    "处": ("所", "chu3"),  # 所处 "where one is"
    "觉": ("睡好午", "jiao4"),  # 好觉 "a sleep"
    "少": ("甚很太极较最越", "shao3"),  # 越来越少
    "干": ("抽晒烘吹擦烤晾喝蒸", "gan1"),  # 抽干 "to drain dry"
    "倒": ("踢推摔跌撞砍打绊压扳累病晕", "dao3"),  # 踢倒 "to kick over"
    "只": ("犬禽畜", "zhi1"),  # 犬只 "dogs"
    "蒙": ("搞吓打弄", "meng1"),  # 搞蒙 "to confuse"
}
# A free first character's reading before these characters: 累倒 lèi "tired", 粘满 zhān.
_INSIDE_BEFORE = {
    "累": ("倒坏死病垮", "lei4"),
    "粘": ("满在上住贴", "zhan1"),
    "钉": ("牢在上住掌", "ding4"),
    "塞": ("进到入满住", "sai1"),  # 塞进去 "to stuff in"
    "撒": ("落满在上到", "sa3"),  # 撒落 "to scatter"
    "差": ("多远点", "cha4"),  # 差多了 "far worse"
    "数": ("一钱数着了过不清完", "shu3"),  # 数一数, 数钱 "to count"
    "弹": ("钢琴吉奏", "tan2"),  # 弹钢琴 "to play the piano"
    "种": ("棉麦稻菜树花田豆粮瓜果草茶", "zhong4"),  # 种棉 "to plant cotton"
}


# Characters of degree before an adjective inside a word: 较长 cháng "rather long".
_DEGREE_CHARS = frozenset("很太最更较极超过偏好")


def yan_or_tiao(char: str, after: str) -> str:
    """咽 yàn "to swallow" (咽不下), 挑 tiāo "to carry on a pole, to pick" (挑水, 挑一个)
    unless it stirs up, tiǎo (挑起争端); alone or first in a word."""
    if char == "咽":
        return "yan4" if after in ("不", "下", "得", "了", "进") else "yan1"
    return "tiao3" if after in ("起", "动", "拨", "逗", "唆") else "tiao1"


def inside_word_readings(word: str, free: frozenset[int]) -> dict[int, str]:
    """Readings a rule decides inside a word no dictionary lists, by offset in the word: 了
    liǎo and 着 zháo of a potential complement, whatever the word's parts say; at the `free`
    offsets (no dictionary part covers them) 长 zhǎng before what growing gives and cháng
    first in a word (长刀), 卡 qiǎ "stuck", the readings after the
    characters of _INSIDE_AFTER, 咽 and 挑 first in a word, and a first character's
    standalone reading (更何况 gèng)."""
    found: dict[int, str] = {}
    for offset, char in enumerate(word):
        before, after = word[offset - 1 : offset], word[offset + 1 : offset + 2]
        if char in "了着" and offset >= 2 and before in ("不", "得"):
            found[offset] = {"了": "liao3", "着": "zhao2"}[char]
        elif offset not in free:
            continue
        elif char == "长" and (after in GROWN or offset == 0):
            found[offset] = "zhang3" if after in GROWN else "chang2"  # 长高; 长刀, 长命
        elif char == "长" and not after and before not in _DEGREE_CHARS:
            found[offset] = "zhang3"  # 警长, 里长: the head of
        elif char == "好" and not after:
            found[offset] = "hao3"  # 穿好, 修好: done well (hào "fond of" lives in words)
        elif char == "卡" and after in ("在", "住"):
            found[offset] = "qia3"  # 卡在, 卡住: stuck
        elif char in _INSIDE_AFTER and before and before in _INSIDE_AFTER[char][0]:
            found[offset] = _INSIDE_AFTER[char][1]
        elif offset == 0 and char in _INSIDE_BEFORE and after and after in _INSIDE_BEFORE[char][0]:
            found[offset] = _INSIDE_BEFORE[char][1]
        elif char in "咽挑" and offset == 0:
            found[offset] = yan_or_tiao(char, after)
        elif offset == 0 and char in STANDALONE:
            found[offset] = STANDALONE[char]
        elif offset == 2 and before == "一" and char == word[0] and 0 in found:
            found[offset] = found[0]  # 数一数 shǔ yī shǔ: the verb said twice
    return found
