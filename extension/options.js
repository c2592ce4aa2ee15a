/**
 * The options page. Saving a URL outside the loopback hosts asks Chrome for that one
 * origin (from optional_host_permissions) while the click is still a user gesture,
 * and gives back origins no longer used, so the extension only holds what it needs.
 */

import { testConnection } from "./lib/connection.js";
import { loadSettings, normaliseBaseUrl, normaliseLevel, originPattern, saveSettings } from "./lib/settings.js";
import { applyTheme } from "./lib/styles.js";

const form = document.getElementById("options-form");
const fields = {
  apiBaseUrl: document.getElementById("api-base-url"),
  apiKey: document.getElementById("api-key"),
  hskStandard: document.getElementById("hsk-standard"),
  showOnEverySelection: document.getElementById("show-on-every-selection"),
  myLevel: document.getElementById("my-level"),
  fontSize: document.getElementById("font-size"),
  chineseScript: document.getElementById("chinese-script"),
  zhuyin: document.getElementById("zhuyin"),
  toneChanges: document.getElementById("tone-changes"),
};
const status = document.getElementById("status");

/** Host patterns the manifest grants at install; never requested nor removed here. */
const REQUIRED_ORIGINS = chrome.runtime.getManifest().host_permissions ?? [];

init();

async function init() {
  applyTheme(document);
  fillForm(await loadSettings());
  form.addEventListener("submit", onSave);
  document.getElementById("test-connection").addEventListener("click", onTestConnection);
  form.dataset.ready = "true";
}

/** @param {Awaited<ReturnType<typeof loadSettings>>} settings */
function fillForm(settings) {
  fields.apiBaseUrl.value = settings.apiBaseUrl;
  fields.apiKey.value = settings.apiKey;
  fields.hskStandard.value = settings.hskStandard;
  fields.showOnEverySelection.checked = settings.showOnEverySelection;
  fields.myLevel.value = settings.myLevel == null ? "" : String(settings.myLevel);
  fields.fontSize.value = String(settings.fontSize);
  fields.chineseScript.value = settings.chineseScript;
  fields.zhuyin.checked = settings.zhuyin;
  fields.toneChanges.checked = settings.toneChanges;
}

/**
 * Validates, gets the host permission, then stores. The permission request comes
 * first, before any other await, because Chrome only shows it during a user gesture.
 * @param {SubmitEvent} event
 */
async function onSave(event) {
  event.preventDefault();
  let baseUrl;
  try {
    baseUrl = normaliseBaseUrl(fields.apiBaseUrl.value);
  } catch (error) {
    return showStatus(error.message, "error", fields.apiBaseUrl);
  }
  fields.apiBaseUrl.removeAttribute("aria-invalid");
  const pattern = originPattern(baseUrl);
  try {
    if (!(await grantOrigin(pattern))) {
      return showStatus(`Chrome did not grant access to ${new URL(baseUrl).origin}; the old settings are kept.`, "error");
    }
    const saved = await saveSettings({
      apiBaseUrl: baseUrl,
      apiKey: fields.apiKey.value,
      hskStandard: fields.hskStandard.value,
      showOnEverySelection: fields.showOnEverySelection.checked,
      myLevel: normaliseLevel(fields.myLevel.value),
      fontSize: Number(fields.fontSize.value),
      chineseScript: fields.chineseScript.value,
      zhuyin: fields.zhuyin.checked,
      toneChanges: fields.toneChanges.checked,
    });
    fillForm(saved);
    await releaseUnusedOrigins(pattern);
    showStatus("Saved.", "ok");
  } catch (error) {
    showStatus(error.message, "error");
  }
}

/**
 * Loopback origins are granted by the manifest; any other must be https and is
 * requested from optional_host_permissions.
 * @param {string} pattern
 * @returns {Promise<boolean>}
 */
async function grantOrigin(pattern) {
  if (REQUIRED_ORIGINS.includes(pattern)) return true;
  if (!pattern.startsWith("https://")) {
    throw new Error("Plain http:// is only allowed for 127.0.0.1 and localhost; use the API's https:// URL.");
  }
  return chrome.permissions.request({ origins: [pattern] });
}

/**
 * Gives back single-site https origins that an earlier URL needed. getAll also lists
 * the required origins and the content script's match patterns, which cannot go, so
 * wildcard patterns are left alone. A failure here never undoes a save.
 * @param {string} keep
 */
async function releaseUnusedOrigins(keep) {
  const { origins = [] } = await chrome.permissions.getAll();
  const unused = origins.filter(
    (origin) => origin.startsWith("https://") && !origin.startsWith("https://*") && origin !== keep,
  );
  if (!unused.length) return;
  try {
    await chrome.permissions.remove({ origins: unused });
  } catch (error) {
    console.warn("Hanzi Lambda: could not release unused origins", unused, error);
  }
}

/** Calls /health with what is in the form, saved or not. */
async function onTestConnection() {
  showStatus("Testing…", "");
  const result = await testConnection(fields.apiBaseUrl.value, fields.apiKey.value);
  showStatus(result.message, result.ok ? "ok" : "error");
}

/**
 * @param {string} message
 * @param {"ok"|"error"|""} state
 * @param {HTMLElement} [invalidField]
 */
function showStatus(message, state, invalidField) {
  status.textContent = message;
  status.dataset.state = state;
  if (invalidField) {
    invalidField.setAttribute("aria-invalid", "true");
    invalidField.focus();
  }
}
