/**
 * One word's panel, shared by the tooltip's word panel and the hover card: the reading in
 * context with that reading's senses, then other readings, measure words, parts (for a
 * word without an entry of its own) and the other script's form when the service sends
 * them, then Listen to <word> and Save <word>.
 */

import { el, levelName } from "./dom.js";
import { describeError } from "./errors.js";
import { NEUTRAL_TONE, readablePinyin, readableSyllables, syllables, zhuyinSyllables } from "./pinyin.js";
import { loadWordList } from "./wordlist.js";

/**
 * @typedef {{token: object, sentence: string, translation: string|null}} SaveInfo
 * @typedef {{
 *   onSave?: (info: SaveInfo) => Promise<{ok: boolean, message?: string}>,
 *   onListen?: (text: string) => Promise<{ok: boolean, error?: import("./errors.js").ErrorInfo}>,
 * }} WordActions
 */

/**
 * Fills a panel (an element holding `.hl-detail-body` and `.hl-note`) with one word.
 * `toned` (the hover card, which has no word row above it) draws the word and its reading
 * in tone colours.
 * @param {HTMLElement} detail
 * @param {any} token
 * @param {{zhuyin: boolean, toned?: boolean, saveInfo: () => SaveInfo}} context
 * @param {WordActions} actions
 */
export function fillWordPanel(detail, token, context, actions) {
  const ctx = detail;
  const level = token.hsk_level != null ? `HSK ${levelName(token.hsk_level)}` : "not in the HSK list";
  const pinyin = readablePinyin(token.pinyin);
  const reading = context.zhuyin && token.zhuyin ? `${token.zhuyin} · ${pinyin}` : pinyin;
  const [word, shown] = context.toned ? tonedWord(ctx, token, context.zhuyin) : [[token.text], [reading]];
  detail.querySelector(".hl-detail-body").replaceChildren(
    el(ctx, "span", { className: "hl-detail-word", lang: "zh" }, ...word),
    el(ctx, "span", { className: "hl-detail-pinyin" }, ...shown),
    el(ctx, "span", { className: "hl-detail-level" }, level),
    el(ctx, "p", { className: "hl-glosses" }, glossText(token)),
    ...extraSections(ctx, token),
    wordActions(ctx, detail, token, context.saveInfo, actions),
  );
  detail.querySelector(".hl-note").hidden = true;
}

/**
 * The word's characters and its reading (zhuyin when asked for and sent), each in the
 * colour of its syllable's tone; erhua is written as read ("yīdiǎnr").
 * @param {HTMLElement} ctx
 * @param {any} token
 * @param {boolean} zhuyin
 * @returns {[HTMLElement[], HTMLElement[]]}
 */
function tonedWord(ctx, token, zhuyin) {
  const sylls = syllables(token.pinyin);
  const chars = Array.from(token.text);
  const paired = chars.length === sylls.length;
  const word = chars.map((char, i) => el(ctx, "span", { className: `tone${paired ? sylls[i].tone : NEUTRAL_TONE}` }, char));
  const reading = zhuyin && token.zhuyin ? zhuyinSyllables(token.zhuyin) : readableSyllables(sylls);
  const gap = zhuyin && token.zhuyin ? " " : readableSyllables(sylls).length < sylls.length ? "" : " ";
  const shown = reading.map((s, i) => el(ctx, "span", { className: `tone${s.tone}` }, i ? gap + s.text : s.text));
  return [word, shown];
}

/**
 * The senses of the reading shown; a word without an entry points to its parts.
 * @param {{glosses?: string[], parts?: object[]}} token
 */
function glossText(token) {
  if (token.glosses?.length) return token.glosses.join("; ");
  return token.parts?.length ? "No entry of its own: see its parts." : "No dictionary entry.";
}

/**
 * The optional sections, each only when the service sent something for it.
 * @param {HTMLElement} ctx
 * @param {any} token
 */
