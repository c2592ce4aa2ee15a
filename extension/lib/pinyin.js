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

/**
 * Erhua as learners read it. The service keeps one syllable per character, so 一点儿
 * comes as "yī diǎn r" (that is how syllables line up with characters); a learner reads,
 * and textbooks print, "yīdiǎnr". A word with erhua is written as one; others keep the
 * service's spaces.
 * @param {string | null | undefined} pinyin
 * @returns {string}
 */
export function readablePinyin(pinyin) {
  const sylls = syllables(pinyin);
  if (!hasErhua(sylls)) return String(pinyin ?? "");
  return readableSyllables(sylls).map((s) => s.text).join("");
}

/**
 * The syllables to show: a bare "r" (儿 read as erhua) joins the syllable before it,
 * which keeps its tone.
 * @param {{text: string, tone: number}[]} sylls
 * @returns {{text: string, tone: number}[]}
 */
export function readableSyllables(sylls) {
  if (!hasErhua(sylls)) return sylls;
  const shown = [];
  for (const s of sylls) {
    const last = shown[shown.length - 1];
    if (last && isErhuaSyllable(s.text)) shown[shown.length - 1] = { ...last, text: `${last.text}r` };
    else shown.push({ ...s });
  }
  return shown;
}

/**
 * True when a syllable after the first is a bare erhua "r".
 * @param {{text: string}[]} sylls
 */
export function hasErhua(sylls) {
  return sylls.some((s, i) => i > 0 && isErhuaSyllable(s.text));
}

/** @param {string} syllable */
function isErhuaSyllable(syllable) {
  return /^r[15]?$/i.test(syllable);
}
