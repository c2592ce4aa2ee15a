/**
 * The one shadow root everything the extension draws on a page lives in (the selection
 * button, the tooltip, the hover card and its word mark), so page styles neither leak in
 * nor out and the page's own nodes are never touched. It is created on first use only: a
 * page where nothing was asked for gets nothing from the extension.
 */

import { ANNOTATION_CSS, CARD_CSS, THEME_CSS, TOOLTIP_CSS } from "../lib/styles.js";

/** @type {{host: HTMLElement, root: ShadowRoot} | null} */
let shadow = null;

/**
 * The shadow root, created (and put back, if the page removed it) on demand.
 * @returns {ShadowRoot}
 */
export function shadowRoot() {
  if (shadow?.host.isConnected) return shadow.root;
  if (!shadow) {
    const host = document.createElement("hanzi-lambda-root");
    host.style.cssText = "all: initial; position: absolute; top: 0; left: 0; width: 0; height: 0; z-index: 2147483647;";
    const root = host.attachShadow({ mode: "open" });
    const style = document.createElement("style");
    style.textContent = THEME_CSS + TOOLTIP_CSS + ANNOTATION_CSS + CARD_CSS;
    root.append(style);
    shadow = { host, root };
  }
  document.documentElement.append(shadow.host);
  return shadow.root;
}

/**
 * True when the event happened in our shadow tree (composedPath crosses the shadow
 * boundary; event.target alone would only show the host).
 * @param {Event} event
 */
export function isInsideHost(event) {
  return Boolean(shadow) && event.composedPath().includes(shadow.host);
}

/** @returns {HTMLElement|null} the host element, when it exists */
export function hostElement() {
  return shadow?.host ?? null;
}

/**
 * The hostname the per-site switches are about: the tab's, also inside an iframe.
 * @returns {string}
 */
export function siteHostname() {
  const ancestors = window.location.ancestorOrigins;
  const top = ancestors?.length ? ancestors[ancestors.length - 1] : window.location.origin;
  try {
    return new URL(top).hostname;
  } catch {
    return window.location.hostname;
  }
}

/**
 * True when keys typed now go to a field of the page (or ours), so the extension's own
 * single-letter keys must leave them alone.
 * @param {Event} event
 */
export function isTypingTarget(event) {
  const target = event.composedPath()[0];
  if (!(target instanceof Element)) return false;
  if (target.closest("input, textarea, select, [contenteditable]:not([contenteditable='false'])")) return true;
  return Boolean(target.isContentEditable);
}
