/**
 * The messages pages send to the service worker. Pages never fetch the API
 * themselves; they ask the worker, which holds the host permissions.
 */

export const MESSAGE = Object.freeze({
  LOOKUP: "hanzi-lambda/lookup",
  HEALTH: "hanzi-lambda/health",
  OPEN_OPTIONS: "hanzi-lambda/open-options",
  TRANSLATE: "hanzi-lambda/translate",
  SPEAK: "hanzi-lambda/speak",
  SEGMENT: "hanzi-lambda/segment",
  SEGMENT_BATCH: "hanzi-lambda/segment-batch",
});

/** Messages the worker and the popup send to a tab's content script. */
export const TAB_MESSAGE = Object.freeze({
  LOOK_UP_SELECTION: "hanzi-lambda/look-up-selection",
  SITE: "hanzi-lambda/site",
});

/**
 * Asks the worker to look a text up.
 * @param {string} text
 * @returns {Promise<{ok: true, result: import("./lookup.js").LookupResult} | {ok: false, error: import("./errors.js").ErrorInfo}>}
 */
export function requestLookup(text) {
  return send({ type: MESSAGE.LOOKUP, text });
}

/**
 * Asks the worker to call /health with the given (possibly unsaved) settings.
 * @param {{apiBaseUrl: string, apiKey: string}} settings
 */
export function requestHealth(settings) {
  return send({ type: MESSAGE.HEALTH, settings });
}

/** Content scripts cannot open the options page themselves; the worker can. */
export function requestOpenOptions() {
  return send({ type: MESSAGE.OPEN_OPTIONS });
}

/**
 * Asks the worker to translate one text (a saved word's sentence).
 * @param {string} text
 * @returns {Promise<{ok: true, result: string} | {ok: false, error: import("./errors.js").ErrorInfo}>}
 */
export function requestTranslation(text) {
  return send({ type: MESSAGE.TRANSLATE, text });
}

/**
 * Asks the worker to speak Chinese text through chrome.tts (page CSP cannot stop it there).
 * @param {string} text
 */
export function requestSpeech(text) {
  return send({ type: MESSAGE.SPEAK, text });
}

/**
 * Asks the worker to segment one paragraph (hover lookup).
 * @param {string} text
 * @returns {Promise<{ok: true, result: {tokens: object[], summary: object, display: object}} | {ok: false, error: import("./errors.js").ErrorInfo}>}
 */
export function requestSegment(text) {
  return send({ type: MESSAGE.SEGMENT, text });
}

/**
 * Asks the worker to segment many paragraphs in one request (reading mode).
 * @param {string[]} texts
 * @returns {Promise<{ok: true, result: {results: object[], display: object}} | {ok: false, error: import("./errors.js").ErrorInfo}>}
 */
export function requestSegmentBatch(texts) {
  return send({ type: MESSAGE.SEGMENT_BATCH, texts });
}

/**
 * Sends a message, turning a dead extension context (the extension was reloaded
 * under an open page) into an error the page can show.
 * @param {object} message
 */
async function send(message) {
  try {
    const response = await chrome.runtime.sendMessage(message);
    return response ?? { ok: false, error: { kind: "extension" } };
  } catch (error) {
    return { ok: false, error: { kind: "extension", detail: String(error?.message ?? error) } };
  }
}
