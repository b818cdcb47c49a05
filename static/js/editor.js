// Card cutting in the browser: selection → code-point offsets, Verbatim's keys, autosave.
//
// The server renders every piece of text as <span data-s="N">, N being the code-point offset of
// its first character. Browsers count selection offsets in UTF-16 code units, Python counts code
// points: an emoji is 2 units but 1 point. So an offset is always data-s of the span plus the
// code points of the span's text before the caret, never a raw UTF-16 count over the whole text.
// Nothing here renders marks: the server answers every change with the re-rendered body.

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
function readOnlyText(el) {
  el.addEventListener("beforeinput", (e) => e.preventDefault());
  for (const type of ["paste", "drop", "cut"]) el.addEventListener(type, (e) => e.preventDefault());
}

// --- Keys -----------------------------------------------------------------------------------

const KEYS = {
  F9: "underline",
  F10: "emphasis",
  F11: "highlight",
  F12: "clear",
};
// Verbatim's own alternatives: Ctrl+Alt+9 / 0 / - / = (by physical key, so layouts agree).
const CTRL_ALT = { Digit9: "underline", Digit0: "emphasis", Minus: "highlight", Equal: "clear" };

export function actionForKey(e) {
  if (!e.ctrlKey && !e.altKey && !e.metaKey && !e.shiftKey && KEYS[e.key]) return KEYS[e.key];
  if (e.ctrlKey && e.altKey && !e.metaKey && CTRL_ALT[e.code]) return CTRL_ALT[e.code];
  const key = e.key.toLowerCase();
  if ((e.ctrlKey || e.metaKey) && !e.altKey && key === "z") return e.shiftKey ? "redo" : "undo";
  if ((e.ctrlKey || e.metaKey) && !e.altKey && key === "y") return "redo";
  return null;
}

// --- The card editor ------------------------------------------------------------------------

class CardEditor {
  constructor(root) {
    this.root = root;
    this.id = root.dataset.cardId;
    this.version = Number(root.dataset.version);
    this.body = root.querySelector("#card-body");
    this.status = root.querySelector("#save-status");
    this.color = root.querySelector("#hl-color");
    this.undoStack = [];
    this.redoStack = [];
    this.marks = JSON.parse(root.dataset.marks || "[]"); // the marks as the server last saved them
    this.queue = Promise.resolve();
    this.conflicted = false;
    this.lastSelection = null;
    this.citeTimer = null;
  }

  start() {
    readOnlyText(this.body);
    const stored = localStorage.getItem("evidence.highlight");
    if (stored && [...this.color.options].some((o) => o.value === stored)) this.color.value = stored;
    this.showSwatch();
    this.color.addEventListener("change", () => {
      localStorage.setItem("evidence.highlight", this.color.value);
      this.showSwatch();
    });
    const shrink = this.root.querySelector("#shrink");
    shrink.checked = localStorage.getItem("evidence.shrink") === "1";
    this.body.classList.toggle("shrink", shrink.checked);
    shrink.addEventListener("change", () => {
      this.body.classList.toggle("shrink", shrink.checked);
      localStorage.setItem("evidence.shrink", shrink.checked ? "1" : "0");
    });
    // Toolbar buttons would take the selection away when clicked; remember it first.
    document.addEventListener("selectionchange", () => {
      const off = selectionOffsets(this.body);
      if (off) this.lastSelection = off;
    });
    for (const button of this.root.querySelectorAll("[data-action]")) {
      button.addEventListener("mousedown", (e) => e.preventDefault());
      button.addEventListener("click", () => this.run(button.dataset.action, true));
    }
    document.addEventListener("keydown", (e) => this.onKey(e));
    this.root.querySelector("#tag").addEventListener("input", () => this.saveSoon({ tag: "tag" }));
    this.root.querySelector("#label").addEventListener("change", () => this.saveFields({ label: this.val("#label") }));
    for (const input of this.root.querySelectorAll("[data-cite]")) {
      // While a cite line waits to be accepted, field edits are part of it: saved on accept.
      input.addEventListener("change", () => this.citePending || this.saveFields({ cite: this.citeFields() }));
    }
    // A typed or pasted cite line is read on the server into the fields (with how sure each one
    // is); the box keeps the line until the user accepts it (Enter or the button), which saves
    // the line as the cite's text with the fields as the form then shows them.
    const line = this.root.querySelector("#cite-line");
    this.citeLine = line;
    this.citePending = false;
    this.root.querySelector("#cite-parse").addEventListener("click", () => this.previewCite());
    this.root.querySelector("#cite-accept").addEventListener("click", () => this.acceptCite());
    line.addEventListener("keydown", (e) => {
      if (e.key === "Enter") {
        e.preventDefault();
        this.acceptCite();
      }
    });
    line.addEventListener("paste", () => setTimeout(() => this.previewCite(), 0));
    line.addEventListener("input", () => {
      clearTimeout(this.citeLineTimer);
      this.citeLineTimer = setTimeout(() => this.previewCite(), 400);
    });
    this.root.querySelector("#conflict-reload").addEventListener("click", () => location.reload());
  }

