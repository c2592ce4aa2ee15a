/**
 * Hover lookup: a resting pointer on a Chinese character shows the card of the word that
 * holds it, as the service segments its paragraph. A paragraph (a chunk of its block,
 * content/blocks.js) is segmented once and cached for the page, so moving across its words
 * costs no request; at most one request is in flight, and the pointer's latest place is
 * looked up when it returns.
 */

import { requestSegment } from "../lib/messages.js";
import { DEFAULT_SETTINGS, isHoveringOn } from "../lib/settings.js";
import { sentenceAround } from "../lib/wordlist.js";
import { blockModel, blockOf, chunkIndexAt, chunksOf, containsHanText, rangeOf, utf16Offsets } from "./blocks.js";
import { hideCard, showCard, showCardError, shownSource } from "./card.js";
import { isInsideHost, siteHostname } from "./host.js";

/** How long the pointer rests before it counts as settled: well inside the 150 ms the
 * card has, and long enough that a pointer crossing the page sends nothing. */
const SETTLE_MS = 50;
/** Leaving Chinese text hides the card after this, so the pointer can reach its buttons. */
const HIDE_MS = 350;
/** Segmented paragraphs kept per page. */
const CACHE_SIZE = 300;
/** A paragraph the service failed on is not asked for again before this. */
const RETRY_AFTER_MS = 10_000;

const WATCHED = ["hoverLookup", "disabledSites"];

const state = {
  settings: Object.fromEntries(WATCHED.map((key) => [key, DEFAULT_SETTINGS[key]])),
  point: null,
  settleTimer: 0,
  hideTimer: 0,
  /** @type {Map<string, {tokens: object[], display: object}>} paragraph text -> answer */
  cache: new Map(),
  inFlight: false,
  /** @type {(() => void)|null} the latest lookup wanted while a request was in flight */
  again: null,
  /** @type {Map<string, number>} paragraph text -> when the service failed on it */
  failed: new Map(),
  /** @type {{model: any, chunks: any[], index: number, token: number}|null} the word shown */
  shown: null,
};

/** The card's source: stepping goes through the paragraph's words. */
const source = { step: (direction) => step(direction), onHide: () => { state.shown = null; } };

/** Reads the two settings it needs and follows them; listens to the pointer only. */
export function startHover() {
  chrome.storage.local.get(WATCHED).then((stored) => Object.assign(state.settings, stored));
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area !== "local") return;
    for (const key of WATCHED) if (changes[key]) state.settings[key] = changes[key].newValue ?? DEFAULT_SETTINGS[key];
    if (!isOn() && shownSource() === source) hideCard();
  });
  window.addEventListener("mousemove", onPointerMove, { capture: true, passive: true });
}

function isOn() {
  return isHoveringOn(state.settings, siteHostname());
}

/** @param {MouseEvent} event */
function onPointerMove(event) {
  if (!isOn()) return;
  clearTimeout(state.settleTimer);
  if (isInsideHost(event)) {
    clearTimeout(state.hideTimer); // on its way to the card's buttons
    return;
  }
  if (event.composedPath().some((n) => n instanceof Element && n.matches("ruby[data-hanzi-lambda]"))) return; // reading mode's own
  state.point = { x: event.clientX, y: event.clientY };
  state.settleTimer = setTimeout(settle, SETTLE_MS);
}

/** The pointer rests: find the character under it and show its word, or hide. */
function settle() {
  const hit = state.point && characterAt(state.point.x, state.point.y);
  if (!hit) {
    scheduleHide();
    return;
  }
  const block = blockOf(hit.node);
  const model = block && blockModel(block);
  const piece = model?.pieces.find((p) => p.node === hit.node);
  if (!piece) return scheduleHide();
  const chunks = chunksOf(model.text);
  const offset = piece.start + hit.offset;
  showAt(model, chunks, chunkIndexAt(chunks, offset), offset);
}

/**
 * The text node and offset of the Han character under a point, or null. The caret APIs
 * give the boundary nearest the point, so the characters on both sides are tried against
 * their boxes.
 * @param {number} x
 * @param {number} y
 */
function characterAt(x, y) {
  const caret = document.caretPositionFromPoint?.(x, y) ?? null;
  const node = caret ? caret.offsetNode : document.caretRangeFromPoint?.(x, y)?.startContainer;
  const at = caret ? caret.offset : document.caretRangeFromPoint?.(x, y)?.startOffset;
  if (!(node instanceof Text) || isInsideEditable(node)) return null;
  for (const offset of [at, at - 1]) {
    if (offset < 0 || offset >= node.data.length || !containsHanText(node.data[offset])) continue;
    const range = document.createRange();
    range.setStart(node, offset);
    range.setEnd(node, offset + 1);
    const box = range.getBoundingClientRect();
    if (x >= box.left - 1 && x <= box.right + 1 && y >= box.top - 1 && y <= box.bottom + 1) return { node, offset };
  }
  return null;
}

