/**
 * Rendering shared by the tooltip (inside a shadow root) and the popup: a result,
 * a loading line or an error, built with DOM calls only (no innerHTML, so text from
 * the API or the page can never become markup).
 */

import { el, errorBox, levelClass, levelName } from "./dom.js";
import { NEUTRAL_TONE, hasErhua, readablePinyin, readableSyllables, syllables, zhuyinSyllables } from "./pinyin.js";
import { fillWordPanel, listenButton } from "./wordcard.js";
import { sentenceAround } from "./wordlist.js";

const HINT = "Hover over, click or tab to a word for its meaning.";

/**
 * @typedef {{
 *   onRetry?: () => void,
 *   onOpenOptions?: () => void,
 *   onSave?: (info: {token: object, sentence: string, translation: string|null}) => Promise<{ok: boolean, message?: string}>,
 *   onListen?: (text: string) => Promise<{ok: boolean, error?: import("./errors.js").ErrorInfo}>,
 * }} Actions
 */

/**
 * Shows a "looking up" line.
 * @param {HTMLElement} container
 */
export function renderLoading(container) {
  container.replaceChildren(el(container, "p", { className: "hl-status", role: "status" }, "Looking up…"));
}

/**
 * Shows a lookup result: the translation, the words, the word panel and the summary.
 * @param {HTMLElement} container
 * @param {import("./lookup.js").LookupResult} result
 * @param {Actions} [actions]
 */
export function renderResult(container, result, actions = {}) {
  const display = result.display ?? { myLevel: null, zhuyin: false };
  const card = el(container, "div", { className: "hl-result", dataset: { direction: result.direction } });
  if (result.direction === "zh-en") {
    card.append(translationSection(container, result, actions));
  } else {
    card.append(sectionLabel(container, "English → Chinese"), el(container, "p", { className: "hl-original", lang: "en" }, result.original));
  }
  const tokens = result.segmented.tokens;
  const detail = detailPanel(container);
  card.append(
    sectionLabel(container, result.direction === "zh-en" ? "Words" : "Chinese", listenButton(container, "Listen to the sentence", result.chinese, detail, actions)),
    wordsSection(container, tokens, display),
    detail,
    summaryLine(container, result.segmented.summary, tokens, display.myLevel),
  );
  container.replaceChildren(card);
  wireWordPanel(card, detail, tokens, result, actions);
}

/**
 * Shows an error as a sentence with the actions that can fix it.
 * @param {HTMLElement} container
 * @param {import("./errors.js").ErrorInfo} error
 * @param {Actions} [actions]
 */
export function renderError(container, error, actions = {}) {
  container.replaceChildren(errorBox(container, error, actions));
}

/**
 * The translation, or the reason it is missing while the words are still shown.
 * @param {HTMLElement} ctx
 * @param {import("./lookup.js").LookupResult} result
 * @param {Actions} actions
 */
