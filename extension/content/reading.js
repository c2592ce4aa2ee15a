/**
 * Reading mode: on a site in `annotateSites`, every Chinese word of the page gets its
 * reading above it (content/ruby.js). Blocks are annotated as they come near the window
 * (IntersectionObserver) and as the page adds text (MutationObserver, debounced); the
 * blocks waiting are sent together, as few /segment/batch requests as the service's
 * limits allow, one at a time. Switching it off puts every node of the page back.
 */

import { requestSegmentBatch } from "../lib/messages.js";
import { DEFAULT_SETTINGS, isAnnotatingOn } from "../lib/settings.js";
import { sentenceAround } from "../lib/wordlist.js";
import { blockModel, blockOf, chunksOf, containsHanText, isSkipped, utf16Offsets } from "./blocks.js";
import { hideCard, showCard, shownSource, shownToken } from "./card.js";
import { isInsideHost, siteHostname } from "./host.js";
import { RUBY_ATTR, annotatePieces, installStyles, isWritten, removeStyles, restore, schemeBehind, wordOf } from "./ruby.js";

/** The service's defaults: MAX_BATCH_ITEMS texts and MAX_BODY_BYTES (with room to spare). */
const MAX_ITEMS = 32;
const MAX_BODY_BYTES = 200_000;
/** Blocks within one window height above or below the window count as near. */
const NEAR = "100% 0px 100% 0px";
const FLUSH_MS = 30;
const MUTATION_MS = 200;
const HOVER_MS = 50;
const HIDE_MS = 350;

const WATCHED = ["annotateSites", "disabledSites", "myLevel", "zhuyin", "toneChanges", "hskStandard"];
/** Settings that change what a reading looks like: the page is annotated again. */
const REDRAW_ON = ["myLevel", "zhuyin", "toneChanges", "hskStandard"];

/**
 * @typedef {{status: "waiting"|"queued"|"sending"|"done"|"failed", model: any, chunks: any[],
 *   results: any[], sent: Set<number>, records: import("./ruby.js").Record[]}} BlockState
 */

const state = {
  settings: Object.fromEntries(WATCHED.map((key) => [key, DEFAULT_SETTINGS[key]])),
  active: false,
  generation: 0,
  /** @type {Map<Element, BlockState>} */ blocks: new Map(),
  /** @type {Set<Element>} */ queue: new Set(),
  busy: false,
  display: { myLevel: null, zhuyin: false, fontSize: 100 },
  io: null,
  mo: null,
  added: new Set(),
  timers: { flush: 0, mutation: 0, hover: 0, hide: 0 },
};

const source = { step: (direction) => step(direction) };

/** Follows the settings; does nothing at all on a site not in reading mode. */
export function startReading() {
  chrome.storage.local.get(WATCHED).then((stored) => {
    Object.assign(state.settings, stored);
    sync();
  });
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area !== "local" || !WATCHED.some((key) => changes[key])) return;
    for (const key of WATCHED) if (changes[key]) state.settings[key] = changes[key].newValue ?? DEFAULT_SETTINGS[key];
    if (state.active && REDRAW_ON.some((key) => changes[key])) stop();
    sync();
  });
}

function sync() {
  const wanted = isAnnotatingOn(state.settings, siteHostname());
  if (wanted && !state.active) start();
  else if (!wanted && state.active) stop();
}

function start() {
  Object.assign(state, { active: true, generation: state.generation + 1 });
  installStyles();
  state.io = new IntersectionObserver(onIntersect, { rootMargin: NEAR });
  state.mo = new MutationObserver(onMutations);
  state.mo.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  if (document.body) scan(document.body);
  document.addEventListener("mouseover", onPointerOver, true);
  document.addEventListener("click", onClick, true);
}

/** Puts every node back and forgets the page. */
function stop() {
  state.active = false;
  state.io?.disconnect();
  state.mo?.disconnect();
  Object.values(state.timers).forEach(clearTimeout);
  document.removeEventListener("mouseover", onPointerOver, true);
  document.removeEventListener("click", onClick, true);
  if (shownSource() === source) hideCard();
  for (const block of state.blocks.values()) restore(block.records);
  removeStyles();
  Object.assign(state, { blocks: new Map(), queue: new Set(), added: new Set(), busy: false });
}

/**
 * Finds the blocks under `root` with Chinese text still to annotate and watches them.
 * @param {Node} root
 */
function scan(root) {
  if (root instanceof Text) return consider(root);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) consider(node);
}

/** @param {Text} node */
function consider(node) {
  if (!containsHanText(node.data) || isWritten(node) || isSkipped(node)) return;
  const block = blockOf(node);
  if (!block) return;
  const known = state.blocks.get(block);
  if (known && known.status !== "done" && known.status !== "failed") return;
  if (known) restore(known.records); // new text in an annotated block: read it again whole
  state.blocks.set(block, { status: "waiting", model: null, chunks: [], results: [], sent: new Set(), records: [] });
  state.io.unobserve(block);
  state.io.observe(block);
}

/** @param {IntersectionObserverEntry[]} entries */
function onIntersect(entries) {
  for (const entry of entries) {
    const block = state.blocks.get(entry.target);
    if (!entry.isIntersecting || block?.status !== "waiting") continue;
    block.status = "queued";
    state.queue.add(entry.target);
    state.io.unobserve(entry.target);
  }
  clearTimeout(state.timers.flush);
  state.timers.flush = setTimeout(flush, FLUSH_MS);
}

