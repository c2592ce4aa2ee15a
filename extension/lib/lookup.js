/**
 * One lookup as a learner sees it: Chinese gets its English translation plus its
 * words; English gets its Chinese translation, and that Chinese is segmented the
 * same way so the learner reads the words of the answer.
 */

import { ApiError, segment, translate } from "./api.js";
import { containsHan } from "./script.js";

/**
 * @typedef {{
 *   direction: "zh-en"|"en-zh",
 *   original: string,
 *   chinese: string,
 *   translation: string|null,
 *   translationError: import("./errors.js").ErrorInfo|null,
 *   segmented: {tokens: object[], summary: object}
 * }} LookupResult
 */

/**
 * Looks up a text with the given settings.
 * @param {string} text
 * @param {{apiBaseUrl: string, apiKey: string, hskStandard: string}} settings
 * @returns {Promise<LookupResult>}
 */
export async function lookUp(text, settings) {
  const original = text.trim();
  return containsHan(original) ? lookUpChinese(original, settings) : lookUpEnglish(original, settings);
}

/**
 * Segmentation needs no model, so its words are still shown when the translation
 * model is warming up: the translation error then travels inside the result.
 * @param {string} original
 * @param {{apiBaseUrl: string, apiKey: string, hskStandard: string}} settings
 * @returns {Promise<LookupResult>}
 */
async function lookUpChinese(original, settings) {
  const [segmented, translated] = await Promise.allSettled([
    segment(settings, original),
    translate(settings, original, "zh", "en"),
  ]);
  if (segmented.status === "rejected") throw segmented.reason;
  const translationFailed = translated.status === "rejected";
  if (translationFailed && !(translated.reason instanceof ApiError)) throw translated.reason;
  return {
    direction: "zh-en",
    original,
    chinese: original,
    translation: translationFailed ? null : firstTranslation(translated.value),
    translationError: translationFailed ? translated.reason.info : null,
    segmented: segmented.value,
  };
}

/**
 * @param {string} original
 * @param {{apiBaseUrl: string, apiKey: string, hskStandard: string}} settings
 * @returns {Promise<LookupResult>}
 */
async function lookUpEnglish(original, settings) {
  const chinese = firstTranslation(await translate(settings, original, "en", "zh"));
  return {
    direction: "en-zh",
    original,
    chinese,
    translation: chinese,
    translationError: null,
    segmented: await segment(settings, chinese),
  };
}

/**
 * @param {{translations: string[]}} response
 * @returns {string}
 */
function firstTranslation(response) {
  return response.translations?.[0] ?? "";
}
