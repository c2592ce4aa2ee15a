/**
 * DOM building shared by the tooltip, the hover card, the popup and the extension's pages:
 * DOM calls only (no innerHTML), so text from the API or the page never becomes markup.
 */

import { describeError } from "./errors.js";

/**
 * A tiny element factory; `ctx` supplies the document, so the same code builds
 * nodes for the popup and for a page's shadow root.
 * @param {Node} ctx
 * @param {string} tag
 * @param {Record<string, any>} props
 * @param {...(Node|string)} children
 */
export function el(ctx, tag, props, ...children) {
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

/**
 * The API reports the 7-9 band as 7.
 * @param {number} level
 */
export function levelName(level) {
  return level >= 7 ? "7–9" : String(level);
}

/** @param {number|null} level */
export function levelClass(level) {
  return level == null ? "hsk-none" : `hsk-${Math.min(level, 7)}`;
}

/**
 * An error as a sentence with the actions that can fix it.
 * @param {HTMLElement} ctx
 * @param {import("./errors.js").ErrorInfo} error
 * @param {{onRetry?: () => void, onOpenOptions?: () => void}} actions
 */
export function errorBox(ctx, error, actions) {
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
