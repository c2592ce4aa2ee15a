/**
 * Whether a selection is worth offering the button for. This only decides what the
 * content script offers; which way a text is translated is the service's decision.
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
