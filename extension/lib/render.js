/**
 * Rendering shared by the tooltip (inside a shadow root) and the popup: a result,
 * a loading line or an error, built with DOM calls only (no innerHTML, so text from
 * the API or the page can never become markup).
 */

import { describeError } from "./errors.js";
import { NEUTRAL_TONE, syllables } from "./pinyin.js";

const HINT = "Hover over or tab to a word for its meaning.";

/**
 * Shows a "looking up" line.
 * @param {HTMLElement} container
 */
export function renderLoading(container) {
  container.replaceChildren(
    el(container, "p", { className: "hl-status", role: "status" }, "Looking up…"),
  );
}

/**
 * Shows a lookup result: the translation, the words and their summary.
 * @param {HTMLElement} container
 * @param {import("./lookup.js").LookupResult} result
 * @param {{onRetry?: () => void, onOpenOptions?: () => void}} [actions]
 */
export function renderResult(container, result, actions = {}) {
  const card = el(container, "div", { className: "hl-result", dataset: { direction: result.direction } });
  if (result.direction === "zh-en") {
    card.append(translationSection(container, result, actions));
  } else {
    card.append(sectionLabel(container, "English"), el(container, "p", { className: "hl-original", lang: "en" }, result.original));
  }
  card.append(
    sectionLabel(container, result.direction === "zh-en" ? "Words" : "Chinese"),
    wordsSection(container, result.segmented.tokens),
    detailLine(container),
    summaryLine(container, result.segmented.summary),
  );
  container.replaceChildren(card);
  wireGlossDetail(card);
}

/**
 * Shows an error as a sentence with the actions that can fix it.
 * @param {HTMLElement} container
 * @param {import("./errors.js").ErrorInfo} error
 * @param {{onRetry?: () => void, onOpenOptions?: () => void}} [actions]
 */
export function renderError(container, error, actions = {}) {
  container.replaceChildren(errorBox(container, error, actions));
}

/**
 * The translation, or the reason it is missing while the words are still shown.
 * @param {HTMLElement} ctx
 * @param {import("./lookup.js").LookupResult} result
 * @param {{onRetry?: () => void, onOpenOptions?: () => void}} actions
 */
function translationSection(ctx, result, actions) {
  const section = el(ctx, "div", { className: "hl-translation-section" }, sectionLabel(ctx, "Translation"));
  if (result.translationError) {
    section.append(errorBox(ctx, result.translationError, actions));
  } else {
    section.append(el(ctx, "p", { className: "hl-translation", lang: "en" }, result.translation ?? ""));
  }
  return section;
}

/**
 * @param {HTMLElement} ctx
 * @param {object[]} tokens
 */
function wordsSection(ctx, tokens) {
  const words = el(ctx, "div", { className: "hl-words", lang: "zh-Hans" });
  words.append(...tokens.map((token) => (token.is_chinese ? wordElement(ctx, token) : plainElement(ctx, token))));
  return words;
}

/**
 * One Chinese word: pinyin above, characters below, both in tone colours, with an
 * HSK badge. It is focusable so keyboard users get the glosses too.
 * @param {HTMLElement} ctx
 * @param {{text: string, pinyin: string|null, hsk_level: number|null, glosses: string[]}} token
 */
function wordElement(ctx, token) {
  const sylls = syllables(token.pinyin);
  const word = el(ctx, "span", {
    className: `hl-word ${levelClass(token.hsk_level)}`,
    tabIndex: 0,
    dataset: { word: token.text, pinyin: token.pinyin ?? "", hsk: token.hsk_level ?? "", glosses: JSON.stringify(token.glosses ?? []) },
  });
  word.setAttribute("aria-label", wordLabel(token));
  word.append(
    el(ctx, "span", { className: "hl-pinyin" }, ...sylls.map((s) => el(ctx, "span", { className: `tone${s.tone}` }, s.text))),
    el(ctx, "span", { className: "hl-hanzi" }, ...hanziWithTones(ctx, token.text, sylls)),
  );
  if (token.hsk_level != null) {
    word.append(el(ctx, "span", { className: "hl-badge", title: `HSK level ${levelName(token.hsk_level)}` }, `HSK ${levelName(token.hsk_level)}`));
  }
  return word;
}

/**
 * Characters coloured by their syllable's tone. When the counts differ (erhua, a
 * digit inside a word) the tones cannot be paired, so the word stays neutral.
 * @param {HTMLElement} ctx
 * @param {string} text
 * @param {{tone: number}[]} sylls
 */
function hanziWithTones(ctx, text, sylls) {
  const chars = Array.from(text);
  const paired = chars.length === sylls.length;
  return chars.map((char, i) => el(ctx, "span", { className: `tone${paired ? sylls[i].tone : NEUTRAL_TONE}` }, char));
}

/**
 * Punctuation, spaces and Latin text pass through unannotated.
 * @param {HTMLElement} ctx
 * @param {{text: string}} token
 */
function plainElement(ctx, token) {
  return el(ctx, "span", { className: "hl-plain" }, token.text);
}

