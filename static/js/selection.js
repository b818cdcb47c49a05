// Selections as the server counts them: code points into the text, not UTF-16 units.
//
// The server renders every piece of text as <span data-s="N">, N being the code-point offset of
// its first character. Browsers count selection offsets in UTF-16 code units, Python counts code
// points: an emoji is 2 units but 1 point. So an offset is always data-s of the span plus the
// code points of the span's text before the caret, never a raw UTF-16 count over the whole text.
// The card editor and the source page (cutting) both use this.

/** Code points in a JS string (a surrogate pair counts once). */
export function codePoints(str) {
  let n = 0;
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < str.length) {
      const d = str.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** UTF-16 index in `str` of code point number `points`. */
export function utf16Index(str, points) {
  let i = 0;
  for (let n = 0; n < points && i < str.length; n++) {
    const c = str.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < str.length ? 2 : 1;
  }
  return i;
}

function spanStart(node) {
  const el = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
  const span = el && el.closest("[data-s]");
  return span ? Number(span.dataset.s) : null;
}

/** One boundary of a DOM range → code-point offset into the container's text. */
function pointOffset(container, node, offset) {
  const total = Number(container.dataset.len);
  if (!container.contains(node)) {
    // The selection runs past the text: before it counts as 0, after it as the end.
    const pos = container.compareDocumentPosition(node);
    return pos & Node.DOCUMENT_POSITION_PRECEDING ? 0 : total;
  }
  if (node.nodeType === Node.TEXT_NODE) {
    const base = spanStart(node);
    if (base === null) return null;
    return base + codePoints(node.data.slice(0, offset));
  }
  // An element boundary: "before child #offset".
  const child = node.childNodes[offset];
  if (!child) {
    if (node === container) return total;
    const span = node.closest("[data-s]");
    return span ? Number(span.dataset.s) + codePoints(span.textContent) : total;
  }
  const first = child.nodeType === Node.ELEMENT_NODE && child.matches("[data-s]") ? child : child.parentElement;
  const s = first && first.closest("[data-s]");
  return s ? Number(s.dataset.s) : node === container ? 0 : null;
}

/** The current selection inside `container` as [start, end) code points, or null. */
export function selectionOffsets(container) {
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0) return null;
  const range = sel.getRangeAt(0);
  if (range.collapsed || !range.intersectsNode(container)) return null;
  const start = pointOffset(container, range.startContainer, range.startOffset);
  const end = pointOffset(container, range.endContainer, range.endOffset);
  if (start === null || end === null || end <= start) return null;
  return [start, end];
}

function domPoint(container, offset) {
  const spans = container.querySelectorAll("[data-s]");
  let lo = 0;
  let hi = spans.length - 1;
  let found = spans[0];
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (Number(spans[mid].dataset.s) <= offset) {
      found = spans[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (!found || !found.firstChild) return [container, 0];
  const text = found.firstChild;
  return [text, utf16Index(text.data, offset - Number(found.dataset.s))];
}

/** Select [start, end) code points again (after the body was re-rendered). */
export function selectOffsets(container, start, end) {
  const [sn, so] = domPoint(container, start);
  const [en, eo] = domPoint(container, end);
  const range = document.createRange();
  range.setStart(sn, so);
  range.setEnd(en, eo);
  const sel = window.getSelection();
  sel.removeAllRanges();
  sel.addRange(range);
}

/** Let the user select and move the caret, but never change the evidence's words. */
export function readOnlyText(el) {
  el.addEventListener("beforeinput", (e) => e.preventDefault());
  for (const type of ["paste", "drop", "cut"]) el.addEventListener(type, (e) => e.preventDefault());
}