/** @param {Node} node */
function isInsideEditable(node) {
  return Boolean(node.parentElement?.closest("textarea, input, [contenteditable]:not([contenteditable='false']), hanzi-lambda-root"));
}

/**
 * Shows the word at `offset` of the block, segmenting its chunk first if needed.
 * @param {any} model
 * @param {{start: number, end: number}[]} chunks
 * @param {number} index
 * @param {number|null} offset the character's offset, or null for the chunk's first/last word
 * @param {1|-1} [edge] which end of the chunk when offset is null
 */
async function showAt(model, chunks, index, offset, edge = 1) {
  clearTimeout(state.hideTimer);
  const chunk = chunks[index];
  const text = model.text.slice(chunk.start, chunk.end);
  const answer = state.cache.get(text) ?? (await segmentOnce(text, () => showAt(model, chunks, index, offset, edge)));
  if (!answer) return;
  const toUtf16 = utf16Offsets(text);
  const local = answer.tokens.map((t) => ({ ...t, start: toUtf16(t.start), end: toUtf16(t.end) }));
  let at = offset == null ? null : local.findIndex((t) => offset - chunk.start >= t.start && offset - chunk.start < t.end);
  if (offset == null) at = edgeWord(local, edge);
  if (at == null || at < 0 || !local[at].is_chinese) return scheduleHide();
  if (isShown(model, index, at)) return;
  const token = local[at];
  const range = rangeOf(model, chunk.start + token.start, chunk.start + token.end);
  if (!range) return;
  state.shown = { model, chunks, index, token: at };
  const sentence = sentenceAround(text, token.start, token.end);
  showCard({ token, sentence, range, display: answer.display }, source);
}

/** The same word of the same block is on the card already: nothing to redraw. */
function isShown(model, index, at) {
  const shown = state.shown;
  return shownSource() === source && shown?.model.block === model.block && shown.index === index && shown.token === at;
}

/** @param {{is_chinese: boolean}[]} tokens @param {1|-1} edge */
function edgeWord(tokens, edge) {
  const indexes = tokens.map((t, i) => (t.is_chinese ? i : -1)).filter((i) => i >= 0);
  return edge === 1 ? indexes[0] : indexes[indexes.length - 1];
}

/**
 * Asks the service for a paragraph's words. While a request is in flight no other is
 * sent: the latest lookup wanted (`again`) runs when the answer is in, from the cache. A
 * failure is said on the card and not asked again for a while, so a resting pointer over
 * a dead service sends one request, not one per answer.
 * @param {string} text
 * @param {() => void} again
 * @returns {Promise<null>} the answer is read from the cache by `again`
 */
async function segmentOnce(text, again) {
  state.again = again;
  if (state.inFlight || Date.now() - (state.failed.get(text) ?? -Infinity) < RETRY_AFTER_MS) return null;
  state.inFlight = true;
  const response = await requestSegment(text);
  state.inFlight = false;
  if (response.ok) {
    remember(text, { tokens: response.result.tokens, display: response.result.display });
  } else {
    state.failed.set(text, Date.now());
    const range = state.point && pointRange(state.point);
    state.shown = null;
    if (range) showCardError(response.error, range, source);
  }
  const next = state.again;
  state.again = null;
  next?.();
  return null;
}

/** A range over the character under a point, for a card that has no word to mark. */
function pointRange(point) {
  const hit = characterAt(point.x, point.y);
  if (!hit) return null;
  const range = document.createRange();
  range.setStart(hit.node, hit.offset);
  range.setEnd(hit.node, hit.offset + 1);
  return range;
}

/** @param {string} text @param {{tokens: object[], display: object}} answer */
function remember(text, answer) {
  state.cache.set(text, answer);
  if (state.cache.size > CACHE_SIZE) state.cache.delete(state.cache.keys().next().value);
}

/** The next or previous Chinese word of the paragraph, into the next chunk at its end. */
function step(direction) {
  const shown = state.shown;
  if (!shown) return;
  const { model, chunks, index } = shown;
  const text = model.text.slice(chunks[index].start, chunks[index].end);
  const tokens = state.cache.get(text)?.tokens ?? [];
  for (let i = shown.token + direction; i >= 0 && i < tokens.length; i += direction) {
    if (tokens[i].is_chinese) return showAt(model, chunks, index, chunks[index].start + utf16Offsets(text)(tokens[i].start));
  }
  const next = index + direction;
  if (next >= 0 && next < chunks.length) showAt(model, chunks, next, null, direction);
}

function scheduleHide() {
  if (shownSource() !== source) return;
  clearTimeout(state.hideTimer);
  state.hideTimer = setTimeout(() => {
    if (shownSource() === source) hideCard();
  }, HIDE_MS);
}
