/**
 * Selection -> floating button -> tooltip. Everything the extension draws on a page
 * lives in one shadow root, so page styles neither leak in nor out, and nothing
 * touches the page's own nodes.
 */

import { requestLookup, requestOpenOptions } from "../lib/messages.js";
import { renderError, renderLoading, renderResult } from "../lib/render.js";
import { containsHan } from "../lib/script.js";
import { DEFAULT_SETTINGS } from "../lib/settings.js";
import { ANNOTATION_CSS, TOOLTIP_CSS } from "../lib/styles.js";

/** Gap between the selection and what is drawn next to it, in CSS pixels. */
const GAP = 8;

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
  showOnEverySelection: DEFAULT_SETTINGS.showOnEverySelection,
};

start();

/** Reads the one setting the page needs and listens for the events that drive the UI. */
function start() {
  chrome.storage.local.get("showOnEverySelection").then((stored) => {
    if ("showOnEverySelection" in stored) state.showOnEverySelection = Boolean(stored.showOnEverySelection);
  });
  chrome.storage.onChanged.addListener(onStorageChanged);
  window.addEventListener("mouseup", onPointerUp, true);
  window.addEventListener("keyup", onKeyUp, true);
  window.addEventListener("mousedown", onPointerDown, true);
  window.addEventListener("keydown", onKeyDown, true);
}

/**
 * Keeps the cached toggle in step with the options page.
 * @param {Record<string, chrome.storage.StorageChange>} changes
 * @param {string} area
 */
function onStorageChanged(changes, area) {
  if (area === "local" && changes.showOnEverySelection) {
    state.showOnEverySelection = Boolean(changes.showOnEverySelection.newValue);
  }
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

/** @param {KeyboardEvent} event */
function onKeyDown(event) {
  if (event.key !== "Escape") return;
  if (isOpen(state.tooltip) || isOpen(state.trigger)) {
    closeTooltip();
    hideTrigger();
  }
}

/** Shows the floating button next to the current selection, when there is one worth it. */
function offerSelection() {
  const selection = window.getSelection();
  const text = selection?.toString().trim() ?? "";
  if (!text || selection.rangeCount === 0 || !wantsButton(text)) {
    hideTrigger();
    return;
  }
  const rect = selectionRect(selection.getRangeAt(0));
  if (!rect) return;
  state.pendingText = text;
  state.anchor = rect;
  showTrigger(rect);
}

/**
 * Chinese always gets the button; other text only when the learner asked for it,
 * so English pages stay quiet by default.
 * @param {string} text
 */
function wantsButton(text) {
  return state.showOnEverySelection || containsHan(text);
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
  const actions = { onRetry: () => lookUpInto(text), onOpenOptions: requestOpenOptions };
  if (response.ok) renderResult(state.body, response.result, actions);
  else renderError(state.body, response.error, actions);
  placeTooltip();
  state.tooltip.focus({ preventScroll: true });
}

function openTooltip() {
  ensureHost();
  state.tooltip.hidden = false;
}

function closeTooltip() {
  if (!state.tooltip || state.tooltip.hidden) return;
  state.lookupSeq++;
  state.tooltip.hidden = true;
  state.body.replaceChildren();
}

/**
 * Puts the tooltip below the selection, or above it when it would run off the
 * bottom of the window and there is more room above; keeps it inside the width.
 */
function placeTooltip() {
  const rect = state.anchor;
  const tip = state.tooltip;
  if (!rect || !tip) return;
  const viewportWidth = document.documentElement.clientWidth;
  const left = Math.max(window.scrollX + GAP, Math.min(rect.left, window.scrollX + viewportWidth - tip.offsetWidth - GAP));
  const below = rect.bottom + GAP;
  const roomBelow = window.scrollY + window.innerHeight - below;
  const roomAbove = rect.top - window.scrollY;
  const above = rect.top - GAP - tip.offsetHeight;
  const top = tip.offsetHeight > roomBelow && roomAbove > roomBelow ? Math.max(window.scrollY, above) : below;
  tip.style.left = `${left}px`;
  tip.style.top = `${top}px`;
}

/** Creates the shadow host, the trigger and the tooltip on first use. */
function ensureHost() {
  if (state.host?.isConnected) return;
  const host = document.createElement("hanzi-lambda-root");
  host.style.cssText = "all: initial; position: absolute; top: 0; left: 0; width: 0; height: 0; z-index: 2147483647;";
  const root = host.attachShadow({ mode: "open" });
  const style = document.createElement("style");
  style.textContent = TOOLTIP_CSS + ANNOTATION_CSS;
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