/** @param {HTMLElement} ctx */
function detailLine(ctx) {
  const detail = el(ctx, "div", { className: "hl-detail" }, el(ctx, "span", { className: "hl-hint" }, HINT));
  detail.setAttribute("aria-live", "polite");
  return detail;
}

/**
 * "6 words · HSK 2025 · overall level 2 · 1 unlisted".
 * @param {HTMLElement} ctx
 * @param {{words: number, by_level: Record<string, number>, level: number|null, standard: string}} summary
 */
function summaryLine(ctx, summary) {
  const parts = [`${summary.words} ${summary.words === 1 ? "word" : "words"}`, `HSK ${summary.standard}`];
  if (summary.level != null) parts.push(`overall level ${levelName(summary.level)}`);
  const unlisted = summary.by_level?.unlisted ?? 0;
  if (unlisted) parts.push(`${unlisted} unlisted`);
  return el(ctx, "p", { className: "hl-summary" }, parts.join(" · "));
}

/**
 * Hover and focus both fill the detail line, so mouse and keyboard users see the
 * same glosses; one listener on the card serves every word.
 * @param {HTMLElement} card
 */
function wireGlossDetail(card) {
  const detail = card.querySelector(".hl-detail");
  const show = (event) => {
    const word = event.target.closest?.(".hl-word");
    if (word) showGlosses(detail, word);
  };
  card.addEventListener("mouseover", show);
  card.addEventListener("focusin", show);
}

/**
 * @param {HTMLElement} detail
 * @param {HTMLElement} word
 */
function showGlosses(detail, word) {
  const glosses = JSON.parse(word.dataset.glosses || "[]");
  const level = word.dataset.hsk ? `HSK ${levelName(Number(word.dataset.hsk))}` : "not in the HSK list";
  word.parentElement.querySelectorAll(".hl-word.hl-active").forEach((w) => w.classList.remove("hl-active"));
  word.classList.add("hl-active");
  detail.replaceChildren(
    el(detail, "span", { className: "hl-detail-word", lang: "zh-Hans" }, word.dataset.word),
    el(detail, "span", { className: "hl-detail-pinyin" }, word.dataset.pinyin),
    el(detail, "span", { className: "hl-detail-level" }, level),
    el(detail, "span", { className: "hl-glosses" }, glosses.length ? glosses.join("; ") : "No dictionary entry."),
  );
}

/**
 * @param {HTMLElement} ctx
 * @param {import("./errors.js").ErrorInfo} error
 * @param {{onRetry?: () => void, onOpenOptions?: () => void}} actions
 */
function errorBox(ctx, error, actions) {
  const text = describeError(error);
  const box = el(ctx, "div", { className: "hl-error", role: "alert", dataset: { kind: error.kind } },
    el(ctx, "strong", { className: "hl-error-title" }, text.title),
    el(ctx, "p", { className: "hl-error-message" }, text.message),
  );
  if (error.requestId) box.append(el(ctx, "p", { className: "hl-request-id" }, `Request id: ${error.requestId}`));
  const buttons = [];
  if (text.retry && actions.onRetry) buttons.push(actionButton(ctx, "Retry", "retry", actions.onRetry));
  if (text.options && actions.onOpenOptions) buttons.push(actionButton(ctx, "Options", "options", actions.onOpenOptions));
  if (buttons.length) box.append(el(ctx, "div", { className: "hl-actions" }, ...buttons));
  return box;
}

/**
 * @param {HTMLElement} ctx
 * @param {string} label
 * @param {string} action
 * @param {() => void} onClick
 */
function actionButton(ctx, label, action, onClick) {
  const button = el(ctx, "button", { type: "button", className: "hl-button", dataset: { action } }, label);
  button.addEventListener("click", onClick);
  return button;
}

/**
 * @param {HTMLElement} ctx
 * @param {string} text
 */
function sectionLabel(ctx, text) {
  return el(ctx, "div", { className: "hl-label" }, text);
}

/**
 * The API reports the 7-9 band as 7.
 * @param {number} level
 */
export function levelName(level) {
  return level >= 7 ? "7–9" : String(level);
}

/** @param {number|null} level */
function levelClass(level) {
  return level == null ? "hsk-none" : `hsk-${Math.min(level, 7)}`;
}

/** @param {{text: string, pinyin: string|null, hsk_level: number|null, glosses: string[]}} token */
function wordLabel(token) {
  const level = token.hsk_level != null ? `, HSK ${levelName(token.hsk_level)}` : "";
  const glosses = token.glosses?.length ? `: ${token.glosses.slice(0, 3).join("; ")}` : "";
  return `${token.text} ${token.pinyin ?? ""}${level}${glosses}`;
}

/**
 * A tiny element factory; `ctx` supplies the document, so the same code builds
 * nodes for the popup and for a page's shadow root.
 * @param {Node} ctx
 * @param {string} tag
 * @param {Record<string, any>} props
 * @param {...(Node|string)} children
 */
function el(ctx, tag, props, ...children) {
  const doc = ctx.ownerDocument ?? ctx;
  const node = doc.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (key === "dataset") Object.assign(node.dataset, value);
    else if (key === "role") node.setAttribute("role", value);
    else node[key] = value;
  }
  node.append(...children);
  return node;
}