  val(sel) {
    return this.root.querySelector(sel).value;
  }

  showSwatch() {
    const swatch = this.root.querySelector("#hl-swatch");
    swatch.className = `hl-swatch hl-${this.color.value}`;
  }

  async previewCite() {
    const text = this.citeLine.value;
    if (!text.trim()) return this.clearCitePreview();
    let response;
    try {
      response = await fetch(`/cards/${this.id}/fields`, {
        method: "PATCH", // csrf.js adds the token; a preview saves nothing
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ version: this.version, cite_line: text, cite_preview: true }),
      });
    } catch (err) {
      this.root.querySelector("#cite-status").textContent = `Cannot read the cite: ${err.message}`;
      return;
    }
    if (!response.ok || this.citeLine.value !== text) return; // a newer line is on its way
    const { preview } = await response.json();
    for (const input of this.root.querySelectorAll("[data-cite]")) input.value = preview.cite[input.dataset.cite] ?? "";
    for (const span of this.root.querySelectorAll("[data-conf]")) {
      const conf = preview.confidence[span.dataset.conf];
      span.textContent = conf === "sure" ? "(read)" : conf === "guess" ? "(guess: check)" : "";
      span.className = conf ? `cite-conf cite-${conf}` : "cite-conf";
    }
    this.root.querySelector("#cite-short").textContent = preview.cite_short;
    this.root.querySelector("#cite-full").textContent = preview.cite_full;
    this.root.querySelector("#cite-status").textContent = "Check the fields, then accept the cite (Enter).";
    this.root.querySelector("#cite-accept").disabled = false;
    this.citePending = true;
  }

  async acceptCite() {
    const text = this.citeLine.value;
    if (!text.trim()) return;
    clearTimeout(this.citeLineTimer);
    const body = this.citePending ? { cite_line: text, cite: this.citeFields() } : { cite_line: text };
    if (await this.saveFields(body)) {
      this.citeLine.value = "";
      this.clearCitePreview();
    }
  }

  clearCitePreview() {
    this.citePending = false;
    for (const span of this.root.querySelectorAll("[data-conf]")) {
      span.textContent = "";
      span.className = "cite-conf";
    }
    this.root.querySelector("#cite-status").textContent = "";
    this.root.querySelector("#cite-accept").disabled = true;
  }

  citeFields() {
    const fields = {};
    for (const input of this.root.querySelectorAll("[data-cite]")) fields[input.dataset.cite] = input.value;
    return fields;
  }

  onKey(e) {
    const action = actionForKey(e);
    if (!action) return;
    const inField = e.target.closest && e.target.closest("input, textarea, select");
    if ((action === "undo" || action === "redo") && inField) return; // the field's own undo
    if (inField && KEYS[e.key] === undefined && !CTRL_ALT[e.code]) return;
    e.preventDefault();
    e.stopPropagation();
    this.run(action, false);
  }

  setStatus(text, kind = "") {
    this.status.textContent = text;
    this.status.dataset.kind = kind;
  }

  run(action, fromButton) {
    if (action === "undo") return this.undo();
    if (action === "redo") return this.redo();
    let sel = selectionOffsets(this.body);
    if (!sel && fromButton) sel = this.lastSelection;
    if (!sel) {
      this.setStatus("Select some words in the card text first.", "warn");
      return;
    }
    const [start, end] = sel;
    const payload =
      action === "clear"
        ? { action: "clear", start, end }
        : { action: "toggle", kind: action, start, end, color: action === "highlight" ? this.color.value : null };
    this.send("POST", `/cards/${this.id}/marks`, payload, { start, end, record: true });
  }

  undo() {
    if (!this.undoStack.length) return this.setStatus("Nothing to undo.");
    const marks = this.undoStack.pop();
    this.send("PUT", `/cards/${this.id}/marks`, { marks }, { redo: true });
  }

  redo() {
    if (!this.redoStack.length) return this.setStatus("Nothing to redo.");
    const marks = this.redoStack.pop();
    this.send("PUT", `/cards/${this.id}/marks`, { marks }, { record: true, keepRedo: true });
  }

  saveSoon() {
    clearTimeout(this.citeTimer);
    this.setStatus("Saving…");
    this.citeTimer = setTimeout(() => this.saveFields({ tag: this.val("#tag") }), 300);
  }

  async saveFields(fields) {
    return this.send("PATCH", `/cards/${this.id}/fields`, fields, {});
  }

  /** Every write goes through one queue, so each carries the version the previous one got. */
  send(method, url, payload, opts) {
    const job = this.queue.then(() => this.request(method, url, payload, opts));
    this.queue = job.catch(() => false);
    return job;
  }

  async request(method, url, payload, opts) {
    if (this.conflicted) return false;
    const before = this.marks;
    this.setStatus("Saving…");
    let response;
    try {
      response = await fetch(url, {
        method,
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ ...payload, version: this.version }),
      });
    } catch (err) {
      this.setStatus(`Not saved: the server cannot be reached (${err.message}). Try again.`, "error");
      return false;
    }
    const data = await response.json().catch(() => ({}));
    if (response.status === 409) {
      this.conflicted = true;
      this.root.querySelector("#conflict-message").textContent =
        data.detail || "This card was changed in another tab or by someone else. Nothing was overwritten.";
      this.root.querySelector("#conflict").hidden = false;
      this.setStatus("Not saved: this card changed elsewhere.", "error");
      this.root.classList.add("is-conflicted");
      return false;
    }
    if (!response.ok) {
      const detail = Array.isArray(data.detail) ? data.detail.map((d) => d.msg).join("; ") : data.detail;
      this.setStatus(`Not saved: ${detail || response.statusText}`, "error");
      return false;
    }
    if (opts.record) {
      this.undoStack.push(before);
      if (!opts.keepRedo) this.redoStack = [];
    }
    if (opts.redo) this.redoStack.push(before);
    this.apply(data, opts);
    this.setStatus("All changes saved.", "ok");
    return true;
  }

  apply(data, opts) {
    this.version = data.version;
    this.root.dataset.version = String(data.version);
    this.marks = data.marks;
    if (this.body.innerHTML !== data.html) {
      this.body.innerHTML = data.html; // server-rendered and escaped (evidence/web/render.py)
    }
    if (opts.start !== undefined) selectOffsets(this.body, opts.start, opts.end);
    this.root.querySelector("#count-underlined").textContent = data.words_underlined;
    this.root.querySelector("#count-highlighted").textContent = data.words_highlighted;
    this.root.querySelector("#read-time").textContent = data.read_time;
    this.root.querySelector("#cite-short").textContent = data.cite_short;
    this.root.querySelector("#cite-full").textContent = data.cite_full;
    for (const input of this.root.querySelectorAll("[data-cite]")) {
      const value = data.cite[input.dataset.cite] ?? "";
      if (document.activeElement !== input && input.value !== value) input.value = value;
    }
  }
}

