// The card editor in the browser: selections, Verbatim's keys, the undo stack and the save queue.
//
// Marks go to the JSON API (/api/cards/{id}); the tag, label and cite boxes are posted as typed to
// /cards/{id}/fields. Either way the page then shows what the server sends back as HTML (the
// body, its counts and read time, the cite line: templates/cutting/_card_state.html), so nothing
// here draws a mark, counts a word or reads a cite.

import { selectOffsets, selectionOffsets, readOnlyText } from "./selection.js";

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

/** Swap server-rendered HTML into the page: `target` takes the answer, the rest goes out of band. */
function show(target, html, style = "innerHTML") {
  window.htmx.swap(target, html, { swapStyle: style, swapDelay: 0, settleDelay: 0 });
}

/** A refused request's reason, from the JSON error every route gives a client that asks for it. */
async function reason(response) {
  const data = await response.json().catch(() => ({}));
  if (Array.isArray(data.detail)) return data.detail.map((d) => d.msg).join("; ");
  return data.detail || response.statusText;
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
    this.citeLine = root.querySelector("#cite-line");
    this.accept = root.querySelector("#cite-accept");
    this.undoStack = [];
    this.redoStack = [];
    this.marks = JSON.parse(root.dataset.marks || "[]"); // the marks as the server last saved them
    this.queue = Promise.resolve();
    this.conflicted = false;
    this.lastSelection = null;
    this.tagTimer = null;
    this.citeLineTimer = null;
    this.citePending = false;
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
    this.root.querySelector("#tag").addEventListener("input", () => this.saveTagSoon());
    this.root.querySelector("#label").addEventListener("change", () => this.saveFields({ label: this.val("#label") }));
    // The cite's fields are re-rendered by the server: listen on the editor, not on each box.
    // While a cite line waits to be accepted, field edits are part of it: saved on accept.
    this.root.addEventListener("change", (e) => {
      if (e.target.matches("[data-cite]") && !this.citePending) this.saveFields(this.citeFields());
    });
    // A typed or pasted cite line is read on the server into the fields (with how sure each one
    // is); the box keeps the line until the user accepts it (Enter or the button), which saves
    // the line as the cite's text with the fields as the form then shows them.
    this.root.querySelector("#cite-parse").addEventListener("click", () => this.previewCite());
    this.accept.addEventListener("click", () => this.acceptCite());
    this.citeLine.addEventListener("keydown", (e) => {
      if (e.key === "Enter") {
        e.preventDefault();
        this.acceptCite();
      }
    });
    this.citeLine.addEventListener("paste", () => setTimeout(() => this.previewCite(), 0));
    this.citeLine.addEventListener("input", () => {
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

  citeFields() {
    const fields = {};
    for (const input of this.root.querySelectorAll("[data-cite]")) fields[input.dataset.cite] = input.value;
    return fields;
  }

  setStatus(text, kind = "") {
    this.status.textContent = text;
    this.status.dataset.kind = kind;
  }

  // --- The cite line --------------------------------------------------------------------------

  async previewCite() {
    const text = this.citeLine.value;
    if (!text.trim()) return this.endCitePreview();
    const query = new URLSearchParams({ line: text });
    let response;
    try {
      response = await fetch(`/cards/${this.id}/cite-preview?${query}`, { headers: { Accept: "text/html" } });
    } catch (err) {
      this.root.querySelector("#cite-status").textContent = `Cannot read the cite: ${err.message}`;
      return;
    }
    if (!response.ok || this.citeLine.value !== text) return; // a newer line is on its way
    show(this.root.querySelector("#cite-grid"), await response.text(), "outerHTML");
    this.accept.disabled = false;
    this.citePending = true;
  }

  async acceptCite() {
    const text = this.citeLine.value;
    if (!text.trim()) return;
    clearTimeout(this.citeLineTimer);
    const fields = this.citePending ? { cite_line: text, ...this.citeFields() } : { cite_line: text };
    if (await this.saveFields(fields)) {
      this.citeLine.value = "";
      this.endCitePreview();
    }
  }

  /** The line is accepted or gone: the server's answer already shows the fields as stored. */
  endCitePreview() {
    this.citePending = false;
    this.accept.disabled = true;
  }

  // --- Marks ----------------------------------------------------------------------------------

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
    this.sendJson("POST", `/api/cards/${this.id}/marks`, payload, { start, end, record: true });
  }

  undo() {
    if (!this.undoStack.length) return this.setStatus("Nothing to undo.");
    const marks = this.undoStack.pop();
    this.sendJson("PATCH", `/api/cards/${this.id}`, { marks }, { redo: true });
  }

  redo() {
    if (!this.redoStack.length) return this.setStatus("Nothing to redo.");
    const marks = this.redoStack.pop();
    this.sendJson("PATCH", `/api/cards/${this.id}`, { marks }, { record: true, keepRedo: true });
  }

  // --- Saving ---------------------------------------------------------------------------------

  saveTagSoon() {
    clearTimeout(this.tagTimer);
    this.setStatus("Saving…");
    this.tagTimer = setTimeout(() => this.saveFields({ tag: this.val("#tag") }), 300);
  }

  /** The tag, label or cite as typed; the server reads the form and answers with the card's state. */
  saveFields(fields) {
    return this.enqueue(async () => {
      const body = new URLSearchParams({ ...fields, version: String(this.version) });
      const response = await this.write(`/cards/${this.id}/fields`, { method: "POST", body });
      if (!response) return false;
      show(this.body, await response.text());
      this.version = Number(this.root.querySelector("#card-version").dataset.version);
      this.saved();
      return true;
    });
  }

  /** A mark change through the API, then the card as the server now renders it. */
  sendJson(method, url, payload, opts) {
    return this.enqueue(async () => {
      const before = this.marks;
      const response = await this.write(url, {
        method,
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ ...payload, version: this.version }),
      });
      if (!response) return false;
      const card = await response.json();
      this.version = card.version;
      this.marks = card.marks;
      if (opts.record) {
        this.undoStack.push(before);
        if (!opts.keepRedo) this.redoStack = [];
      }
      if (opts.redo) this.redoStack.push(before);
      await this.refresh(opts);
      this.saved();
      return true;
    });
  }

  /** The body, counts and cite line as stored, with the selection put back where it was. */
  async refresh(opts) {
    let response;
    try {
      response = await fetch(`/cards/${this.id}/state`, { headers: { Accept: "text/html" } });
    } catch {
      return;
    }
    if (!response.ok) return;
    show(this.body, await response.text());
    if (opts.start !== undefined) selectOffsets(this.body, opts.start, opts.end);
  }

  saved() {
    this.root.dataset.version = String(this.version);
    this.setStatus("All changes saved.", "ok");
  }

  /** Every write goes through one queue, so each carries the version the previous one got. */
  enqueue(job) {
    const next = this.queue.then(() => (this.conflicted ? false : job()));
    this.queue = next.catch(() => false);
    return next;
  }

  /** Send one write; a refusal is shown (a stale version in the conflict box) and gives null. */
  async write(url, init) {
    this.setStatus("Saving…");
    let response;
    try {
      response = await fetch(url, { ...init, headers: { ...init.headers, Accept: "application/json" } });
    } catch (err) {
      this.setStatus(`Not saved: the server cannot be reached (${err.message}). Try again.`, "error");
      return null;
    }
    if (response.status === 409) {
      this.conflicted = true;
      this.root.querySelector("#conflict-message").textContent =
        (await reason(response)) || "This card was changed in another tab or by someone else. Nothing was overwritten.";
      this.root.querySelector("#conflict").hidden = false;
      this.setStatus("Not saved: this card changed elsewhere.", "error");
      this.root.classList.add("is-conflicted");
      return null;
    }
    if (!response.ok) {
      this.setStatus(`Not saved: ${await reason(response)}`, "error");
      return null;
    }
    return response;
  }
}

const editor = document.getElementById("editor");
if (editor) {
  const ed = new CardEditor(editor);
  ed.start();
  window.evidenceEditor = ed;
}
