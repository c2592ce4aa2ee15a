/**
 * The MV3 service worker: the only place that talks to the API. It keeps no state
 * of its own between events (Chrome stops it when idle); settings are read from
 * chrome.storage on every request.
 */

import { ApiError, health } from "./lib/api.js";
import { lookUp } from "./lib/lookup.js";
import { MESSAGE } from "./lib/messages.js";
import { loadSettings, normaliseBaseUrl } from "./lib/settings.js";

/** Message type -> handler returning the response payload. */
const HANDLERS = {
  [MESSAGE.LOOKUP]: handleLookup,
  [MESSAGE.HEALTH]: handleHealth,
  [MESSAGE.OPEN_OPTIONS]: handleOpenOptions,
};

chrome.runtime.onMessage.addListener(onMessage);

/**
 * Dispatches a message; returning true keeps the channel open for the async answer.
 * @param {any} message
 * @param {chrome.runtime.MessageSender} sender
 * @param {(response: object) => void} sendResponse
 */
function onMessage(message, sender, sendResponse) {
  const handler = HANDLERS[message?.type];
  if (!handler || sender.id !== chrome.runtime.id) return false;
  handler(message).then(sendResponse, (error) => sendResponse({ ok: false, error: errorInfo(error) }));
  return true;
}

/** @param {{text: string}} message */
async function handleLookup(message) {
  const text = String(message.text ?? "").trim();
  if (!text) return { ok: false, error: { kind: "invalid", detail: "Nothing to look up." } };
  return { ok: true, result: await lookUp(text, await loadSettings()) };
}

/**
 * Checks a connection with settings the options page has not saved yet.
 * @param {{settings: {apiBaseUrl: string, apiKey: string}}} message
 */
async function handleHealth(message) {
  const saved = await loadSettings();
  const settings = {
    ...saved,
    apiBaseUrl: normaliseBaseUrl(message.settings?.apiBaseUrl ?? saved.apiBaseUrl),
    apiKey: message.settings?.apiKey ?? saved.apiKey,
  };
  return { ok: true, result: await health(settings) };
}

async function handleOpenOptions() {
  await chrome.runtime.openOptionsPage();
  return { ok: true };
}

/**
 * Any failure as the plain object the pages render.
 * @param {unknown} error
 */
function errorInfo(error) {
  if (error instanceof ApiError) return error.info;
  return { kind: "server", detail: String(error?.message ?? error) };
}
