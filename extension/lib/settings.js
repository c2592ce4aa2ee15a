/**
 * Settings live in chrome.storage.local, never in worker globals: an MV3 service
 * worker is stopped when idle, and local (not sync) keeps the API key on this machine.
 */

/** HSK word lists the API accepts, in the order the options page offers them. */
export const HSK_STANDARDS = Object.freeze(["2025", "2021", "2.0"]);

/** Script of Chinese output (/translate `script`). */
export const CHINESE_SCRIPTS = Object.freeze(["simplified", "traditional"]);

/** Font sizes the options page offers, in percent of the normal size. */
export const FONT_SIZES = Object.freeze([90, 100, 115, 130, 150]);

/**
 * What a fresh install uses: a service started locally with `make serve`.
 * `enabled` and `disabledSites` are the popup's switches; `myLevel` (null or 1-7) hides
 * the pinyin of words the learner knows. `hoverLookup` (a card for the word under a resting
 * pointer) and `annotateSites` (hostnames in reading mode) are off until asked for, so a
 * page gets nothing from the extension until a selection; `toneChanges` asks the service
 * for the spoken tones of 一 and 不 (`sandhi`) instead of the dictionary's.
 */
export const DEFAULT_SETTINGS = Object.freeze({
  apiBaseUrl: "http://127.0.0.1:8000",
  apiKey: "",
  hskStandard: "2025",
  showOnEverySelection: false,
  enabled: true,
  disabledSites: [],
  myLevel: null,
  fontSize: 100,
  chineseScript: "simplified",
  zhuyin: false,
  toneChanges: false,
  hoverLookup: false,
  annotateSites: [],
});

/**
 * Reads the settings, filling in defaults for anything never saved, so callers
 * never see a half-configured object.
 * @returns {Promise<typeof DEFAULT_SETTINGS>}
 */
export async function loadSettings() {
  const stored = await chrome.storage.local.get(Object.keys(DEFAULT_SETTINGS));
  return { ...DEFAULT_SETTINGS, ...stored };
}

/**
 * Stores the settings after normalising them, so that what is saved is exactly
 * what the worker will use.
 * @param {Partial<typeof DEFAULT_SETTINGS>} changes
 * @returns {Promise<typeof DEFAULT_SETTINGS>} the settings now in force
 */
export async function saveSettings(changes) {
  const next = { ...(await loadSettings()), ...changes };
  next.apiBaseUrl = normaliseBaseUrl(next.apiBaseUrl);
  if (!HSK_STANDARDS.includes(next.hskStandard)) {
    throw new Error(`Unknown HSK standard: ${next.hskStandard}`);
  }
  next.apiKey = String(next.apiKey ?? "").trim();
  next.showOnEverySelection = Boolean(next.showOnEverySelection);
  next.enabled = Boolean(next.enabled);
  next.disabledSites = [...new Set((next.disabledSites ?? []).map(String))];
  next.myLevel = normaliseLevel(next.myLevel);
  next.fontSize = FONT_SIZES.includes(Number(next.fontSize)) ? Number(next.fontSize) : DEFAULT_SETTINGS.fontSize;
  if (!CHINESE_SCRIPTS.includes(next.chineseScript)) {
    throw new Error(`Unknown script: ${next.chineseScript}`);
  }
  next.zhuyin = Boolean(next.zhuyin);
  next.toneChanges = Boolean(next.toneChanges);
  next.hoverLookup = Boolean(next.hoverLookup);
  next.annotateSites = [...new Set((next.annotateSites ?? []).map(String))];
  await chrome.storage.local.set(next);
  return next;
}

/**
 * Turns what a person typed into a base URL the worker can append paths to:
 * http(s) only, no trailing slash, no query or fragment.
 * @param {string} raw
 * @returns {string}
 * @throws {Error} with a sentence for the options page when the URL is unusable
 */
export function normaliseBaseUrl(raw) {
  let url;
  try {
    url = new URL(String(raw ?? "").trim());
  } catch {
    throw new Error("The API URL is not a valid URL (example: http://127.0.0.1:8000).");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error("The API URL must start with http:// or https://.");
  }
  url.search = "";
  url.hash = "";
  return url.href.replace(/\/+$/, "");
}

/**
 * The host-permission pattern that covers an API base URL. Chrome match patterns
 * ignore the port, so http://127.0.0.1/* covers every local port.
 * @param {string} baseUrl
 * @returns {string}
 */
export function originPattern(baseUrl) {
  const url = new URL(baseUrl);
  return `${url.protocol}//${url.hostname}/*`;
}

/**
 * A reading level: null (none set) or an HSK level 1-7 (7 = the 7-9 band).
 * @param {unknown} value
 * @returns {number|null}
 */
export function normaliseLevel(value) {
  if (value === null || value === undefined || value === "") return null;
  const level = Number(value);
  return Number.isInteger(level) && level >= 1 && level <= 7 ? level : null;
}

/**
 * True when the extension should offer its button on this hostname.
 * @param {{enabled: boolean, disabledSites: string[]}} settings
 * @param {string} hostname
 */
export function isActiveOn(settings, hostname) {
  return Boolean(settings.enabled) && !(settings.disabledSites ?? []).includes(hostname);
}

/**
 * True when reading mode is on for this hostname. It is its own switch: the per-site
 * "Off on this site" still wins, since it says the learner wants this site left alone.
 * @param {{annotateSites: string[], disabledSites: string[]}} settings
 * @param {string} hostname
 */
export function isAnnotatingOn(settings, hostname) {
  const sites = settings.annotateSites ?? [];
  return sites.includes(hostname) && !(settings.disabledSites ?? []).includes(hostname);
}

/**
 * True when a resting pointer gets a card here: hover lookup on, and the site not
 * switched off. The global `enabled` switch is about the selection button only.
 * @param {{hoverLookup: boolean, disabledSites: string[]}} settings
 * @param {string} hostname
 */
export function isHoveringOn(settings, hostname) {
  return Boolean(settings.hoverLookup) && !(settings.disabledSites ?? []).includes(hostname);
}

/**
 * A list of hostnames with one added or removed (the popup's and the command's toggle).
 * @param {string[]} sites
 * @param {string} hostname
 * @param {boolean} present
 */
export function withSite(sites, hostname, present) {
  const others = (sites ?? []).filter((site) => site !== hostname);
  return present ? [...others, hostname] : others;
}
