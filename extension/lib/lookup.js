/**
 * One lookup as a learner sees it. The service decides the language (`source: "auto"`):
 * Chinese gets its English translation plus its words; English gets its Chinese
 * translation, and that Chinese is segmented the same way so the learner reads the
 * words of the answer. No language rule lives here.
 */

import { ApiError, segment, translate } from "./api.js";

/**
 * @typedef {{
 *   direction: "zh-en"|"en-zh",
 *   original: string,
 *   chinese: string,
 *   translation: string|null,
 *   translationError: import("./errors.js").ErrorInfo|null,
 *   segmented: {tokens: object[], summary: object},
 *   display: {myLevel: number|null, zhuyin: boolean, fontSize: number}
 * }} LookupResult
 */

/**
 * Looks up a text with the given settings. The original is segmented while it is
 * translated: if the service calls it Chinese those are its words, and if the
 * translation model is unavailable the words are still shown (segmentation needs no
 * model), with the translation's error travelling inside the result.
 * @param {string} text
 * @param {import("./settings.js").DEFAULT_SETTINGS} settings
 * @returns {Promise<LookupResult>}
 */
export async function lookUp(text, settings) {
  const original = text.trim();
  const [segmented, translated] = await Promise.allSettled([segment(settings, original), translate(settings, original)]);
  const display = { myLevel: settings.myLevel ?? null, zhuyin: Boolean(settings.zhuyin), fontSize: settings.fontSize ?? 100 };
  if (translated.status === "fulfilled" && translated.value.source === "en") {
    const chinese = firstTranslation(translated.value);
    return {
      direction: "en-zh", original, chinese, translation: chinese, translationError: null,
      segmented: await segment(settings, chinese), display,
    };
  }
  if (segmented.status === "rejected") throw segmented.reason;
  if (translated.status === "rejected") {
    if (!(translated.reason instanceof ApiError) || !hasChinese(segmented.value)) throw translated.reason;
  }
  const failed = translated.status === "rejected";
  return {
    direction: "zh-en",
    original,
    chinese: original,
    translation: failed ? null : firstTranslation(translated.value),
    translationError: failed ? translated.reason.info : null,
    segmented: segmented.value,
    display,
  };
}

/**
 * Translates one sentence (a saved word's context) the same way.
 * @param {string} text
 * @param {import("./settings.js").DEFAULT_SETTINGS} settings
 */
export async function translateOne(text, settings) {
  return firstTranslation(await translate(settings, text.trim()));
}

/**
 * Whether the service found any Chinese word (its tokens say so, not a local rule).
 * @param {{tokens: {is_chinese: boolean}[]}} segmented
 */
function hasChinese(segmented) {
  return segmented.tokens.some((token) => token.is_chinese);
}

/**
 * @param {{translations: string[]}} response
 * @returns {string}
 */
function firstTranslation(response) {
  return response.translations?.[0] ?? "";
}
