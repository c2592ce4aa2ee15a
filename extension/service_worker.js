/**
 * The MV3 service worker: the only place that talks to the API, speaks (chrome.tts, so a
 * page's CSP does not matter), and owns the keyboard command and the context-menu item.
 * It keeps no state of its own between events (Chrome stops it when idle); settings are
 * read from chrome.storage on every request.
 */

import { ApiError, health, segment, segmentBatch } from "./lib/api.js";
import { lookUp, translateOne } from "./lib/lookup.js";
import { MESSAGE, TAB_MESSAGE } from "./lib/messages.js";
import { loadSettings, normaliseBaseUrl } from "./lib/settings.js";
import { toggleAnnotateSite, toggleHoverLookup } from "./lib/switches.js";

/** The manifest's `commands` entry and the context-menu item share one job. */
const LOOK_UP_COMMAND = "look-up-selection";
/** The manifest's switches as commands: hover lookup everywhere, reading mode per site. */
const HOVER_COMMAND = "toggle-hover-lookup";
const ANNOTATE_COMMAND = "annotate-page";
const MENU_ITEM_ID = "hanzi-lambda-look-up";

/** Message type -> handler returning the response payload. */
const HANDLERS = {
  [MESSAGE.LOOKUP]: handleLookup,
  [MESSAGE.HEALTH]: handleHealth,
  [MESSAGE.OPEN_OPTIONS]: handleOpenOptions,
  [MESSAGE.TRANSLATE]: handleTranslate,
  [MESSAGE.SPEAK]: handleSpeak,
  [MESSAGE.SEGMENT]: handleSegment,
  [MESSAGE.SEGMENT_BATCH]: handleSegmentBatch,
};

chrome.runtime.onMessage.addListener(onMessage);
chrome.runtime.onInstalled.addListener(onInstalled);
chrome.commands.onCommand.addListener(onCommand);
chrome.contextMenus.onClicked.addListener(onMenuClicked);

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

/**
 * A fresh install opens the welcome page (how to connect, with a Test button); every
 * install or update (re)creates the context-menu item, which Chrome keeps meanwhile.
 * @param {chrome.runtime.InstalledDetails} details
 */
function onInstalled(details) {
  chrome.contextMenus.create({ id: MENU_ITEM_ID, title: "Look up “%s”", contexts: ["selection"] }, () => {
    void chrome.runtime.lastError; // already there after an update: nothing to do
  });
  if (details.reason === "install") chrome.tabs.create({ url: chrome.runtime.getURL("welcome.html") });
}

/**
 * The keyboard commands. Look up: every frame of the tab is asked; the one holding a
 * selection answers by opening the tooltip. The two switches are stored settings, which
 * every content script follows live.
 * @param {string} command
 * @param {chrome.tabs.Tab} [tab]
 */
function onCommand(command, tab) {
  if (command === HOVER_COMMAND) toggleHoverLookup();
  if (tab?.id == null) return;
  if (command === LOOK_UP_COMMAND) askTab(tab.id, { type: TAB_MESSAGE.LOOK_UP_SELECTION });
  if (command === ANNOTATE_COMMAND) toggleAnnotateSite(tab.id);
}

/**
 * "Look up “…”" in the context menu: the frame the menu was opened in looks it up.
 * @param {chrome.contextMenus.OnClickData} info
 * @param {chrome.tabs.Tab} [tab]
 */
function onMenuClicked(info, tab) {
  if (info.menuItemId !== MENU_ITEM_ID || tab?.id == null) return;
  askTab(tab.id, { type: TAB_MESSAGE.LOOK_UP_SELECTION, text: info.selectionText ?? "" }, { frameId: info.frameId ?? 0 });
}

/**
 * A tab without the content script (chrome:// pages, the Web Store) cannot answer.
 * @param {number} tabId
 * @param {object} message
 * @param {chrome.tabs.MessageSendOptions} [options]
 */
function askTab(tabId, message, options = {}) {
  chrome.tabs.sendMessage(tabId, message, options).catch(() => {});
}

/** @param {{text: string}} message */
async function handleLookup(message) {
  const text = String(message.text ?? "").trim();
  if (!text) return { ok: false, error: { kind: "invalid", detail: "Nothing to look up." } };
  return { ok: true, result: await lookUp(text, await loadSettings()) };
}

/** @param {{text: string}} message */
async function handleTranslate(message) {
  const text = String(message.text ?? "").trim();
  if (!text) return { ok: false, error: { kind: "invalid", detail: "Nothing to translate." } };
  return { ok: true, result: await translateOne(text, await loadSettings()) };
}

/**
 * One paragraph's words for hover lookup, with how the learner wants them shown.
 * @param {{text: string}} message
 */
async function handleSegment(message) {
  const text = String(message.text ?? "");
  if (!text.trim()) return { ok: false, error: { kind: "invalid", detail: "Nothing to segment." } };
  const settings = await loadSettings();
  return { ok: true, result: { ...(await segment(settings, text)), display: displayOf(settings) } };
}

/**
 * Many paragraphs' words in one request, for reading mode. A service that predates
 * /segment/batch (404) gets one /segment per paragraph instead, one at a time.
 * @param {{texts: string[]}} message
 */
async function handleSegmentBatch(message) {
  const texts = Array.isArray(message.texts) ? message.texts.map(String) : [];
  const settings = await loadSettings();
  let results;
  try {
    results = (await segmentBatch(settings, texts)).results;
  } catch (error) {
    if (!(error instanceof ApiError) || error.info.status !== 404) throw error;
    results = [];
    for (const text of texts) results.push(await segment(settings, text));
  }
  return { ok: true, result: { results, display: displayOf(settings) } };
}

/** @param {Awaited<ReturnType<typeof loadSettings>>} settings */
function displayOf(settings) {
  return { myLevel: settings.myLevel ?? null, zhuyin: Boolean(settings.zhuyin), fontSize: settings.fontSize ?? 100 };
}

/**
 * Speaks Chinese with a Chinese voice; without one, says so rather than reading the
 * characters with an English voice (or not at all).
 * @param {{text: string}} message
 */
async function handleSpeak(message) {
  const text = String(message.text ?? "").trim();
  if (!text) return { ok: false, error: { kind: "invalid", detail: "Nothing to say." } };
  const voices = await new Promise((resolve) => chrome.tts.getVoices(resolve));
  if (!(voices ?? []).some((voice) => /^(zh|cmn|yue)\b/i.test(voice.lang ?? ""))) {
    return { ok: false, error: { kind: "no_voice" } };
  }
  chrome.tts.speak(text, { lang: "zh-CN", rate: 0.9 });
  return { ok: true };
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
