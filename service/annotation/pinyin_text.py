"""Pinyin spellings: CC-CEDICT's numbered form, tone marks, and zhuyin (bopomofo).

Small tables instead of pypinyin, which costs ~54 MB resident when imported and is only used
to build the lexicon. A syllable these tables do not know is returned unchanged.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_MARKS = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}  # combining macron, acute...
_COMBINING = {tone: mark for mark, tone in _MARKS.items()}
_NUMBERED = re.compile(r"^([A-Za-züÜ:v]+?)([1-5])$")

_INITIALS = {
    "b": "ㄅ", "p": "ㄆ", "m": "ㄇ", "f": "ㄈ", "d": "ㄉ", "t": "ㄊ", "n": "ㄋ", "l": "ㄌ",
    "g": "ㄍ", "k": "ㄎ", "h": "ㄏ", "j": "ㄐ", "q": "ㄑ", "x": "ㄒ", "zh": "ㄓ", "ch": "ㄔ",
    "sh": "ㄕ", "r": "ㄖ", "z": "ㄗ", "c": "ㄘ", "s": "ㄙ",
}  # fmt: skip
_FINALS = {
    "a": "ㄚ", "o": "ㄛ", "e": "ㄜ", "ê": "ㄝ", "ai": "ㄞ", "ei": "ㄟ", "ao": "ㄠ", "ou": "ㄡ",
    "an": "ㄢ", "en": "ㄣ", "ang": "ㄤ", "eng": "ㄥ", "ong": "ㄨㄥ", "er": "ㄦ", "r": "ㄦ",
    "i": "ㄧ", "ia": "ㄧㄚ", "ie": "ㄧㄝ", "iao": "ㄧㄠ", "iu": "ㄧㄡ", "iou": "ㄧㄡ",
    "ian": "ㄧㄢ", "in": "ㄧㄣ", "iang": "ㄧㄤ", "ing": "ㄧㄥ", "iong": "ㄩㄥ", "io": "ㄧㄛ",
    "u": "ㄨ", "ua": "ㄨㄚ", "uo": "ㄨㄛ", "uai": "ㄨㄞ", "ui": "ㄨㄟ", "uei": "ㄨㄟ",
    "uan": "ㄨㄢ", "un": "ㄨㄣ", "uen": "ㄨㄣ", "uang": "ㄨㄤ", "ueng": "ㄨㄥ",
    "ü": "ㄩ", "üe": "ㄩㄝ", "üan": "ㄩㄢ", "ün": "ㄩㄣ", "m": "ㄇ", "n": "ㄋ", "ng": "ㄫ",
}  # fmt: skip
# Syllables without an initial are spelt with y/w: yan is the final ian, wu the final u.
_ZERO_INITIAL = {
    "yi": "i", "ya": "ia", "ye": "ie", "yao": "iao", "you": "iou", "yan": "ian", "yin": "in",
    "yang": "iang", "ying": "ing", "yong": "iong", "yo": "io", "yu": "ü", "yue": "üe",
    "yuan": "üan", "yun": "ün", "wu": "u", "wa": "ua", "wo": "uo", "wai": "uai", "wei": "uei",
    "wan": "uan", "wen": "uen", "wang": "uang", "weng": "ueng", "wong": "ueng",
}  # fmt: skip
_TONE_SIGNS = {1: "", 2: "ˊ", 3: "ˇ", 4: "ˋ", 5: "˙"}
_BARE_INITIAL = {"zhi", "chi", "shi", "ri", "zi", "ci", "si"}  # the i is not pronounced


@lru_cache(maxsize=4096)  # a few thousand syllables exist
def to_numbered(syllable: str) -> str:
    """`huán` → `huan2`, `huan` (no mark) → `huan5`, `lǜ` → `lu:4`; case is kept."""
    decomposed = unicodedata.normalize("NFD", syllable)
    tone = 5
    letters = []
    for char in decomposed:
        if char in _MARKS:
            tone = _MARKS[char]
        elif char == "\u0308":  # the diaeresis of ü
            letters.append(":")
        else:
            letters.append(char)
    return "".join(letters) + str(tone)


def _place_mark(letters: str, tone: int) -> str:
    """Put the tone mark where pinyin puts it: a or e, the o of ou, else the last vowel."""
    if tone not in _COMBINING:
        return letters
    lower = letters.lower()
    for vowel in ("a", "e"):
        if vowel in lower:
            index = lower.index(vowel)
            break
    else:
        if "ou" in lower:
            index = lower.index("o")
        else:
            vowels = [i for i, char in enumerate(lower) if char in "aeiouü"]
            if not vowels:  # m, n, ng, r: the mark sits on the first letter
                vowels = [0]
            index = vowels[-1]
    marked = letters[: index + 1] + _COMBINING[tone] + letters[index + 1 :]
    return unicodedata.normalize("NFC", marked)


@lru_cache(maxsize=4096)
def to_marked(numbered: str) -> str:
    """CC-CEDICT's `huan2` → `huán`, `lu:4`/`lv4` → `lǜ`, `xx5`/`r5` → `xx`/`r`."""
    match = _NUMBERED.match(numbered)
    if match is None:
        return numbered
    letters, tone = match.group(1), int(match.group(2))
    letters = letters.replace("u:", "ü").replace("U:", "Ü").replace("v", "ü").replace("V", "Ü")
    return _place_mark(letters, tone)


def marked_to_numbered(pinyin: str) -> str:
    """A space-separated reading, every syllable numbered: `xǐ huan` → `xi3 huan5`."""
    return " ".join(to_numbered(syllable) for syllable in pinyin.split())


def numbered_to_marked(pinyin: str) -> str:
    return " ".join(to_marked(syllable) for syllable in pinyin.split())


@lru_cache(maxsize=4096)
def _zhuyin_syllable(syllable: str) -> str:
    numbered = to_numbered(syllable.lower())
    letters, tone = numbered[:-1].replace("u:", "ü"), int(numbered[-1])
    initial = next((i for i in ("zh", "ch", "sh") if letters.startswith(i)), letters[:1])
    if initial not in _INITIALS or letters in _FINALS:  # m, n, ng, er, a, ê: no initial
        initial, final = "", _ZERO_INITIAL.get(letters, letters)
    elif letters in _ZERO_INITIAL:
        initial, final = "", _ZERO_INITIAL[letters]
    else:
        final = letters[len(initial) :]
        if initial in "jqx" and final.startswith("u"):  # ju is jü
            final = "ü" + final[1:]
    if letters in _BARE_INITIAL:
        body = _INITIALS[initial]
    elif final in _FINALS:
        body = _INITIALS.get(initial, "") + _FINALS[final]
    else:
        return syllable
    return body + _TONE_SIGNS[tone]


def to_zhuyin(pinyin: str) -> str:
    """Tone-marked pinyin to zhuyin: `xǐ huan` → `ㄒㄧˇ ㄏㄨㄢ˙` (tone 1 unmarked)."""
    return " ".join(_zhuyin_syllable(syllable) for syllable in pinyin.split())
