/**
 * Selection -> floating button -> tooltip. Everything the extension draws on a page
 * lives in one shadow root, so page styles neither leak in nor out, and nothing
 * touches the page's own nodes.
 */

import { TAB_MESSAGE, requestLookup, requestOpenOptions, requestSpeech } from "../lib/messages.js";
import { renderError, renderLoading, renderResult } from "../lib/render.js";
import { containsHan } from "../lib/script.js";
import { DEFAULT_SETTINGS, isActiveOn } from "../lib/settings.js";
import { ANNOTATION_CSS, THEME_CSS, TOOLTIP_CSS, applyFontScale } from "../lib/styles.js";
import { saveWord } from "../lib/wordlist.js";

/** Gap between the selection and what is drawn next to it, in CSS pixels. */
const GAP = 8;

/** Room kept for the word panel, which grows when a word with many senses is shown. */
const PANEL_ROOM = 160;

/** The settings this script reacts to, kept in step with chrome.storage. */
const WATCHED_SETTINGS = ["showOnEverySelection", "enabled", "disabledSites", "fontSize"];

/** Text fields whose selection can be read; passwords are never read. */
const TEXT_INPUT_TYPES = new Set(["text", "search", "url", "email", "tel", ""]);

/** Page-lifetime state; the extension's settings themselves stay in chrome.storage. */
const state = {
  host: null,
  root: null,
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
 * The hostname the per-site switch is about: the tab's, also inside an iframe.
 * @returns {string}
 */
function siteHostname() {
  const ancestors = window.location.ancestorOrigins;
  const top = ancestors?.length ? ancestors[ancestors.length - 1] : window.location.origin;
  try {
    return new URL(top).hostname;
  } catch {
    return window.location.hostname;
  }
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

/** Where the tooltip goes when the selection has no box of its own (a menu lookup). */
function anchorNearWindowTop() {
  const x = window.scrollX + document.documentElement.clientWidth / 3;
  const y = window.scrollY + GAP;
  return { left: x, top: y, right: x, bottom: y };
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

/** @param {DOMRect} box */
function pageRect(box) {
  return {
    left: box.left + window.scrollX,
    top: box.top + window.scrollY,
    right: box.right + window.scrollX,
    bottom: box.bottom + window.scrollY,
  };
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

/**
 * The selection's box in page coordinates (so it scrolls with the page).
 * @param {Range} range
 * @returns {{left: number, top: number, right: number, bottom: number} | null}
 */
function selectionRect(range) {
  const rects = Array.from(range.getClientRects()).filter((r) => r.width || r.height);
  const box = rects.length ? rects[rects.length - 1] : range.getBoundingClientRect();
  const first = rects.length ? rects[0] : box;
  if (!box || (!box.width && !box.height && !box.top && !box.left)) return null;
  return {
    left: first.left + window.scrollX,
    top: first.top + window.scrollY,
    right: box.right + window.scrollX,
    bottom: box.bottom + window.scrollY,
  };
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
  placeTooltip();
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
  placeTooltip();
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

/**
 * Keeps the tooltip inside the window and off the selection when it can: below the
 * selection with room for the word panel to grow, else above it, else below without
 * that room, else overlapping the selection's end. Always inside the width. Its height is then
 * capped at the room left below its top, so it scrolls inside itself instead of growing
 * out of the window.
 */
function placeTooltip() {
  const rect = state.anchor;
  const tip = state.tooltip;
  if (!rect || !tip) return;
  const viewTop = window.scrollY + GAP;
  const viewBottom = window.scrollY + window.innerHeight - GAP;
  const viewportWidth = document.documentElement.clientWidth;
  const left = Math.max(window.scrollX + GAP, Math.min(rect.left, window.scrollX + viewportWidth - tip.offsetWidth - GAP));
  tip.style.maxHeight = "";
  const height = Math.min(tip.scrollHeight, viewBottom - viewTop);
  const fits = (top, room) => top >= viewTop && top + room <= viewBottom;
  const candidates = [
    { top: rect.bottom + GAP, room: height + PANEL_ROOM },
    { top: rect.top - GAP - height, room: height },
    { top: rect.bottom + GAP, room: height },
  ];
  const chosen = candidates.find((c) => fits(c.top, c.room));
  const top = chosen ? chosen.top : Math.max(viewTop, Math.min(rect.bottom + GAP, viewBottom - height));
  tip.style.left = `${left}px`;
  tip.style.top = `${top}px`;
  tip.style.maxHeight = `${viewBottom - top}px`;
}

/** Creates the shadow host, the trigger and the tooltip on first use. */
function ensureHost() {
  if (state.host?.isConnected) return;
  const host = document.createElement("hanzi-lambda-root");
  host.style.cssText = "all: initial; position: absolute; top: 0; left: 0; width: 0; height: 0; z-index: 2147483647;";
  const root = host.attachShadow({ mode: "open" });
  const style = document.createElement("style");
  style.textContent = THEME_CSS + TOOLTIP_CSS + ANNOTATION_CSS;
  state.trigger = buildTrigger();
  state.tooltip = buildTooltip();
  root.append(style, state.trigger, state.tooltip);
  document.documentElement.append(host);
  Object.assign(state, { host, root });
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

/**
 * True when the event happened in our shadow tree (composedPath crosses the
 * shadow boundary; event.target alone would only show the host).
 * @param {Event} event
 */
function isInsideHost(event) {
  return Boolean(state.host) && event.composedPath().includes(state.host);
}

/** @param {HTMLElement|null} element */
function isOpen(element) {
  return Boolean(element) && !element.hidden;
}
