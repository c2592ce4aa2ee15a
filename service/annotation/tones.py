"""One tone policy for 一 and 不: citation tones in `pinyin`, the spoken tones on request.

CC-CEDICT writes some words with the spoken change and some without (一个 yí gè but 一起 yī
qǐ, 不是 bú shi but 不想 bù xiǎng), which a learner cannot tell from a typo. So every reading
is brought to citation form (一 yī, 不 bù, as dictionaries and GB/T 16159 write them; neutral
tones stay as CC-CEDICT gives them), and `sandhi: true` applies the spoken rule over the whole
text, word boundaries included (一 + 个 → yí, 不 + 是 → bú):
- 不 before a fourth tone is bú, else bù; a neutral 不 (对不起, 是不是) stays neutral;
- 一 before a fourth tone is yí, before any other tone yì; it stays yī where it counts or
  orders (第一, 十一, 一九八四, 一月) and at the end of a word or phrase (统一, 唯一, 之一);
  between a repeated verb (看一看) it is neutral.
Tones are read from the numbered syllable (`yi1`); a neutral next syllable counts with its
character's own tone (一个 yí ge: 个 is gè).
"""

from __future__ import annotations

from collections.abc import Callable

from service.annotation.pinyin_text import to_numbered

_NUMERALS = frozenset("〇零一二三四五六七八九十两")
_DATE_UNITS = frozenset("月号")

ToneOf = Callable[[str], int]  # a character's own tone, for a neutral syllable after 一/不


def citation(word: str, syllables: list[str]) -> list[str]:
    """A word's tone-marked syllables with 一 and 不 in citation tone (neutral kept)."""
    if len(syllables) != len(word):
        return syllables
    shown = list(syllables)
    for offset, (char, syllable) in enumerate(zip(word, syllables, strict=True)):
        numbered = to_numbered(syllable.lower())
        if char == "一" and numbered in ("yi2", "yi4"):
            shown[offset] = "yī"
        elif char == "不" and numbered == "bu2":
            shown[offset] = "bù"
    return shown


def spoken(
    text: str,
    readings: dict[int, str],
    long_word_ends: frozenset[int],
    word_interiors: frozenset[int],
    tone_of: ToneOf,
) -> dict[int, str]:
    """The spoken syllables of 一 and 不 (tone marks), by position in `text`.

    `readings` holds each Han character's citation syllable by position; `long_word_ends`
    the positions of the last characters of words of two or more characters;
    `word_interiors` those neither first nor last in their word (看一看's 一).
    """
    changed: dict[int, str] = {}
    for position, syllable in readings.items():
        char = text[position]
        if char not in "一不" or to_numbered(syllable.lower())[-1] == "5":
            continue
        following = readings.get(position + 1)
        next_tone = _tone(text[position + 1], following, tone_of) if following else 0
        if char == "不":
            changed[position] = "bú" if next_tone == 4 else "bù"
        else:
            ends_word = position in long_word_ends
            changed[position] = _yi(
                text, position, next_tone, ends_word, position in word_interiors
            )
        if syllable[:1].isupper():  # a name's capital stays (一月 Yī yuè, January)
            changed[position] = changed[position].capitalize()
    return changed


def _tone(char: str, syllable: str, tone_of: ToneOf) -> int:
    tone = int(to_numbered(syllable.lower())[-1])
    return tone_of(char) if tone == 5 else tone


def _yi(text: str, position: int, next_tone: int, ends_long_word: bool, inside: bool) -> str:
    before = text[position - 1] if position else ""
    after = text[position + 1] if position + 1 < len(text) else ""
    if not next_tone or before == "第" or before in _NUMERALS:
        return "yī"  # the end of a phrase, an ordinal, a number's last digit (十一)
    dated = after in _DATE_UNITS or (before == "月" and after == "日")  # 一月, 五月一日
    if after in _NUMERALS or dated or ends_long_word:
        return "yī"  # counting digits (一九八四), a date (一月), a word's end (统一)
    if inside and before == after:
        return "yi"  # 看一看: neutral between a repeated verb
    return "yí" if next_tone == 4 else "yì"
