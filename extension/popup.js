/**
 * The toolbar popup: the switches (everywhere, and for the current site), and a box to
 * type or paste text into, with the same rendering as the tooltip. The draft is kept in
 * chrome.storage.session so closing the popup loses nothing, and it is gone when the
 * browser restarts.
 */

import { TAB_MESSAGE, requestLookup, requestOpenOptions, requestSpeech } from "./lib/messages.js";
import { renderError, renderLoading, renderResult } from "./lib/render.js";
import { loadSettings, withSite } from "./lib/settings.js";
import { applyFontScale, applyTheme } from "./lib/styles.js";
import { saveWord } from "./lib/wordlist.js";

const DRAFT_KEY = "popupDraft";

const form = document.getElementById("lookup-form");
const input = document.getElementById("text");
const submit = document.getElementById("lookup");
const result = document.getElementById("result");
const enabledSwitch = document.getElementById("enabled");
const siteSwitch = document.getElementById("site-disabled");
const hoverSwitch = document.getElementById("hover-lookup");
const annotateSwitch = document.getElementById("annotate-site");

init();

async function init() {
  applyTheme(document);
  form.addEventListener("submit", onSubmit);
  input.addEventListener("keydown", onKeyDown);
  input.addEventListener("input", saveDraft);
  document.getElementById("options-link").addEventListener("click", onOptionsClick);
  const settings = await loadSettings();
  applyFontScale(document.documentElement, settings.fontSize);
  await Promise.all([restoreDraft(), showApiLine(settings), showSwitches(settings)]);
  document.body.dataset.ready = "true";
}

/**
 * The global switches (the button, hover lookup) and the switches for the active tab's
 * site (off here, reading mode here); the site's hostname comes from the tab's content
 * script, so the popup needs no "tabs" permission.
 * @param {Awaited<ReturnType<typeof loadSettings>>} settings
 */
async function showSwitches(settings) {
  enabledSwitch.checked = settings.enabled;
  enabledSwitch.addEventListener("change", () => chrome.storage.local.set({ enabled: enabledSwitch.checked }));
  hoverSwitch.checked = settings.hoverLookup;
  hoverSwitch.addEventListener("change", () => chrome.storage.local.set({ hoverLookup: hoverSwitch.checked }));
  const hostname = await activeSiteHostname();
  if (!hostname) {
    document.getElementById("site-name").textContent = "this page (not available here)";
    return;
  }
  document.getElementById("site-name").textContent = hostname;
  siteSwitch.checked = settings.disabledSites.includes(hostname);
  siteSwitch.disabled = false;
  siteSwitch.addEventListener("change", () => toggleSite("disabledSites", hostname, siteSwitch.checked));
  annotateSwitch.checked = settings.annotateSites.includes(hostname);
  annotateSwitch.disabled = false;
  annotateSwitch.title = `Reading mode on ${hostname}: pinyin over every word`;
  annotateSwitch.addEventListener("change", () => toggleSite("annotateSites", hostname, annotateSwitch.checked));
}

/** @returns {Promise<string>} the active tab's hostname, or "" where no content script runs */
async function activeSiteHostname() {
  const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
  if (tab?.id == null) return "";
  try {
    const answer = await chrome.tabs.sendMessage(tab.id, { type: TAB_MESSAGE.SITE }, { frameId: 0 });
    return String(answer?.hostname ?? "");
  } catch {
    return "";
  }
}

/**
 * Adds the site to, or removes it from, one of the per-site lists.
 * @param {"disabledSites"|"annotateSites"} key
 * @param {string} hostname
 * @param {boolean} present
 */
async function toggleSite(key, hostname, present) {
  const settings = await loadSettings();
  await chrome.storage.local.set({ [key]: withSite(settings[key], hostname, present) });
}

/** @param {SubmitEvent} event */
function onSubmit(event) {
  event.preventDefault();
  lookUp(input.value);
}

/** Ctrl/Cmd+Enter submits; plain Enter keeps adding lines. @param {KeyboardEvent} event */
function onKeyDown(event) {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    lookUp(input.value);
  }
}

/** @param {string} text */
async function lookUp(text) {
  if (!text.trim()) return;
  submit.disabled = true;
  renderLoading(result);
  const response = await requestLookup(text);
  submit.disabled = false;
  const actions = {
    onRetry: () => lookUp(text),
    onOpenOptions: requestOpenOptions,
    onListen: requestSpeech,
    onSave: (info) => saveWord(info, { url: "", title: "Hanzi Lambda popup" }),
  };
  if (response.ok) renderResult(result, response.result, actions);
  else renderError(result, response.error, actions);
}

/** @param {MouseEvent} event */
function onOptionsClick(event) {
  event.preventDefault();
  chrome.runtime.openOptionsPage();
}

async function saveDraft() {
  await chrome.storage.session.set({ [DRAFT_KEY]: input.value });
}

async function restoreDraft() {
  const stored = await chrome.storage.session.get(DRAFT_KEY);
  if (stored[DRAFT_KEY] && !input.value) input.value = stored[DRAFT_KEY];
}

/**
 * Says which API the popup talks to, so a wrong URL is visible at a glance.
 * @param {Awaited<ReturnType<typeof loadSettings>>} settings
 */
function showApiLine(settings) {
  document.getElementById("api-line").textContent = `API: ${settings.apiBaseUrl} · HSK ${settings.hskStandard}`;
}