function translationSection(ctx, result, actions) {
  // The label says which way the service decided the text goes.
  const section = el(ctx, "div", { className: "hl-translation-section" }, sectionLabel(ctx, "Chinese → English"));
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
 * @param {{myLevel: number|null, zhuyin: boolean}} display
 */
function wordsSection(ctx, tokens, display) {
  const words = el(ctx, "div", { className: "hl-words", lang: "zh" });
  words.append(...tokens.map((token, index) => (token.is_chinese ? wordElement(ctx, token, index, display) : plainElement(ctx, token))));
  return words;
}

/**
 * One Chinese word: its reading above (pinyin, or zhuyin when asked for and sent),
 * characters below, both in tone colours, with an HSK badge. Words at or below the
 * learner's level keep their place but hide the reading. Focusable, so keyboard users
 * get the word panel too.
 * @param {HTMLElement} ctx
 * @param {{text: string, pinyin: string|null, zhuyin?: string|null, hsk_level: number|null, glosses: string[]}} token
 * @param {number} index
 * @param {{myLevel: number|null, zhuyin: boolean}} display
 */
function wordElement(ctx, token, index, display) {
  const sylls = syllables(token.pinyin);
  const reading = display.zhuyin && token.zhuyin ? zhuyinSyllables(token.zhuyin) : readableSyllables(sylls);
  const known = isKnown(token, display.myLevel);
  const word = el(ctx, "span", {
    className: `hl-word ${levelClass(token.hsk_level)}${known ? " hl-known" : ""}`,
    tabIndex: 0,
    dataset: { index: String(index), word: token.text, pinyin: token.pinyin ?? "" },
  });
  word.setAttribute("aria-label", wordLabel(token));
  word.append(
    el(ctx, "span", { className: `hl-pinyin${hasErhua(sylls) ? " hl-joined" : ""}` }, ...reading.map((s) => el(ctx, "span", { className: `tone${s.tone}` }, s.text))),
    el(ctx, "span", { className: "hl-hanzi" }, ...hanziWithTones(ctx, token.text, sylls)),
  );
  if (token.hsk_level != null) {
    word.append(el(ctx, "span", { className: "hl-badge", title: `HSK level ${levelName(token.hsk_level)}` }, `HSK ${levelName(token.hsk_level)}`));
  }
  return word;
}

/**
 * @param {{hsk_level: number|null}} token
 * @param {number|null} myLevel
 */
function isKnown(token, myLevel) {
  return myLevel != null && token.hsk_level != null && token.hsk_level <= myLevel;
}

/**
 * Characters coloured by their syllable's tone (the service sends one syllable per
 * character, erhua's 儿 included). When the counts differ (a digit inside a word) the
 * tones cannot be paired, so the word stays neutral.
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

/**
 * The word panel: sticky at the bottom of the scrolling tooltip, so the senses of the
 * hovered word are in view for the first word of a long paragraph as for the last.
 * @param {HTMLElement} ctx
 */
function detailPanel(ctx) {
  const body = el(ctx, "div", { className: "hl-detail-body" }, el(ctx, "span", { className: "hl-hint" }, HINT));
  body.setAttribute("aria-live", "polite");
  const note = el(ctx, "p", { className: "hl-note", role: "status" });
  note.hidden = true;
  return el(ctx, "div", { className: "hl-detail" }, body, note);
}

/**
 * "6 words · HSK 2025 · overall level 2 · 1 unlisted · 3 above level 2".
 * @param {HTMLElement} ctx
 * @param {{words: number, by_level: Record<string, number>, level: number|null, standard: string}} summary
 * @param {{is_chinese: boolean, hsk_level: number|null}[]} tokens
 * @param {number|null} myLevel
 */
function summaryLine(ctx, summary, tokens, myLevel) {
  const parts = [`${summary.words} ${summary.words === 1 ? "word" : "words"}`, `HSK ${summary.standard}`];
  if (summary.level != null) parts.push(`overall level ${levelName(summary.level)}`);
  const unlisted = summary.by_level?.unlisted ?? 0;
  if (unlisted) parts.push(`${unlisted} unlisted`);
  if (myLevel != null) {
    const above = tokens.filter((token) => token.is_chinese && !isKnown(token, myLevel)).length;
    parts.push(`${above} above your level ${levelName(myLevel)}`);
  }
  return el(ctx, "p", { className: "hl-summary" }, parts.join(" · "));
}

/**
 * Hover previews a word in the panel; a click or keyboard focus pins it there, so the
 * pointer can travel to the panel's buttons across other words. One set of listeners
 * on the card serves every word.
 * @param {HTMLElement} card
 * @param {HTMLElement} detail
 * @param {object[]} tokens
 * @param {import("./lookup.js").LookupResult} result
 * @param {Actions} actions
 */
function wireWordPanel(card, detail, tokens, result, actions) {
  let pinned = null;
  const wordOf = (event) => event.target.closest?.(".hl-word") ?? null;
  const show = (word) => showWord(card, detail, word, tokens[Number(word.dataset.index)], result, actions);
  card.addEventListener("mouseover", (event) => {
    const word = wordOf(event);
    if (word && !pinned && !word.classList.contains("hl-active")) show(word);
  });
  card.addEventListener("focusin", (event) => {
    const word = wordOf(event);
    if (!word) return;
    pinned = word;
    show(word);
  });
  card.addEventListener("focusout", (event) => {
    if (!card.contains(event.relatedTarget)) pinned = null;
  });
}

/**
 * Marks the word active and fills the panel with it (lib/wordcard.js); Save keeps the
 * word's sentence and, when the selection was that one sentence, its translation.
 * @param {HTMLElement} card
 * @param {HTMLElement} detail
 * @param {HTMLElement} word
 * @param {any} token
 * @param {import("./lookup.js").LookupResult} result
 * @param {Actions} actions
 */
function showWord(card, detail, word, token, result, actions) {
  card.querySelectorAll(".hl-word.hl-active").forEach((w) => w.classList.remove("hl-active"));
  word.classList.add("hl-active");
  const zhuyin = Boolean(result.display?.zhuyin);
  fillWordPanel(detail, token, { zhuyin, saveInfo: () => saveInfo(token, result) }, actions);
}

/**
 * The word's sentence and, when the selection was that one sentence, its translation.
 * @param {{text: string, start: number, end: number}} token
 * @param {import("./lookup.js").LookupResult} result
 */
function saveInfo(token, result) {
  const sentence = sentenceAround(result.chinese, token.start, token.end);
  const whole = sentence === result.chinese.trim();
  const pairedText = result.direction === "zh-en" ? result.translation : result.original;
  return { token, sentence, translation: whole ? pairedText ?? null : null };
}

/**
 * @param {HTMLElement} ctx
 * @param {string} text
 * @param {...(Node|string)} extra
 */
function sectionLabel(ctx, text, ...extra) {
  return el(ctx, "div", { className: "hl-label" }, el(ctx, "span", {}, text), ...extra);
}

/** @param {{text: string, pinyin: string|null, hsk_level: number|null, glosses: string[]}} token */
function wordLabel(token) {
  const level = token.hsk_level != null ? `, HSK ${levelName(token.hsk_level)}` : "";
  const glosses = token.glosses?.length ? `: ${token.glosses.slice(0, 3).join("; ")}` : "";
  return `${token.text} ${readablePinyin(token.pinyin)}${level}${glosses}`;
}
