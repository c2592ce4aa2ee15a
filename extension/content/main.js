/**
 * Selection -> floating button -> tooltip; and the start of hover lookup (content/hover.js)
 * and reading mode (content/reading.js). Everything the extension draws on a page lives
 * in one shadow root (content/host.js), so page styles neither leak in nor out; only
 * reading mode writes into the page, and it can put every node back.
 */

import { TAB_MESSAGE, requestLookup, requestOpenOptions, requestSpeech } from "../lib/messages.js";
import { renderError, renderLoading, renderResult } from "../lib/render.js";
import { containsHan } from "../lib/script.js";
import { DEFAULT_SETTINGS, isActiveOn } from "../lib/settings.js";
import { applyFontScale } from "../lib/styles.js";
import { saveWord } from "../lib/wordlist.js";
import { isInsideHost, shadowRoot, siteHostname } from "./host.js";
import { startHover } from "./hover.js";
import { anchorNearWindowTop, pageRect, placeTooltip, selectionRect } from "./place.js";
import { startReading } from "./reading.js";

/** The settings this script reacts to, kept in step with chrome.storage. */
const WATCHED_SETTINGS = ["showOnEverySelection", "enabled", "disabledSites", "fontSize"];

/** Text fields whose selection can be read; passwords are never read. */
const TEXT_INPUT_TYPES = new Set(["text", "search", "url", "email", "tel", ""]);

/** Page-lifetime state; the extension's settings themselves stay in chrome.storage. */
const state = {
  trigger: null,
  tooltip: null,
  body: null,
  pendingText: "",
  anchor: null,
  lookupSeq: 0,
  settings: Object.fromEntries(WATCHED_SETTINGS.map((key) => [key, DEFAULT_SETTINGS[key]])),
};

start();

/** Reads the settings the page needs and listens for the events that drive the UI. */
function start() {
  chrome.storage.local.get(WATCHED_SETTINGS).then((stored) => Object.assign(state.settings, stored));
  chrome.storage.onChanged.addListener(onStorageChanged);
  chrome.runtime.onMessage.addListener(onTabMessage);
  window.addEventListener("mouseup", onPointerUp, true);
  window.addEventListener("keyup", onKeyUp, true);
  window.addEventListener("mousedown", onPointerDown, true);
  window.addEventListener("keydown", onKeyDown, true);
  startHover();
  startReading();
}

/**
 * Keeps the cached settings in step with the popup and the options page; switching the
 * extension off here hides a button already offered.
 * @param {Record<string, chrome.storage.StorageChange>} changes
 * @param {string} area
 */
function onStorageChanged(changes, area) {
  if (area !== "local") return;
  for (const key of WATCHED_SETTINGS) {
    if (changes[key]) state.settings[key] = changes[key].newValue ?? DEFAULT_SETTINGS[key];
  }
  if (!isActiveOn(state.settings, siteHostname())) hideTrigger();
}

/**
 * Messages from the worker (the keyboard command, the context menu) and the popup
 * (which site is this?).
 * @param {any} message
 * @param {chrome.runtime.MessageSender} sender
 * @param {(response: object) => void} sendResponse
 */
function onTabMessage(message, sender, sendResponse) {
  if (sender.id !== chrome.runtime.id) return false;
  if (message?.type === TAB_MESSAGE.SITE) {
    sendResponse({ hostname: siteHostname() });
  } else if (message?.type === TAB_MESSAGE.LOOK_UP_SELECTION) {
    lookUpSelection(message.text);
  }
  return false;
}

/**
 * Opens the tooltip for the current selection without the button: the keyboard command
 * (sent to every frame; the frame with focus and a selection answers) or the context
 * menu (sent to its frame, with the text Chrome saw selected).
 * @param {string} [menuText]
 */
function lookUpSelection(menuText) {
  const current = currentSelection();
  const text = current?.text || String(menuText ?? "").trim();
  if (!text || (!menuText && !document.hasFocus())) return;
  state.pendingText = text;
  state.anchor = current?.rect ?? anchorNearWindowTop();
  hideTrigger();
  openTooltip();
  lookUpInto(text);
}

/**
 * A mouse selection ends on mouseup; the selection settles just after it.
 * @param {MouseEvent} event
 */
function onPointerUp(event) {
  if (isInsideHost(event)) return;
  setTimeout(offerSelection, 0);
}

/**
 * Shift+arrow selections end on keyup.
 * @param {KeyboardEvent} event
 */
function onKeyUp(event) {
  if (event.key === "Shift" && !isInsideHost(event)) offerSelection();
}

/**
 * A press outside our UI closes it: a click outside dismisses the tooltip.
 * @param {MouseEvent} event
 */
function onPointerDown(event) {
  if (isInsideHost(event)) return;
  closeTooltip();
  hideTrigger();
}

/**
 * Escape closes; Tab, while the button is offered, moves to the button first, so the
 * keyboard reaches it although it sits at the end of the document.
 * @param {KeyboardEvent} event
 */
function onKeyDown(event) {
  if (event.key === "Tab" && !event.shiftKey && isOpen(state.trigger) && !isInsideHost(event)) {
    event.preventDefault();
    state.trigger.focus();
    return;
  }
  if (event.key !== "Escape") return;
  if (isOpen(state.tooltip) || isOpen(state.trigger)) {
    closeTooltip();
    hideTrigger();
  }
}

