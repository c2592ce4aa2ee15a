/**
 * The page's text as the service reads it: a block (the nearest ancestor laid out as a
 * block: a paragraph, a list item, a cell) joins its text nodes into one string, so a word
 * split by <b> or <a> is still read in its sentence, and every offset of that string leads
 * back to a text node. Blocks are cut into chunks at sentence ends so each request stays
 * within the service's text limit.
 */

/** The most characters sent for one text: under the service's MAX_TEXT_CHARS, and a
 * paragraph's worth of context, which is what a word's reading depends on. */
export const CHUNK_CHARS = 240;

const HAN = /\p{Script=Han}/u;
const SENTENCE_END = /[。！？!?；;…\n]/u;

/** Never read or annotated: form fields, code, scripts, styles, SVG and MathML, ruby the
 * page wrote itself, and everything the extension draws. */
const SKIPPED = [
  "input", "textarea", "select", "option", "button", "code", "pre", "kbd", "samp", "script", "style",
  "noscript", "template", "svg", "math", "iframe", "ruby", "rt", "rp", "title",
  "[contenteditable]:not([contenteditable='false'])", "hanzi-lambda-root",
].join(", ");

const INLINE_DISPLAYS = new Set(["inline", "contents", "ruby", "ruby-text"]);

/**
 * @typedef {{node: Text, start: number, end: number}} Piece
 * @typedef {{block: Element, text: string, pieces: Piece[]}} BlockModel
 */

/** @param {string} text */
export function containsHanText(text) {
  return HAN.test(text);
}

/**
 * True when a node lies where the extension must not read or write.
 * @param {Node} node
 */
export function isSkipped(node) {
  const element = node instanceof Element ? node : node.parentElement;
  return !element || Boolean(element.closest(SKIPPED));
}

/** @param {Element} element */
function isBlock(element) {
  return !INLINE_DISPLAYS.has(getComputedStyle(element).display);
}

/**
 * The block a text node belongs to.
 * @param {Node} node
 * @returns {Element|null}
 */
export function blockOf(node) {
  for (let element = node.parentElement; element; element = element.parentElement) {
    if (isBlock(element)) return element;
  }
  return null;
}

/**
 * A block's text and where each piece of it lives. Nested blocks are blocks of their own
 * and skipped parts are left out; `ignore` leaves out text nodes the extension wrote.
 * @param {Element} block
 * @param {(node: Text) => boolean} [ignore]
 * @returns {BlockModel}
 */
export function blockModel(block, ignore = () => false) {
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      if (node.nodeType === Node.TEXT_NODE) return ignore(node) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      if (node.matches(SKIPPED) || isBlock(node)) return NodeFilter.FILTER_REJECT;
      return NodeFilter.FILTER_SKIP;
    },
  });
  const pieces = [];
  let text = "";
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    pieces.push({ node, start: text.length, end: text.length + node.data.length });
    text += node.data;
  }
  return { block, text, pieces };
}

/**
 * The block's text cut into chunks of at most CHUNK_CHARS, at sentence ends where it can
 * (a sentence longer than that is cut where it must, never inside a surrogate pair).
 * @param {string} text
 * @returns {{start: number, end: number}[]}
 */
export function chunksOf(text) {
  const chunks = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + CHUNK_CHARS);
    if (end < text.length) {
      const cut = lastSentenceEnd(text, start, end);
      end = cut > start ? cut : end;
      if (/[\uD800-\uDBFF]/.test(text[end - 1])) end -= 1;
    }
    chunks.push({ start, end });
    start = end;
  }
  return chunks;
}

/** @param {string} text @param {number} from @param {number} to */
function lastSentenceEnd(text, from, to) {
  for (let i = to - 1; i > from; i--) {
    if (SENTENCE_END.test(text[i])) return i + 1;
  }
  return -1;
}

/**
 * The index of the chunk holding an offset.
 * @param {{start: number, end: number}[]} chunks
 * @param {number} offset
 */
export function chunkIndexAt(chunks, offset) {
  const index = chunks.findIndex((chunk) => offset >= chunk.start && offset < chunk.end);
  return index < 0 ? chunks.length - 1 : index;
}

/**
 * The service counts offsets in code points, the page in UTF-16 units: they differ only
 * after a character outside the BMP (a rare Han extension character, an emoji).
 * @param {string} text
 * @returns {(offset: number) => number} code point offset -> UTF-16 offset in `text`
 */
export function utf16Offsets(text) {
  if (!/[\uD800-\uDFFF]/.test(text)) return (offset) => offset;
  const map = [0];
  for (const char of text) map.push(map[map.length - 1] + char.length);
  return (offset) => map[Math.min(offset, map.length - 1)];
}

/**
 * A DOM range over [start, end) of a block's text, across text nodes.
 * @param {BlockModel} model
 * @param {number} start
 * @param {number} end
 */
export function rangeOf(model, start, end) {
  const range = document.createRange();
  const first = model.pieces.find((p) => start >= p.start && start < p.end);
  const last = [...model.pieces].reverse().find((p) => end > p.start && end <= p.end);
  if (!first || !last) return null;
  range.setStart(first.node, start - first.start);
  range.setEnd(last.node, end - last.start);
  return range;
}
