/**
 * The learner's word list: entries in chrome.storage.local under `wordList`, one per
 * word (saving a word again keeps the first entry), and its export as a tab-separated
 * file that Anki imports as notes.
 *
 * chrome.storage.local holds 10 MB without the `unlimitedStorage` permission; an entry
 * is about half a kilobyte, so the list is full after roughly 20,000 words. A save that
 * would pass the quota fails with a sentence saying so, and nothing already saved is lost.
 */

import { requestTranslation } from "./messages.js";
import { readablePinyin } from "./pinyin.js";

export const WORD_LIST_KEY = "wordList";

/** Sentence ends: Chinese and Latin full stops, question and exclamation marks, newlines. */
const SENTENCE_END = /[。！？!?；;…\n]|\.(?=\s|$)/u;

/**
 * @typedef {{
 *   text: string, pinyin: string, glosses: string[], hsk_level: number|null,
 *   sentence: string, translation: string|null, url: string, title: string, added: string
 * }} WordEntry
 */

/** @returns {Promise<WordEntry[]>} */
export async function loadWordList() {
  const stored = await chrome.storage.local.get(WORD_LIST_KEY);
  return Array.isArray(stored[WORD_LIST_KEY]) ? stored[WORD_LIST_KEY] : [];
}

/**
 * Adds an entry unless the word is already in the list.
 * @param {WordEntry} entry
 * @returns {Promise<"saved"|"already">}
 * @throws {Error} with a sentence when the storage quota is reached
 */
export async function addWord(entry) {
  const list = await loadWordList();
  if (list.some((saved) => saved.text === entry.text)) return "already";
  await storeList([...list, entry]);
  return "saved";
}

/**
 * Saves a word from a lookup: its reading, senses and level, the sentence it came from
 * and that sentence's translation (asked from the service when the selection was longer
 * than the sentence; left empty if that fails), and where it was read.
 * @param {{token: any, sentence: string, translation: string|null}} info
 * @param {{url: string, title: string}} source
 * @returns {Promise<{ok: boolean, message?: string}>}
 */
export async function saveWord(info, source) {
  const { token, sentence } = info;
  let translation = info.translation;
  if (translation == null && sentence) {
    const response = await requestTranslation(sentence);
    translation = response.ok ? response.result : null;
  }
  const entry = {
    text: token.text,
    pinyin: readablePinyin(token.pinyin), // erhua as read: yīdiǎnr
    glosses: token.glosses ?? [],
    hsk_level: token.hsk_level ?? null,
    sentence,
    translation,
    url: source.url,
    title: source.title,
    added: new Date().toISOString(),
  };
  try {
    await addWord(entry);
    return { ok: true };
  } catch (error) {
    return { ok: false, message: String(error?.message ?? error) };
  }
}

/**
 * @param {string} text the word to remove
 */
export async function removeWord(text) {
  const list = await loadWordList();
  await storeList(list.filter((saved) => saved.text !== text));
}

/** @param {WordEntry[]} list */
async function storeList(list) {
  try {
    await chrome.storage.local.set({ [WORD_LIST_KEY]: list });
  } catch (error) {
    if (/quota/i.test(String(error?.message ?? error))) {
      throw new Error("The word list is full (the browser keeps 10 MB per extension). Export it, then delete words you know.");
    }
    throw error;
  }
}

/**
 * The sentence of `text` that contains the characters [start, end).
 * @param {string} text
 * @param {number} start
 * @param {number} end
 */
export function sentenceAround(text, start, end) {
  let from = 0;
  let rest = text;
  while (rest) {
    const match = SENTENCE_END.exec(rest);
    const to = match ? from + match.index + match[0].length : text.length;
    if (!match || to >= end) return text.slice(from, to).trim();
    rest = text.slice(to);
    from = to;
  }
  return text.slice(start, end);
}

/**
 * An Anki text file: a header Anki 2.1.55+ reads (tab separator, HTML fields, column
 * names), then one note per line: word, pinyin, meaning, HSK, the sentence with the word
 * in bold, its translation, the source as a link. Fields are HTML-escaped, tabs and
 * newlines inside them become spaces and <br>.
 * @param {WordEntry[]} list
 */
export function toAnkiTsv(list) {
  const header = [
    "#separator:tab",
    "#html:true",
    "#columns:Word\tPinyin\tMeaning\tHSK\tSentence\tTranslation\tSource",
  ];
  const lines = list.map((entry) =>
    [
      escapeField(entry.text),
      escapeField(entry.pinyin),
      escapeField((entry.glosses ?? []).join("; ")),
      entry.hsk_level == null ? "" : entry.hsk_level >= 7 ? "7–9" : String(entry.hsk_level),
      markWord(entry.sentence ?? "", entry.text),
      escapeField(entry.translation ?? ""),
      entry.url ? `<a href="${escapeField(entry.url)}">${escapeField(entry.title || entry.url)}</a>` : "",
    ].join("\t"),
  );
  return [...header, ...lines].join("\n") + "\n";
}

/**
 * The sentence with the word's first occurrence in bold.
 * @param {string} sentence
 * @param {string} word
 */
function markWord(sentence, word) {
  const at = word ? sentence.indexOf(word) : -1;
  if (at < 0) return escapeField(sentence);
  return `${escapeField(sentence.slice(0, at))}<b>${escapeField(word)}</b>${escapeField(sentence.slice(at + word.length))}`;
}

/**
 * HTML-escapes a field; a tab would split it and a double quote would start Anki's quoting.
 * @param {string} value
 */
function escapeField(value) {
  return String(value ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/\t/g, " ")
    .replace(/\r?\n/g, "<br>");
}
