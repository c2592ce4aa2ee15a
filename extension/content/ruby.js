/**
 * Reading mode's writes into the page: each Chinese word of a text node becomes
 * <ruby>word<rt>reading</rt></ruby>. Everything written is recorded with the text node it
 * replaced, and putting the original node back undoes it exactly (the node itself, not a
 * copy, so the page's references to it hold again).
 *
 * The reading lives in the rt as generated content (::before of empty spans, from a
 * data attribute), so the page's text stays what it was: textContent, a copied selection
 * and find-in-page see the words only.
 */

import { NEUTRAL_TONE, readableSyllables, syllables, zhuyinSyllables } from "../lib/pinyin.js";

export const RUBY_ATTR = "data-hanzi-lambda";

/** Tone colours for readings drawn on the page itself: the light palette on light pages,
 * the dark one on dark pages, chosen from the block's own background (each AA, 4.5:1). */
const TONES = {
  light: ["#c62828", "#9a4d00", "#2b7a36", "#1a5fb4", "#5b616e"],
  dark: ["#ff8a8a", "#f2a14a", "#6fcf7f", "#86b8ff", "#b3b9c4"],
};

/** The page stylesheet: line height grows where readings are, so lines never overlap. */
const READING_CSS = `
ruby[${RUBY_ATTR}] { ruby-position: over; line-height: 2.5; text-indent: 0; }
ruby[${RUBY_ATTR}] > rt {
  font: normal 400 max(0.55em, 10px)/1.2 system-ui, "Noto Sans", sans-serif !important;
  letter-spacing: 0; text-transform: none; text-decoration: none; user-select: none; -webkit-user-select: none;
  padding-inline: 0.2em;
}
ruby[${RUBY_ATTR}] > rt > span { font: inherit !important; }
ruby[${RUBY_ATTR}] > rt > span::before { content: attr(data-r); }
ruby[${RUBY_ATTR}] > rt > span + span.hl-zy::before { content: " " attr(data-r); }
${Object.entries(TONES).map(([scheme, colours]) => colours.map((c, i) =>
    `ruby[${RUBY_ATTR}="${scheme}"] .hl-t${i + 1} { color: ${c} !important; }`).join("\n")).join("\n")}
`;

/** @type {WeakSet<Node>} every node reading mode wrote */
const written = new WeakSet();
/** @type {WeakMap<Element, {token: any, sentence: string}>} ruby -> its word */
const words = new WeakMap();

let sheet = null;

/** Puts the reading styles into the page without adding a node to it. */
export function installStyles() {
  sheet ??= new CSSStyleSheet();
  sheet.replaceSync(READING_CSS);
  if (!document.adoptedStyleSheets.includes(sheet)) document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}

export function removeStyles() {
  if (sheet) document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
}

/** @param {Node} node */
export function isWritten(node) {
  return written.has(node) || Boolean(node.parentElement?.closest(`ruby[${RUBY_ATTR}]`));
}

/** @param {Element} ruby @returns {{token: any, sentence: string}|undefined} */
export function wordOf(ruby) {
  return words.get(ruby);
}

/**
 * @typedef {{start: number, end: number, token: any, sentence: string}} PlacedWord
 * @typedef {{original: Text, inserted: Node[]}} Record
 */

/**
 * Writes the words over a block's text nodes; nodes without a Chinese word stay as they are.
 * @param {import("./blocks.js").BlockModel} model
 * @param {PlacedWord[]} placed the block's tokens, offsets in the block's text
 * @param {{myLevel: number|null, zhuyin: boolean}} display
 * @param {"light"|"dark"} scheme
 * @returns {Record[]}
 */
export function annotatePieces(model, placed, display, scheme) {
  const records = [];
  for (const piece of model.pieces) {
    const over = placed.filter((w) => w.end > piece.start && w.start < piece.end);
    if (!over.some((w) => w.token.is_chinese)) continue;
    const inserted = pieceNodes(piece, over, display, scheme);
    piece.node.replaceWith(...inserted);
    records.push({ original: piece.node, inserted });
  }
  return records;
}