function extraSections(ctx, token) {
  const sections = [];
  const readings = (token.other_readings ?? []).map((r) => `${readablePinyin(r.pinyin)} ${firstSenses(r.glosses)}`.trim());
  if (readings.length) sections.push(detailSection(ctx, "hl-other-readings", "Other readings", readings.join(" · ")));
  if (token.classifiers?.length) sections.push(detailSection(ctx, "hl-classifiers", "Measure words", token.classifiers.join(", ")));
  const parts = (token.parts ?? []).map((p) => `${p.text} ${readablePinyin(p.pinyin)} ${firstSenses(p.glosses)}`.replace(/\s+/g, " ").trim());
  if (parts.length) sections.push(detailSection(ctx, "hl-parts", "Parts", parts.join(" · ")));
  const form = otherForm(token);
  if (form) sections.push(detailSection(ctx, "hl-other-form", form.label, form.text));
  return sections;
}

/**
 * The form in the other script, when it differs from the text read.
 * @param {{text: string, simplified?: string|null, traditional?: string|null}} token
 * @returns {{label: string, text: string}|null}
 */
function otherForm(token) {
  if (token.traditional && token.traditional !== token.text) return { label: "Traditional", text: token.traditional };
  if (token.simplified && token.simplified !== token.text) return { label: "Simplified", text: token.simplified };
  return null;
}

/** @param {string[]|undefined} glosses */
function firstSenses(glosses) {
  return (glosses ?? []).slice(0, 3).join("; ");
}

/**
 * @param {HTMLElement} ctx
 * @param {string} className
 * @param {string} label
 * @param {string} text
 */
function detailSection(ctx, className, label, text) {
  return el(ctx, "p", { className: `hl-detail-section ${className}` }, el(ctx, "b", {}, `${label}: `), text);
}

/**
 * Listen to <word> and Save <word> (a toggle shown pressed once the word is in the list).
 * @param {HTMLElement} ctx
 * @param {HTMLElement} detail
 * @param {any} token
 * @param {() => SaveInfo} saveInfo
 * @param {WordActions} actions
 */
function wordActions(ctx, detail, token, saveInfo, actions) {
  const row = el(ctx, "div", { className: "hl-word-actions" });
  const listen = listenButton(ctx, `Listen to ${token.text}`, token.text, detail, actions);
  if (listen) row.append(listen);
  if (actions.onSave) row.append(saveButton(ctx, detail, token, saveInfo, actions.onSave));
  return row;
}

/**
 * @param {HTMLElement} ctx
 * @param {string} label the accessible name
 * @param {string} text what is spoken
 * @param {HTMLElement} detail where a failure is said
 * @param {WordActions} actions
 */
export function listenButton(ctx, label, text, detail, actions) {
  if (!actions.onListen || !text) return "";
  const button = el(ctx, "button", { type: "button", className: "hl-button", dataset: { action: "listen" } }, "▶ Listen");
  button.setAttribute("aria-label", label);
  button.addEventListener("click", async () => {
    const response = await actions.onListen(text);
    if (!response.ok) {
      const said = describeError(response.error ?? { kind: "server" });
      showNote(detail, `${said.title}: ${said.message}`, "error");
    }
  });
  return button;
}

/**
 * @param {HTMLElement} ctx
 * @param {HTMLElement} detail
 * @param {any} token
 * @param {() => SaveInfo} saveInfo
 * @param {NonNullable<WordActions["onSave"]>} onSave
 */
function saveButton(ctx, detail, token, saveInfo, onSave) {
  const button = el(ctx, "button", { type: "button", className: "hl-button", dataset: { action: "save" } }, "☆ Save");
  button.setAttribute("aria-label", `Save ${token.text}`);
  setPressed(button, false);
  loadWordList().then((list) => {
    if (list.some((entry) => entry.text === token.text)) setPressed(button, true);
  });
  button.addEventListener("click", async () => {
    if (button.getAttribute("aria-pressed") === "true") return;
    button.disabled = true;
    const response = await onSave(saveInfo());
    button.disabled = false;
    if (response.ok) setPressed(button, true);
    else showNote(detail, response.message ?? "The word could not be saved.", "error");
  });
  return button;
}

/**
 * @param {HTMLButtonElement} button
 * @param {boolean} pressed
 */
function setPressed(button, pressed) {
  button.setAttribute("aria-pressed", String(pressed));
  button.textContent = pressed ? "★ Saved" : "☆ Save";
}

/**
 * @param {HTMLElement} detail
 * @param {string} text
 * @param {"error"|"ok"} state
 */
export function showNote(detail, text, state) {
  const note = detail.querySelector(".hl-note");
  note.textContent = text;
  note.dataset.state = state;
  note.hidden = false;
}
