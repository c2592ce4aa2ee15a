/**
 * The connection test shared by the options and welcome pages: /health with what the
 * learner typed, saved or not, as one sentence.
 */

import { describeError } from "./errors.js";
import { requestHealth } from "./messages.js";
import { normaliseBaseUrl } from "./settings.js";

/**
 * @param {string} rawUrl
 * @param {string} apiKey
 * @returns {Promise<{ok: boolean, message: string}>}
 */
export async function testConnection(rawUrl, apiKey) {
  let apiBaseUrl;
  try {
    apiBaseUrl = normaliseBaseUrl(rawUrl);
  } catch (error) {
    return { ok: false, message: error.message };
  }
  const response = await requestHealth({ apiBaseUrl, apiKey: apiKey.trim() });
  if (!response.ok) {
    const text = describeError(response.error);
    return { ok: false, message: `${text.title}: ${text.message}` };
  }
  return { ok: true, message: healthSummary(response.result) };
}

/**
 * "Connected. Models: zh-en loaded, en-zh not loaded yet."
 * @param {{models?: {direction: string, loaded: boolean}[]}} health
 */
function healthSummary(health) {
  const models = (health.models ?? []).map((m) => `${m.direction} ${m.loaded ? "loaded" : "not loaded yet"}`);
  return models.length ? `Connected. Models: ${models.join(", ")}.` : "Connected.";
}
