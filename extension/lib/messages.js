/**
 * The messages pages send to the service worker. Pages never fetch the API
 * themselves; they ask the worker, which holds the host permissions.
 */

export const MESSAGE = Object.freeze({
  LOOKUP: "hanzi-lambda/lookup",
  HEALTH: "hanzi-lambda/health",
  OPEN_OPTIONS: "hanzi-lambda/open-options",
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
