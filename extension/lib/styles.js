/**
 * Styles as strings so the same rules can go into a page's shadow root (where a
 * stylesheet link would have to be web-accessible) and into the popup.
 */

/** Tone colours follow the Zhongwen/Pleco convention. */
export const ANNOTATION_CSS = `
.hl-result, .hl-error, .hl-status {
  --tone1: #e53935; --tone2: #ef8a00; --tone3: #2e9d46; --tone4: #1e6fd9; --tone5: #8a8f98;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans", sans-serif;
  color: #1d2330;
}
.hl-label {
  font-size: 11px; font-weight: 600; letter-spacing: .06em; text-transform: uppercase;
  color: #6b7280; margin: 10px 0 4px;
}
.hl-label:first-child { margin-top: 0; }
.hl-translation, .hl-original { margin: 0; font-size: 15px; }
.hl-original { color: #4b5563; font-style: italic; }
.hl-words {
  display: flex; flex-wrap: wrap; align-items: flex-start; gap: 8px 2px;
  font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif;
}
.hl-word {
  display: inline-flex; flex-direction: column; align-items: center;
  padding: 2px 4px 3px; border-radius: 6px; cursor: default; outline: none;
}
.hl-word:hover, .hl-word:focus-visible, .hl-word.hl-active { background: #eef2f8; }
.hl-word:focus-visible { box-shadow: 0 0 0 2px #1e6fd9; }
.hl-pinyin { font-size: 12px; line-height: 15px; height: 15px; white-space: nowrap; display: flex; gap: 3px; }
.hl-hanzi { font-size: 22px; line-height: 30px; white-space: nowrap; }
.hl-plain { font-size: 20px; line-height: 30px; margin-top: 17px; white-space: pre-wrap; color: #4b5563; }
.tone1 { color: var(--tone1); }
.tone2 { color: var(--tone2); }
.tone3 { color: var(--tone3); }
.tone4 { color: var(--tone4); }
.tone5 { color: var(--tone5); }
.hl-badge {
  margin-top: 1px; padding: 0 5px; border-radius: 7px;
  font: 600 9.5px/14px system-ui, sans-serif; white-space: nowrap;
  color: #fff; background: var(--badge, #6b7280);
}
.hsk-1 { --badge: #2e9d46; }
.hsk-2 { --badge: #0f9488; }
.hsk-3 { --badge: #1e6fd9; }
.hsk-4 { --badge: #6d4ad6; }
.hsk-5 { --badge: #b4399f; }
.hsk-6 { --badge: #d0463c; }
.hsk-7 { --badge: #7a2e1d; }
.hl-detail {
  margin-top: 10px; padding: 8px 10px; min-height: 20px; border-radius: 8px;
  background: #f7f8fb; font-size: 13px; display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: baseline;
}
.hl-hint { color: #8a8f98; }
.hl-detail-word { font-size: 18px; font-family: "Noto Sans CJK SC", "PingFang SC", sans-serif; }
.hl-detail-pinyin { color: #4b5563; }
.hl-detail-level { font-size: 11px; font-weight: 600; color: #6b7280; }
.hl-glosses { flex-basis: 100%; }
.hl-summary { margin: 8px 0 0; font-size: 12px; color: #6b7280; }
.hl-status { margin: 0; color: #4b5563; }
.hl-error {
  border-left: 4px solid #d0463c; background: #fdf2f1; border-radius: 6px; padding: 8px 10px;
}
.hl-error-title { display: block; color: #a3261d; }
.hl-error-message { margin: 4px 0 0; }
.hl-request-id { margin: 4px 0 0; font-size: 11px; color: #6b7280; }
.hl-actions { display: flex; gap: 8px; margin-top: 8px; }
.hl-button {
  font: 600 12px system-ui, sans-serif; padding: 4px 10px; border-radius: 6px; cursor: pointer;
  border: 1px solid #c9ced8; background: #fff; color: #1d2330;
}
.hl-button:hover { background: #f1f4f9; }
.hl-button:focus-visible { outline: 2px solid #1e6fd9; outline-offset: 1px; }
`;

/** The floating button and the tooltip frame, only used inside the page's shadow root. */
export const TOOLTIP_CSS = `
:host { all: initial; }
.hl-trigger {
  position: absolute; z-index: 2147483647; width: 30px; height: 30px; padding: 0;
  border: none; border-radius: 50%; cursor: pointer;
  background: #d0463c; color: #fff; font: 600 16px/30px "Noto Sans CJK SC", system-ui, sans-serif;
  box-shadow: 0 2px 8px rgba(0,0,0,.25);
}
.hl-trigger:hover { background: #b73a31; }
.hl-trigger:focus-visible { outline: 2px solid #1e6fd9; outline-offset: 2px; }
.hl-tooltip {
  position: absolute; z-index: 2147483647; box-sizing: border-box;
  width: max-content; max-width: min(440px, calc(100vw - 16px)); min-width: 240px;
  max-height: 70vh; overflow: auto;
  background: #fff; border: 1px solid #d9dde5; border-radius: 12px;
  box-shadow: 0 10px 30px rgba(15, 23, 42, .18); padding: 12px 14px 12px;
  text-align: left;
}
.hl-tooltip:focus { outline: none; }
.hl-tooltip-header {
  display: flex; justify-content: space-between; align-items: center; margin: -2px 0 8px;
  font: 600 12px system-ui, sans-serif; color: #a3261d;
}
.hl-close {
  border: none; background: none; cursor: pointer; font: 18px/1 system-ui, sans-serif;
  color: #6b7280; padding: 2px 4px; border-radius: 4px;
}
.hl-close:hover { background: #f1f4f9; color: #1d2330; }
.hl-close:focus-visible { outline: 2px solid #1e6fd9; }
[hidden] { display: none !important; }
`;
