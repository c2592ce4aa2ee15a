/**
 * Styles as strings so the same rules can go into a page's shadow root (where a
 * stylesheet link would have to be web-accessible) and into the extension's pages.
 *
 * Every colour is a custom property with a light and a dark value (prefers-color-scheme).
 * Each text colour meets WCAG AA (4.5:1) on every background it is drawn on, in both
 * schemes; tests/extension/test_contrast.py measures the rendered colours.
 */

/** The palette, on :root for the extension's pages and on :host for the shadow root. */
export const THEME_CSS = `
:root, :host {
  color-scheme: light dark;
  --hl-bg: #ffffff; --hl-fg: #1d2330; --hl-muted: #565d6b; --hl-subtle: #eef1f6;
  --hl-border: #c9ced8; --hl-accent: #b3261e; --hl-accent-hover: #8f1e18; --hl-on-accent: #ffffff;
  --hl-link: #1a5fb4; --hl-focus: #1a5fb4; --hl-page: #f5f6f9;
  --hl-error-bg: #fdf2f1; --hl-error-fg: #a3261d; --hl-ok: #1e6b2a;
  --tone1: #c62828; --tone2: #9a4d00; --tone3: #2b7a36; --tone4: #1a5fb4; --tone5: #5b616e;
  --hl-scale: 1;
}
@media (prefers-color-scheme: dark) {
  :root, :host {
    --hl-bg: #1b1f27; --hl-fg: #e6e9ef; --hl-muted: #aeb5c1; --hl-subtle: #2a303b;
    --hl-border: #4a5260; --hl-accent: #b3261e; --hl-accent-hover: #8f1e18; --hl-on-accent: #ffffff;
    --hl-link: #8cb8ff; --hl-focus: #8cb8ff; --hl-page: #12151b;
    --hl-error-bg: #3a2424; --hl-error-fg: #ffb4ab; --hl-ok: #8fd89c;
    --tone1: #ff8a8a; --tone2: #f2a14a; --tone3: #6fcf7f; --tone4: #86b8ff; --tone5: #b3b9c4;
  }
}
`;

/** Font sizes scale with the learner's font-size setting (--hl-scale). */
export const ANNOTATION_CSS = `
.hl-result, .hl-error, .hl-status {
  font: calc(14px * var(--hl-scale))/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans", sans-serif;
  color: var(--hl-fg);
}
.hl-label {
  font-size: calc(11px * var(--hl-scale)); font-weight: 600; letter-spacing: .06em; text-transform: uppercase;
  color: var(--hl-muted); margin: 10px 0 4px; display: flex; align-items: center; gap: 8px;
}
.hl-label:first-child { margin-top: 0; }
.hl-translation, .hl-original { margin: 0; font-size: calc(15px * var(--hl-scale)); }
.hl-original { color: var(--hl-muted); font-style: italic; }
.hl-words {
  display: flex; flex-wrap: wrap; align-items: flex-start; gap: 8px 2px;
  font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif;
}
.hl-word {
  display: inline-flex; flex-direction: column; align-items: center;
  padding: 2px 4px 3px; border-radius: 6px; cursor: pointer; outline: none;
}
.hl-word:hover, .hl-word:focus-visible, .hl-word.hl-active { background: var(--hl-subtle); }
.hl-word:focus-visible { box-shadow: 0 0 0 2px var(--hl-focus); }
.hl-pinyin {
  font-size: calc(12px * var(--hl-scale)); line-height: 1.25; min-height: 1.25em;
  white-space: nowrap; display: flex; gap: 3px;
}
.hl-pinyin.hl-joined { gap: 0; }
.hl-known .hl-pinyin { visibility: hidden; }
.hl-hanzi { font-size: calc(22px * var(--hl-scale)); line-height: 1.36; white-space: nowrap; }
.hl-plain {
  font-size: calc(20px * var(--hl-scale)); line-height: 1.5; white-space: pre-wrap; color: var(--hl-muted);
  margin-top: calc(17px * var(--hl-scale));
}
.tone1 { color: var(--tone1); }
.tone2 { color: var(--tone2); }
.tone3 { color: var(--tone3); }
.tone4 { color: var(--tone4); }
.tone5 { color: var(--tone5); }
.hl-badge {
  margin-top: 1px; padding: 0 5px; border-radius: 7px;
  font: 600 calc(9.5px * var(--hl-scale))/1.5 system-ui, sans-serif; white-space: nowrap;
  color: #ffffff; background: var(--badge, #5b616e);
}
.hsk-1 { --badge: #2b7a36; }
.hsk-2 { --badge: #0b7268; }
.hsk-3 { --badge: #1a5fb4; }
.hsk-4 { --badge: #6d4ad6; }
.hsk-5 { --badge: #a1318d; }
.hsk-6 { --badge: #b3261e; }
.hsk-7 { --badge: #7a2e1d; }
.hl-detail {
  position: sticky; bottom: 0; z-index: 1;
  margin-top: 10px; padding: 8px 10px; min-height: 20px; border-radius: 8px;
  border: 1px solid var(--hl-border); background: var(--hl-subtle); color: var(--hl-fg);
  font-size: calc(13px * var(--hl-scale));
}
.hl-detail-body { display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: baseline; }
.hl-note { margin: 6px 0 0; }
.hl-hint { color: var(--hl-muted); }
.hl-detail-word { font-size: calc(18px * var(--hl-scale)); font-family: "Noto Sans CJK SC", "PingFang SC", sans-serif; }
.hl-detail-pinyin, .hl-detail-form { color: var(--hl-muted); }
.hl-detail-level { font-size: calc(11px * var(--hl-scale)); font-weight: 600; color: var(--hl-muted); }
.hl-glosses, .hl-detail-section, .hl-word-actions { flex-basis: 100%; margin: 0; }
.hl-detail-section { color: var(--hl-fg); }
.hl-detail-section b { color: var(--hl-muted); font-weight: 600; }
.hl-word-actions { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
.hl-note { color: var(--hl-fg); font-size: calc(12px * var(--hl-scale)); }
.hl-note[data-state="error"] { color: var(--hl-error-fg); }
.hl-summary { margin: 8px 0 0; font-size: calc(12px * var(--hl-scale)); color: var(--hl-muted); }
.hl-status { margin: 0; color: var(--hl-muted); }
.hl-error {
  border-left: 4px solid var(--hl-accent); background: var(--hl-error-bg); border-radius: 6px; padding: 8px 10px;
}
.hl-error-title { display: block; color: var(--hl-error-fg); }
.hl-error-message { margin: 4px 0 0; }
.hl-request-id { margin: 4px 0 0; font-size: calc(11px * var(--hl-scale)); color: var(--hl-fg); }
.hl-actions { display: flex; gap: 8px; margin-top: 8px; }
.hl-button {
  font: 600 calc(12px * var(--hl-scale)) system-ui, sans-serif; padding: 3px 9px; border-radius: 6px; cursor: pointer;
  border: 1px solid var(--hl-border); background: var(--hl-bg); color: var(--hl-fg);
}
.hl-button:hover { background: var(--hl-subtle); }
.hl-button[aria-pressed="true"] { background: var(--hl-subtle); border-color: var(--hl-focus); }
.hl-button:focus-visible { outline: 2px solid var(--hl-focus); outline-offset: 1px; }
`;

