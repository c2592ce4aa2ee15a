/**
 * Script detection shared by the content script (should the button show?) and the
 * worker (which way to translate?), so both make the same call.
 */

const HAN = /\p{Script=Han}/u;

/**
 * True when the text contains at least one Han character.
 * @param {string} text
 * @returns {boolean}
 */
export function containsHan(text) {
  return HAN.test(text);
}
