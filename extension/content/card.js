/**
 * The word card of hover lookup and reading mode: one word's panel (lib/wordcard.js) next
 * to the word, and a mark around the word drawn in the extension's shadow root, so the
 * page's own nodes are never touched. While it is shown, keys step through the words and
 * save (see docs/EXTENSION.md); they are ignored while a text field has the focus.
 */

import { errorBox } from "../lib/dom.js";
import { requestOpenOptions, requestSpeech } from "../lib/messages.js";
import { applyFontScale } from "../lib/styles.js";
import { fillWordPanel } from "../lib/wordcard.js";
import { saveWord } from "../lib/wordlist.js";
import { isInsideHost, isTypingTarget, shadowRoot } from "./host.js";

const GAP = 6;

/** Keys while the card is shown (no modifier), as Zhongwen users know them. */
const KEYS = Object.freeze({ next: "n", previous: "b", save: "s" });

/**
 * @typedef {{token: any, sentence: string, range: Range, display: {zhuyin: boolean, fontSize?: number}}} CardView
 * @typedef {{step?: (direction: 1|-1) => void, onHide?: () => void}} CardSource
 */

const state = {
  /** @type {HTMLElement|null} */ card: null,
  /** @type {HTMLElement|null} */ marks: null,
  /** @type {CardView|null} */ view: null,
  /** @type {CardSource|null} */ source: null,
  listening: false,
};

/**
 * Shows the card for one word, replacing any other; `source` says who showed it (hover
 * lookup or reading mode) and how to step to the next word.
 * @param {CardView} view
 * @param {CardSource} source
 */
export function showCard(view, source) {
  ensureCard();
  listen();
  if (state.source && state.source !== source) state.source.onHide?.();
  Object.assign(state, { view, source });
  const detail = state.card.querySelector(".hl-detail");
  applyFontScale(state.card, view.display.fontSize ?? 100);
  const saveInfo = () => ({ token: view.token, sentence: view.sentence, translation: null });
  const actions = { onListen: requestSpeech, onSave: (info) => saveWord(info, { url: location.href, title: document.title }) };
  fillWordPanel(detail, view.token, { zhuyin: Boolean(view.display.zhuyin), toned: true, saveInfo }, actions);
  state.card.setAttribute("aria-label", `Hanzi Lambda: ${view.token.text}`);
  state.card.hidden = false;
  drawMarks(view.range);
  placeCard(view.range);
}

/**
 * Says why there is no word to show (the service is unreachable, the key is refused...),
 * with the action that fixes it; the card hides as it would for a word.
 * @param {import("../lib/errors.js").ErrorInfo} error
 * @param {Range} range the character under the pointer
 * @param {CardSource} source
 */
export function showCardError(error, range, source) {
  ensureCard();
  listen();
  Object.assign(state, { view: { token: null, sentence: "", range, display: {} }, source });
  const body = state.card.querySelector(".hl-detail-body");
  body.replaceChildren(errorBox(state.card, error, { onOpenOptions: requestOpenOptions }));
  state.card.querySelector(".hl-note").hidden = true;
  state.card.setAttribute("aria-label", "Hanzi Lambda: no lookup");
  state.card.hidden = false;
  drawMarks(range);
  placeCard(range);
}

/** Hides the card and the mark. */
export function hideCard() {
  if (!state.card || state.card.hidden) return;
  state.card.hidden = true;
  state.marks.replaceChildren();
  const source = state.source;
  Object.assign(state, { view: null, source: null });
  source?.onHide?.();
}

/** @returns {CardSource|null} who the shown card belongs to */
export function shownSource() {
  return state.card && !state.card.hidden ? state.source : null;
}

/** @returns {any} the token on the card, or null (none, or an error) */
export function shownToken() {
  return shownSource() ? state.view.token : null;
}

function ensureCard() {
  const root = shadowRoot();
  if (state.card && root.contains(state.card)) return;
  state.marks = document.createElement("div");
  state.marks.className = "hl-marks";
  state.card = document.createElement("div");
  state.card.className = "hl-card hl-result";
  state.card.setAttribute("role", "dialog");
  state.card.hidden = true;
  const detail = document.createElement("div");
  detail.className = "hl-detail";
  const body = document.createElement("div");
  body.className = "hl-detail-body";
  body.setAttribute("aria-live", "polite");
  const note = document.createElement("p");
  note.className = "hl-note";
  note.setAttribute("role", "status");
  note.hidden = true;
  detail.append(body, note);
  state.card.append(detail);
  root.append(state.marks, state.card);
}

/** Keys, Escape, and scrolling away; registered once, on the first card. */
function listen() {
  if (state.listening) return;
  state.listening = true;
  window.addEventListener("keydown", onKeyDown, true);
  window.addEventListener("scroll", onScroll, { capture: true, passive: true });
  window.addEventListener("mousedown", (event) => {
    if (!isInsideHost(event)) hideCard();
  }, true);
}

/** @param {KeyboardEvent} event */
function onKeyDown(event) {
  if (!shownSource()) return;
  if (event.key === "Escape") {
    hideCard();
    return;
  }
  if (event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event)) return;
  const key = event.key.toLowerCase();
  if (key === KEYS.next || key === KEYS.previous) {
    state.source.step?.(key === KEYS.next ? 1 : -1);
  } else if (key === KEYS.save) {
    state.card.querySelector('[data-action="save"]')?.click();
  } else {
    return;
  }
  event.preventDefault();
  event.stopPropagation();
}

/** Scrolling the word out of the window hides the card; a small scroll keeps it. */
function onScroll() {
  if (!shownSource()) return;
  const rects = Array.from(state.view.range.getClientRects());
  const inView = rects.some((r) => r.bottom > 0 && r.top < window.innerHeight && r.right > 0 && r.left < window.innerWidth);
  if (!inView) hideCard();
  else drawMarks(state.view.range);
}

/** @param {Range} range */
function drawMarks(range) {
  const marks = Array.from(range.getClientRects()).filter((r) => r.width && r.height).map((r) => {
    const mark = document.createElement("div");
    mark.className = "hl-mark";
    Object.assign(mark.style, {
      left: `${r.left + window.scrollX - 1}px`, top: `${r.top + window.scrollY - 1}px`,
      width: `${r.width + 2}px`, height: `${r.height + 2}px`,
    });
    return mark;
  });
  state.marks.replaceChildren(...marks);
}

/**
 * Below the word when there is room, else above it; always inside the window's width.
 * @param {Range} range
 */
function placeCard(range) {
  const card = state.card;
  const rects = Array.from(range.getClientRects());
  const word = rects[rects.length - 1] ?? range.getBoundingClientRect();
  const width = document.documentElement.clientWidth;
  const left = Math.max(GAP, Math.min(word.left, width - card.offsetWidth - GAP));
  const below = word.bottom + GAP;
  const top = below + card.offsetHeight <= window.innerHeight - GAP ? below : Math.max(GAP, word.top - GAP - card.offsetHeight);
  card.style.left = `${left + window.scrollX}px`;
  card.style.top = `${top + window.scrollY}px`;
}
