/**
 * Tone numbers from tone-marked pinyin. The API sends syllables such as "xǐ huan";
 * decomposing to NFD turns every marked vowel (ā, ǘ, ň...) into a base letter plus a
 * combining mark, so four marks cover all vowels, ü and the syllabic n and m.
 */

const TONE_BY_MARK = new Map([
  ["\u0304", 1], // macron: ā
  ["\u0301", 2], // acute: á
  ["\u030C", 3], // caron: ǎ
  ["\u0300", 4], // grave: à
]);

/** Tone 5 is the neutral tone: a syllable with no mark. */
export const NEUTRAL_TONE = 5;

/**
 * The tone of one syllable: 1-4 from its mark (or a trailing digit, for numbered
 * pinyin), 5 when it has none.
 * @param {string} syllable
 * @returns {number}
 */
export function toneOfSyllable(syllable) {
  const digit = /([1-5])$/.exec(syllable);
  if (digit) return Number(digit[1]);
  for (const char of syllable.normalize("NFD")) {
    const tone = TONE_BY_MARK.get(char);
    if (tone) return tone;
  }
  return NEUTRAL_TONE;
}

/**
 * Splits the API's space-separated pinyin into syllables with their tones.
 * @param {string | null | undefined} pinyin
 * @returns {{text: string, tone: number}[]}
 */
export function syllables(pinyin) {
  return splitReading(pinyin, toneOfSyllable);
}

/** Zhuyin tone marks; tone 1 has none, the neutral tone is the dot. */
const TONE_BY_ZHUYIN_MARK = new Map([
  ["ˊ", 2],
  ["ˇ", 3],
  ["ˋ", 4],
  ["˙", NEUTRAL_TONE],
]);

/**
 * Splits the API's space-separated zhuyin (ㄒㄧˇ ㄏㄨㄢ˙) into syllables with their tones.
 * @param {string | null | undefined} zhuyin
 * @returns {{text: string, tone: number}[]}
 */
export function zhuyinSyllables(zhuyin) {
  return splitReading(zhuyin, toneOfZhuyin);
}

/** @param {string} syllable */
function toneOfZhuyin(syllable) {
  const mark = Array.from(syllable).find((char) => TONE_BY_ZHUYIN_MARK.has(char));
  return mark ? TONE_BY_ZHUYIN_MARK.get(mark) : 1;
}

/**
 * @param {string | null | undefined} reading
 * @param {(syllable: string) => number} toneOf
 * @returns {{text: string, tone: number}[]}
 */
function splitReading(reading, toneOf) {
  if (!reading) return [];
  return reading
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((text) => ({ text, tone: toneOf(text) }));
}