/** Shows the floating button next to the current selection, when there is one worth it. */
function offerSelection() {
  const current = currentSelection();
  if (!current || !wantsButton(current.text)) {
    hideTrigger();
    return;
  }
  state.pendingText = current.text;
  state.anchor = current.rect;
  showTrigger(current.rect);
}

/**
 * The selected text and its box: the page's selection, or the selection inside a text
 * field (which window.getSelection() does not expose); the field's box stands in for it.
 * @returns {{text: string, rect: {left: number, top: number, right: number, bottom: number}} | null}
 */
function currentSelection() {
  const field = document.activeElement;
  if (isReadableField(field) && field.selectionStart !== field.selectionEnd) {
    const text = field.value.slice(field.selectionStart, field.selectionEnd).trim();
    return text ? { text, rect: pageRect(field.getBoundingClientRect()) } : null;
  }
  const selection = window.getSelection();
  const text = selection?.toString().trim() ?? "";
  if (!text || selection.rangeCount === 0) return null;
  const rect = selectionRect(selection.getRangeAt(0));
  return rect ? { text, rect } : null;
}

/**
 * @param {Element|null} element
 * @returns {element is HTMLInputElement | HTMLTextAreaElement}
 */
function isReadableField(element) {
  if (element instanceof HTMLTextAreaElement) return true;
  return element instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(element.type);
}

/**
 * Nothing when the extension is switched off, globally or for this site. Otherwise
 * Chinese always gets the button; other text only when the learner asked for it, so
 * English pages stay quiet by default.
 * @param {string} text
 */
function wantsButton(text) {
  if (!isActiveOn(state.settings, siteHostname())) return false;
  return state.settings.showOnEverySelection || containsHan(text);
}

/** @param {{right: number, bottom: number}} rect */
function showTrigger(rect) {
  ensureHost();
  const maxLeft = window.scrollX + document.documentElement.clientWidth - 38;
  state.trigger.style.left = `${Math.min(rect.right + 2, maxLeft)}px`;
  state.trigger.style.top = `${rect.bottom + 4}px`;
  state.trigger.hidden = false;
}

function hideTrigger() {
  if (state.trigger) state.trigger.hidden = true;
}

/** The trigger was clicked: open the tooltip under the selection and look the text up. */
function onTriggerClick() {
  const text = state.pendingText;
  hideTrigger();
  if (!text) return;
  openTooltip();
  lookUpInto(text);
}

/**
 * Runs one lookup; a newer lookup or a close makes an older answer stale.
 * @param {string} text
 */
async function lookUpInto(text) {
  const seq = ++state.lookupSeq;
  renderLoading(state.body);
  placeTooltip(state.tooltip, state.anchor);
  const response = await requestLookup(text);
  if (seq !== state.lookupSeq || !isOpen(state.tooltip)) return;
  const actions = {
    onRetry: () => lookUpInto(text),
    onOpenOptions: requestOpenOptions,
    onListen: requestSpeech,
    onSave: (info) => saveWord(info, { url: window.location.href, title: document.title }),
  };
  if (response.ok) renderResult(state.body, response.result, actions);
  else renderError(state.body, response.error, actions);
  placeTooltip(state.tooltip, state.anchor);
  state.tooltip.focus({ preventScroll: true });
}

function openTooltip() {
  ensureHost();
  applyFontScale(state.tooltip, state.settings.fontSize);
  state.tooltip.hidden = false;
}

function closeTooltip() {
  if (!state.tooltip || state.tooltip.hidden) return;
  state.lookupSeq++;
  state.tooltip.hidden = true;
  state.body.replaceChildren();
}

/** Creates the trigger and the tooltip in the shared shadow root on first use. */
function ensureHost() {
  const root = shadowRoot();
  if (state.trigger && root.contains(state.trigger)) return;
  state.trigger = buildTrigger();
  state.tooltip = buildTooltip();
  root.append(state.trigger, state.tooltip);
}

function buildTrigger() {
  const trigger = document.createElement("button");
  trigger.type = "button";
  trigger.className = "hl-trigger";
  trigger.textContent = "译";
  trigger.title = "Hanzi Lambda: translate and annotate the selection";
  trigger.setAttribute("aria-label", "Translate and annotate the selection");
  trigger.hidden = true;
  // Keep the page's selection: a press on a button would otherwise clear it.
  trigger.addEventListener("mousedown", (event) => event.preventDefault());
  trigger.addEventListener("click", onTriggerClick);
  return trigger;
}

function buildTooltip() {
  const tooltip = document.createElement("div");
  tooltip.className = "hl-tooltip";
  tooltip.tabIndex = -1;
  tooltip.hidden = true;
  tooltip.setAttribute("role", "dialog");
  tooltip.setAttribute("aria-label", "Hanzi Lambda translation");
  const header = document.createElement("div");
  header.className = "hl-tooltip-header";
  const title = document.createElement("span");
  title.textContent = "Hanzi Lambda";
  const close = document.createElement("button");
  close.type = "button";
  close.className = "hl-close";
  close.textContent = "×";
  close.setAttribute("aria-label", "Close");
  close.addEventListener("click", closeTooltip);
  header.append(title, close);
  state.body = document.createElement("div");
  state.body.className = "hl-body";
  tooltip.append(header, state.body);
  return tooltip;
}

/** @param {HTMLElement|null} element */
function isOpen(element) {
  return Boolean(element) && !element.hidden;
}