/** Sends the waiting blocks' chunks in one batch within the limits; then the rest. */
async function flush() {
  if (state.busy || !state.queue.size || !state.active) return;
  state.busy = true;
  const generation = state.generation;
  const items = nextBatch();
  const response = items.length ? await requestSegmentBatch(items.map((item) => item.text)) : { ok: true, result: { results: [] } };
  if (generation !== state.generation) return;
  state.busy = false;
  if (response.ok) {
    state.display = response.result.display ?? state.display;
    items.forEach((item, i) => { item.state.results[item.index] = response.result.results[i]; });
  } else {
    console.warn("Hanzi Lambda: reading mode could not segment the page", response.error);
    items.forEach((item) => { item.state.status = "failed"; });
  }
  for (const [block, st] of state.blocks) if (st.status === "sending" && st.results.filter(Boolean).length === st.chunks.length) apply(block, st);
  flush();
}

/**
 * The chunks to send next: whole blocks in the order they came near, then as many chunks
 * of a long block as fit; a block leaves the queue once all its chunks are sent.
 * @returns {{state: BlockState, index: number, text: string}[]}
 */
function nextBatch() {
  const items = [];
  let bytes = 0;
  for (const block of state.queue) {
    const st = state.blocks.get(block);
    if (!st.model) prepare(block, st);
    for (let index = 0; index < st.chunks.length; index++) {
      if (st.sent.has(index) || st.results[index]) continue;
      const text = st.model.text.slice(st.chunks[index].start, st.chunks[index].end);
      const size = new TextEncoder().encode(JSON.stringify(text)).length + 1;
      if (items.length >= MAX_ITEMS || bytes + size > MAX_BODY_BYTES) return items;
      items.push({ state: st, index, text });
      st.sent.add(index);
      bytes += size;
    }
    st.status = "sending";
    state.queue.delete(block);
  }
  return items;
}

/** Reads the block's text; chunks without Chinese need no request. */
function prepare(block, st) {
  st.model = blockModel(block, isWritten);
  st.chunks = chunksOf(st.model.text);
  st.chunks.forEach((chunk, index) => {
    if (!containsHanText(st.model.text.slice(chunk.start, chunk.end))) st.results[index] = { tokens: [] };
  });
}

/**
 * Writes the readings over the block, unless the page changed its text meanwhile (then it
 * is read again). The observer is told to forget the extension's own writes.
 * @param {Element} block
 * @param {BlockState} st
 */
function apply(block, st) {
  const model = blockModel(block, isWritten);
  if (model.text !== st.model.text) {
    Object.assign(st, { status: "waiting", model: null, chunks: [], results: [], sent: new Set() });
    state.io.observe(block);
    return;
  }
  const placed = st.chunks.flatMap((chunk, i) => placedWords(model.text.slice(chunk.start, chunk.end), chunk.start, st.results[i].tokens));
  st.records = annotatePieces(model, placed, state.display, schemeBehind(block));
  st.status = "done";
  state.mo.takeRecords();
}

/**
 * @param {string} text the chunk's text
 * @param {number} offset where the chunk starts in its block
 * @param {any[]} tokens the service's tokens (code point offsets)
 */
function placedWords(text, offset, tokens) {
  const toUtf16 = utf16Offsets(text);
  return tokens.map((token) => {
    const start = toUtf16(token.start);
    const end = toUtf16(token.end);
    return { start: offset + start, end: offset + end, token, sentence: sentenceAround(text, start, end) };
  });
}

/** @param {MutationRecord[]} records */
function onMutations(records) {
  for (const record of records) {
    if (record.type === "characterData" && !isWritten(record.target)) state.added.add(record.target);
    for (const node of record.addedNodes) if (!isWritten(node)) state.added.add(node);
  }
  if (!state.added.size) return;
  clearTimeout(state.timers.mutation);
  state.timers.mutation = setTimeout(() => {
    const added = [...state.added];
    state.added.clear();
    for (const node of added) if (node.isConnected && state.active) scan(node);
  }, MUTATION_MS);
}

/** Hovering an annotated word shows its card; hovering away hides it. @param {MouseEvent} event */
function onPointerOver(event) {
  clearTimeout(state.timers.hover);
  if (isInsideHost(event)) return clearTimeout(state.timers.hide);
  const ruby = event.target instanceof Element ? event.target.closest(`ruby[${RUBY_ATTR}]`) : null;
  if (ruby && wordOf(ruby)) {
    clearTimeout(state.timers.hide);
    state.timers.hover = setTimeout(() => showRuby(ruby), HOVER_MS);
  } else if (shownSource() === source) {
    clearTimeout(state.timers.hide);
    state.timers.hide = setTimeout(() => shownSource() === source && hideCard(), HIDE_MS);
  }
}

/** @param {MouseEvent} event */
function onClick(event) {
  const ruby = event.target instanceof Element ? event.target.closest(`ruby[${RUBY_ATTR}]`) : null;
  if (ruby && wordOf(ruby)) showRuby(ruby);
}

/** @param {Element} ruby */
function showRuby(ruby) {
  const word = wordOf(ruby);
  if (!ruby.isConnected || (shownSource() === source && shownToken() === word.token)) return;
  const range = document.createRange();
  range.selectNodeContents(ruby.firstChild);
  showCard({ token: word.token, sentence: word.sentence, range, display: state.display }, source);
  state.current = ruby;
}

/** The next or previous annotated word of the page. @param {1|-1} direction */
function step(direction) {
  const rubies = [...document.querySelectorAll(`ruby[${RUBY_ATTR}]`)];
  const next = rubies[rubies.indexOf(state.current) + direction];
  if (next) showRuby(next);
}
