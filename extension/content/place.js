/**
 * Where the selection tooltip goes: boxes in page coordinates (so they scroll with the
 * page), and a place for the tooltip that keeps it inside the window.
 */

/** Gap between the selection and what is drawn next to it, in CSS pixels. */
const GAP = 8;

/** Room kept for the word panel, which grows when a word with many senses is shown. */
const PANEL_ROOM = 160;

/** Where the tooltip goes when the selection has no box of its own (a menu lookup). */
export function anchorNearWindowTop() {
  const x = window.scrollX + document.documentElement.clientWidth / 3;
  const y = window.scrollY + GAP;
  return { left: x, top: y, right: x, bottom: y };
}

/** @param {DOMRect} box */
export function pageRect(box) {
  return {
    left: box.left + window.scrollX,
    top: box.top + window.scrollY,
    right: box.right + window.scrollX,
    bottom: box.bottom + window.scrollY,
  };
}

/**
 * The selection's box in page coordinates (so it scrolls with the page).
 * @param {Range} range
 * @returns {{left: number, top: number, right: number, bottom: number} | null}
 */
export function selectionRect(range) {
  const rects = Array.from(range.getClientRects()).filter((r) => r.width || r.height);
  const box = rects.length ? rects[rects.length - 1] : range.getBoundingClientRect();
  const first = rects.length ? rects[0] : box;
  if (!box || (!box.width && !box.height && !box.top && !box.left)) return null;
  return {
    left: first.left + window.scrollX,
    top: first.top + window.scrollY,
    right: box.right + window.scrollX,
    bottom: box.bottom + window.scrollY,
  };
}

/**
 * Keeps the tooltip inside the window and off the selection when it can: below the
 * selection with room for the word panel to grow, else above it, else below without
 * that room, else overlapping the selection's end. Always inside the width. Its height is then
 * capped at the room left below its top, so it scrolls inside itself instead of growing
 * out of the window.
 * @param {HTMLElement|null} tip
 * @param {{left: number, top: number, right: number, bottom: number}|null} rect the selection, page coordinates
 */
export function placeTooltip(tip, rect) {
  if (!rect || !tip) return;
  const viewTop = window.scrollY + GAP;
  const viewBottom = window.scrollY + window.innerHeight - GAP;
  const viewportWidth = document.documentElement.clientWidth;
  const left = Math.max(window.scrollX + GAP, Math.min(rect.left, window.scrollX + viewportWidth - tip.offsetWidth - GAP));
  tip.style.maxHeight = "";
  const height = Math.min(tip.scrollHeight, viewBottom - viewTop);
  const fits = (top, room) => top >= viewTop && top + room <= viewBottom;
  const candidates = [
    { top: rect.bottom + GAP, room: height + PANEL_ROOM },
    { top: rect.top - GAP - height, room: height },
    { top: rect.bottom + GAP, room: height },
  ];
  const chosen = candidates.find((c) => fits(c.top, c.room));
  const top = chosen ? chosen.top : Math.max(viewTop, Math.min(rect.bottom + GAP, viewBottom - height));
  tip.style.left = `${left}px`;
  tip.style.top = `${top}px`;
  tip.style.maxHeight = `${viewBottom - top}px`;
}