/**
 * @param {import("./blocks.js").Piece} piece
 * @param {PlacedWord[]} over
 * @param {{myLevel: number|null, zhuyin: boolean}} display
 * @param {"light"|"dark"} scheme
 */
function pieceNodes(piece, over, display, scheme) {
  const data = piece.node.data;
  const nodes = [];
  const text = (from, to) => from < to && nodes.push(mark(document.createTextNode(data.slice(from - piece.start, to - piece.start))));
  let at = piece.start;
  for (const word of over) {
    const start = Math.max(word.start, piece.start);
    const end = Math.min(word.end, piece.end);
    text(at, start);
    if (word.token.is_chinese) nodes.push(rubyFor(word, data.slice(start - piece.start, end - piece.start), start - word.start, display, scheme));
    else text(start, end);
    at = end;
  }
  text(at, piece.end);
  return nodes;
}

/**
 * One word (or the part of it inside this text node) with its reading: the syllables of
 * its characters, so a word split by the page's markup keeps its reading over each part.
 * @param {PlacedWord} word
 * @param {string} base the characters in this node
 * @param {number} skip UTF-16 units of the word before them
 * @param {{myLevel: number|null, zhuyin: boolean}} display
 * @param {"light"|"dark"} scheme
 */
function rubyFor(word, base, skip, display, scheme) {
  const { token } = word;
  const ruby = mark(document.createElement("ruby"));
  ruby.setAttribute(RUBY_ATTR, scheme);
  const rt = mark(document.createElement("rt"));
  if (!isKnown(token, display.myLevel)) rt.append(...readingSpans(token, base, skip, display.zhuyin));
  ruby.append(mark(document.createTextNode(base)), rt);
  words.set(ruby, { token, sentence: word.sentence });
  return ruby;
}

/**
 * @param {any} token
 * @param {string} base
 * @param {number} skip
 * @param {boolean} zhuyin
 */
function readingSpans(token, base, skip, zhuyin) {
  const useZhuyin = zhuyin && token.zhuyin;
  const all = useZhuyin ? zhuyinSyllables(token.zhuyin) : syllables(token.pinyin);
  const chars = Array.from(token.text);
  const first = Array.from(token.text.slice(0, skip)).length;
  let sylls = all;
  if (chars.length === all.length) sylls = all.slice(first, first + Array.from(base).length);
  else if (skip > 0) sylls = [];
  const shown = useZhuyin ? sylls : readableSyllables(sylls);
  return shown.map((s) => {
    const span = mark(document.createElement("span"));
    span.className = `hl-t${s.tone || NEUTRAL_TONE}${useZhuyin ? " hl-zy" : ""}`;
    span.dataset.r = s.text;
    return span;
  });
}

/** @param {{hsk_level: number|null}} token @param {number|null} myLevel */
function isKnown(token, myLevel) {
  return myLevel != null && token.hsk_level != null && token.hsk_level <= myLevel;
}

/** @template {Node} T @param {T} node @returns {T} */
function mark(node) {
  written.add(node);
  return node;
}

/**
 * Puts the page's own nodes back, newest first.
 * @param {Record[]} records
 */
export function restore(records) {
  for (const { original, inserted } of [...records].reverse()) {
    const anchor = inserted.find((n) => n.parentNode);
    if (anchor) anchor.parentNode.insertBefore(original, anchor);
    for (const node of inserted) node.remove();
  }
}

/**
 * Whether a block sits on a dark background: the first opaque background behind it, else
 * the page's colour scheme.
 * @param {Element} block
 * @returns {"light"|"dark"}
 */
export function schemeBehind(block) {
  for (let node = block; node; node = node.parentElement) {
    const parts = (getComputedStyle(node).backgroundColor.match(/[\d.]+/g) ?? []).map(Number);
    if (parts.length >= 3 && (parts.length === 3 || parts[3] === 1)) return luminance(parts) < 0.18 ? "dark" : "light";
  }
  const declared = getComputedStyle(document.documentElement).colorScheme;
  const dark = declared.includes("dark") && (!declared.includes("light") || matchMedia("(prefers-color-scheme: dark)").matches);
  return dark ? "dark" : "light";
}

/** @param {number[]} rgb */
function luminance([r, g, b]) {
  const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
}
