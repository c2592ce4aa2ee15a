/**
 * The word list page: every saved word with its sentence, a search over all fields,
 * Delete per entry, and Export as an Anki-importable text file (downloaded through a
 * blob link, so no "downloads" permission is needed).
 */

import { levelName } from "./lib/dom.js";
import { applyTheme } from "./lib/styles.js";
import { WORD_LIST_KEY, loadWordList, removeWord, toAnkiTsv } from "./lib/wordlist.js";

const EXPORT_FILE_NAME = "hanzi-lambda-words.txt";

const search = document.getElementById("search");
const rows = document.querySelector("#words tbody");
const count = document.getElementById("count");

init();

async function init() {
  applyTheme(document);
  search.addEventListener("input", render);
  document.getElementById("export").addEventListener("click", exportList);
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === "local" && changes[WORD_LIST_KEY]) render();
  });
  await render();
  document.body.dataset.ready = "true";
}

/** Lists the entries that match the search, newest first. */
async function render() {
  const list = await loadWordList();
  const query = search.value.trim().toLowerCase();
  const shown = list.filter((entry) => !query || searchableText(entry).includes(query)).reverse();
  rows.replaceChildren(...shown.map(entryRow));
  count.textContent = query ? `${shown.length} of ${list.length} words` : `${list.length} ${list.length === 1 ? "word" : "words"}`;
}

/** @param {import("./lib/wordlist.js").WordEntry} entry */
function searchableText(entry) {
  return [entry.text, entry.pinyin, ...(entry.glosses ?? []), entry.sentence, entry.translation, entry.title]
    .join(" ")
    .toLowerCase();
}

/** @param {import("./lib/wordlist.js").WordEntry} entry */
function entryRow(entry) {
  const row = document.createElement("tr");
  row.dataset.word = entry.text;
  const word = cell(node("span", "entry-word", entry.text), node("span", "entry-pinyin", entry.pinyin));
  word.querySelector(".entry-word").lang = "zh";
  const meaning = cell(node("span", "", (entry.glosses ?? []).join("; ")));
  if (entry.hsk_level != null) meaning.append(node("span", "entry-meta", `HSK ${levelName(entry.hsk_level)}`));
  const sentence = cell(markedSentence(entry), node("span", "entry-translation", entry.translation ?? ""));
  const added = cell(node("span", "entry-meta", entry.added ? entry.added.slice(0, 10) : ""), sourceLink(entry));
  const remove = document.createElement("button");
  remove.type = "button";
  remove.className = "secondary";
  remove.textContent = "Delete";
  remove.setAttribute("aria-label", `Delete ${entry.text}`);
  remove.addEventListener("click", () => removeWord(entry.text));
  row.append(word, meaning, sentence, added, cell(remove));
  return row;
}

/** @param {import("./lib/wordlist.js").WordEntry} entry */
function markedSentence(entry) {
  const span = node("span", "entry-sentence", "");
  span.lang = "zh";
  const sentence = entry.sentence ?? "";
  const at = sentence.indexOf(entry.text);
  if (at < 0) {
    span.textContent = sentence;
    return span;
  }
  span.append(sentence.slice(0, at), node("mark", "", entry.text), sentence.slice(at + entry.text.length));
  return span;
}

/** @param {import("./lib/wordlist.js").WordEntry} entry */
function sourceLink(entry) {
  if (!entry.url) return "";
  const link = node("a", "entry-meta", entry.title || entry.url);
  link.href = entry.url;
  link.target = "_blank";
  link.rel = "noopener";
  return link;
}

/** Downloads every entry (not only the ones the search shows) as the Anki file. */
async function exportList() {
  const blob = new Blob([toAnkiTsv(await loadWordList())], { type: "text/tab-separated-values;charset=utf-8" });
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = EXPORT_FILE_NAME;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/** @param {...(Node|string)} children */
function cell(...children) {
  const td = document.createElement("td");
  td.append(...children);
  return td;
}

/**
 * @param {string} tag
 * @param {string} className
 * @param {string} text
 */
function node(tag, className, text) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  element.textContent = text;
  return element;
}
