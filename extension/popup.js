/**
 * The toolbar popup: type or paste text and get the same rendering as the tooltip.
 * The draft is kept in chrome.storage.session so closing the popup loses nothing,
 * and it is gone when the browser restarts.
 */

import { requestLookup, requestOpenOptions } from "./lib/messages.js";
import { renderError, renderLoading, renderResult } from "./lib/render.js";
import { loadSettings } from "./lib/settings.js";
import { ANNOTATION_CSS } from "./lib/styles.js";

const DRAFT_KEY = "popupDraft";

const form = document.getElementById("lookup-form");
const input = document.getElementById("text");
const submit = document.getElementById("lookup");
const result = document.getElementById("result");

init();

async function init() {
  injectAnnotationStyles();
  form.addEventListener("submit", onSubmit);
  input.addEventListener("keydown", onKeyDown);
  input.addEventListener("input", saveDraft);
  document.getElementById("options-link").addEventListener("click", onOptionsClick);
  await Promise.all([restoreDraft(), showApiLine()]);
}

/** The popup shares the tooltip's styles; they live in one module as text. */
function injectAnnotationStyles() {
  const style = document.createElement("style");
  style.textContent = ANNOTATION_CSS;
  document.head.append(style);
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
  const actions = { onRetry: () => lookUp(text), onOpenOptions: requestOpenOptions };
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

/** Says which API the popup talks to, so a wrong URL is visible at a glance. */
async function showApiLine() {
  const settings = await loadSettings();
  document.getElementById("api-line").textContent = `API: ${settings.apiBaseUrl} · HSK ${settings.hskStandard}`;
}