/** The floating button and the tooltip frame, only used inside the page's shadow root. */
export const TOOLTIP_CSS = `
:host { all: initial; }
.hl-trigger {
  position: absolute; z-index: 2147483647; width: 30px; height: 30px; padding: 0;
  border: none; border-radius: 50%; cursor: pointer;
  background: var(--hl-accent); color: var(--hl-on-accent); font: 600 16px/30px "Noto Sans CJK SC", system-ui, sans-serif;
  box-shadow: 0 2px 8px rgba(0,0,0,.25);
}
.hl-trigger:hover { background: var(--hl-accent-hover); }
.hl-trigger:focus-visible { outline: 3px solid var(--hl-focus); outline-offset: 2px; }
.hl-tooltip {
  position: absolute; z-index: 2147483647; box-sizing: border-box;
  width: max-content; max-width: min(calc(440px * var(--hl-scale)), calc(100vw - 16px)); min-width: 240px;
  max-height: calc(100vh - 16px); overflow: auto; overscroll-behavior: contain;
  background: var(--hl-bg); color: var(--hl-fg); border: 1px solid var(--hl-border); border-radius: 12px;
  box-shadow: 0 10px 30px rgba(15, 23, 42, .18); padding: 12px 14px 12px;
  text-align: left;
}
.hl-tooltip:focus { outline: none; }
.hl-tooltip-header {
  display: flex; justify-content: space-between; align-items: center; margin: -2px 0 8px;
  font: 600 12px system-ui, sans-serif; color: var(--hl-error-fg);
}
.hl-close {
  border: none; background: none; cursor: pointer; font: 18px/1 system-ui, sans-serif;
  color: var(--hl-muted); padding: 2px 4px; border-radius: 4px;
}
.hl-close:hover { background: var(--hl-subtle); color: var(--hl-fg); }
.hl-close:focus-visible { outline: 2px solid var(--hl-focus); }
[hidden] { display: none !important; }
`;

/**
 * Puts the palette and the annotation styles into one of the extension's own pages.
 * @param {Document} doc
 */
export function applyTheme(doc) {
  const style = doc.createElement("style");
  style.textContent = THEME_CSS + ANNOTATION_CSS;
  doc.head.prepend(style);
}

/**
 * The learner's font-size setting (a percentage) as the --hl-scale factor.
 * @param {HTMLElement} element where the variable applies (the tooltip or a page's root)
 * @param {number} percent
 */
export function applyFontScale(element, percent) {
  const scale = Number.isFinite(Number(percent)) ? Number(percent) / 100 : 1;
  element.style.setProperty("--hl-scale", String(scale));
}

/** The hover card and the mark around its word (in the page's shadow root). */
export const CARD_CSS = `
.hl-card {
  position: absolute; z-index: 2147483647; box-sizing: border-box;
  width: max-content; min-width: 200px; max-width: min(calc(380px * var(--hl-scale)), calc(100vw - 12px));
  background: var(--hl-bg); color: var(--hl-fg); border: 1px solid var(--hl-border); border-radius: 10px;
  box-shadow: 0 8px 24px rgba(15, 23, 42, .18); padding: 8px 10px; text-align: left;
}
.hl-card .hl-detail { position: static; margin: 0; padding: 0; border: none; background: var(--hl-bg); }
.hl-card .hl-detail-word { font-size: calc(24px * var(--hl-scale)); }
.hl-card .hl-detail-pinyin { font-size: calc(15px * var(--hl-scale)); }
.hl-card .hl-detail-pinyin span { white-space: pre; }
.hl-marks { position: absolute; top: 0; left: 0; width: 0; height: 0; pointer-events: none; }
.hl-mark {
  position: absolute; box-sizing: border-box; pointer-events: none;
  border: 2px solid var(--hl-focus); border-radius: 4px;
}
`;