// --- The source view: select a passage, cut a card -------------------------------------------

function sourceView(form) {
  const text = document.getElementById("source-text");
  const status = document.getElementById("cut-status");
  readOnlyText(text);
  let last = null;
  document.addEventListener("selectionchange", () => {
    const off = selectionOffsets(text);
    if (off) last = off;
  });
  const cut = (e) => {
    const off = selectionOffsets(text) || last;
    if (!off) {
      e?.preventDefault();
      status.textContent = "Select the passage to cut first (drag over it, or Shift+arrow keys).";
      status.dataset.kind = "warn";
      return false;
    }
    form.querySelector("#cut-start").value = off[0];
    form.querySelector("#cut-end").value = off[1];
    return true;
  };
  form.addEventListener("submit", (e) => cut(e));
  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey && e.altKey && e.code === "KeyC") {
      e.preventDefault();
      if (cut(null)) form.submit();
    }
  });
}

// --- New source: rich paste -------------------------------------------------------------------

function richPaste(zone) {
  const field = document.getElementById("source-html");
  const status = document.getElementById("rich-paste-status");
  zone.addEventListener("beforeinput", (e) => {
    if (e.inputType !== "insertFromPaste") e.preventDefault();
  });
  zone.addEventListener("paste", (e) => {
    e.preventDefault();
    const html = e.clipboardData.getData("text/html");
    const plain = e.clipboardData.getData("text/plain");
    if (!html && !plain) {
      status.textContent = "The clipboard holds no text.";
      return;
    }
    // Kept as a string for the server to read; it is never put into this page as markup.
    field.value = html || "";
    if (!html) document.getElementById("source-text").value = plain;
    zone.textContent = plain.length > 2000 ? `${plain.slice(0, 2000)}…` : plain;
    status.textContent = html
      ? `Rich text received (${codePoints(plain).toLocaleString()} characters). Press “Bring it in”.`
      : "The clipboard had plain text only; it was put in the plain-text box.";
  });
}

function main() {
  const editor = document.getElementById("editor");
  if (editor) {
    const ed = new CardEditor(editor);
    ed.start();
    window.evidenceEditor = ed;
  }
  const cutForm = document.getElementById("cut-form");
  if (cutForm) sourceView(cutForm);
  const zone = document.getElementById("rich-paste");
  if (zone) richPaste(zone);
}

main();
