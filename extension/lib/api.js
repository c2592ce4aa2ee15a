/**
 * The API client. Only the service worker imports this: its fetches run with the
 * extension's host permissions, so they are spared the CORS rules that bind a
 * content script's fetch to the page's origin.
 */

import { kindForStatus } from "./errors.js";
import { originPattern } from "./settings.js";

/** Long enough for a Lambda cold start that loads a model; short enough to give up. */
const REQUEST_TIMEOUT_MS = 90_000;

/** A failure with the plain-object description the pages render. */
export class ApiError extends Error {
  /** @param {import("./errors.js").ErrorInfo} info */
  constructor(info) {
    super(info.detail || info.kind);
    this.name = "ApiError";
    this.info = info;
  }
}

/**
 * POST /segment: words with pinyin, HSK level and glosses. `zhuyin` and `sandhi` are sent
 * only when the learner asked for them, so a service that predates the fields still answers.
 * @param {{apiBaseUrl: string, apiKey: string, hskStandard: string, zhuyin?: boolean, toneChanges?: boolean}} settings
 * @param {string} text
 */
export function segment(settings, text) {
  return requestJson(settings, "POST", "/segment", { text, ...segmentOptions(settings) });
}

/**
 * POST /segment/batch: many paragraphs in one request (reading mode), answered in order.
 * The caller keeps within the service's limits (items, characters, body size).
 * @param {{apiBaseUrl: string, apiKey: string, hskStandard: string, zhuyin?: boolean, toneChanges?: boolean}} settings
 * @param {string[]} texts
 * @returns {Promise<{results: {tokens: object[], summary: object}[]}>}
 */
export function segmentBatch(settings, texts) {
  return requestJson(settings, "POST", "/segment/batch", { texts, ...segmentOptions(settings) });
}

/**
 * The options /segment and /segment/batch share.
 * @param {{hskStandard: string, zhuyin?: boolean, toneChanges?: boolean}} settings
 */
function segmentOptions(settings) {
  const options = { hsk: settings.hskStandard, pos: false };
  if (settings.zhuyin) options.zhuyin = true;
  if (settings.toneChanges) options.sandhi = true;
  return options;
}

/**
 * POST /translate with source "auto": the service decides the language (one rule, on the
 * server) and says what it decided in the response's `source` and `target`. `script` is
 * sent only for traditional output, the service's default being simplified.
 * @param {{apiBaseUrl: string, apiKey: string, chineseScript?: string}} settings
 * @param {string} text
 * @returns {Promise<{translations: string[], source: string, target: string|null, model: string}>}
 */
export function translate(settings, text) {
  const body = { text, source: "auto" };
  if (settings.chineseScript === "traditional") body.script = "traditional";
  return requestJson(settings, "POST", "/translate", body);
}

/**
 * GET /health, for the options page's connection test.
 * @param {{apiBaseUrl: string, apiKey: string}} settings
 */
export function health(settings) {
  return requestJson(settings, "GET", "/health");
}

/**
 * Sends one request and returns the parsed JSON body, or throws an ApiError whose
 * kind says what a person should do about it.
 * @param {{apiBaseUrl: string, apiKey: string}} settings
 * @param {"GET"|"POST"} method
 * @param {string} path
 * @param {object} [body]
 */
async function requestJson(settings, method, path, body) {
  const apiBaseUrl = settings.apiBaseUrl;
  await ensureHostPermission(apiBaseUrl);
  let response;
  try {
    response = await fetch(apiBaseUrl + path, {
      method,
      headers: requestHeaders(settings.apiKey, body !== undefined),
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    const kind = error?.name === "TimeoutError" ? "timeout" : "unreachable";
    throw new ApiError({ kind, apiBaseUrl, detail: String(error?.message ?? error) });
  }
  const payload = await readJson(response);
  if (!response.ok) {
    throw new ApiError({
      kind: kindForStatus(response.status),
      status: response.status,
      detail: typeof payload?.detail === "string" ? payload.detail : null,
      requestId: payload?.request_id ?? null,
      retryAfter: parseRetryAfter(response.headers.get("Retry-After")),
      apiBaseUrl,
    });
  }
  return payload;
}

/**
 * Headers for a request; the key is sent only when one is set, so a local server
 * without API_KEYS never sees an empty one.
 * @param {string} apiKey
 * @param {boolean} hasBody
 */
function requestHeaders(apiKey, hasBody) {
  const headers = { Accept: "application/json" };
  if (hasBody) headers["Content-Type"] = "application/json";
  if (apiKey) headers["X-API-Key"] = apiKey;
  return headers;
}

/**
 * Without the host permission the fetch would fail as an opaque CORS error; checking
 * first lets the tooltip say what to do instead.
 * @param {string} apiBaseUrl
 */
async function ensureHostPermission(apiBaseUrl) {
  const granted = await chrome.permissions.contains({ origins: [originPattern(apiBaseUrl)] });
  if (!granted) throw new ApiError({ kind: "permission", apiBaseUrl });
}

/**
 * The body as JSON, or null when there is none or it is not JSON (a proxy's HTML
 * error page, say).
 * @param {Response} response
 */
async function readJson(response) {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

/**
 * Retry-After in seconds; the HTTP-date form is converted too.
 * @param {string|null} value
 * @returns {number|null}
 */
export function parseRetryAfter(value) {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
