/**
 * The popup's two reading switches as keyboard commands (the worker's `commands`): hover
 * lookup everywhere, reading mode for the tab's site. Both only write chrome.storage; every
 * content script follows the settings live.
 */

import { TAB_MESSAGE } from "./messages.js";
import { loadSettings, withSite } from "./settings.js";

/** Hover lookup on or off (`toggle-hover-lookup`). */
export async function toggleHoverLookup() {
  const { hoverLookup } = await loadSettings();
  await chrome.storage.local.set({ hoverLookup: !hoverLookup });
}

/**
 * Reading mode on or off for the tab's site (`annotate-page`). The tab's top frame says
 * which site that is, so the worker needs no "tabs" permission to read its URL; a tab
 * without the content script (chrome:// pages) is left alone.
 * @param {number} tabId
 */
export async function toggleAnnotateSite(tabId) {
  const answer = await chrome.tabs.sendMessage(tabId, { type: TAB_MESSAGE.SITE }, { frameId: 0 }).catch(() => null);
  const hostname = String(answer?.hostname ?? "");
  if (!hostname) return;
  const { annotateSites } = await loadSettings();
  await chrome.storage.local.set({ annotateSites: withSite(annotateSites, hostname, !annotateSites.includes(hostname)) });
}
