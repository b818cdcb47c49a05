// The brief page: keys, drag and drop, focus. Every change is an htmx request the page's
// markup already describes (evidence/web/pages/briefs.py); a key or a drop only presses the
// right button or fills the drop form. Where an item goes is the server's rule, never ours.
// Keys (as in Verbatim): Ctrl+Alt+Up/Down moves the focused item, ` sends it to speech.
import "./fragments.js";

const root = document.getElementById("brief");
const itemOf = (el) => el && el.closest(".item[data-node-id]");
const items = () => Array.from(root.querySelectorAll("#outline .item"));

/** The item's own control for `action` (not one of its children's). */
function control(item, action) {
  const rows = [":scope > .heading-row", ":scope > .item-row", ":scope > .card-foot"];
  return item.querySelector(rows.map((row) => `${row} [data-action="${action}"]`).join(", "));
}

function press(item, action) {
  const button = control(item, action);
  if (button) button.click();
}

// Keys -------------------------------------------------------------------------------------
root.addEventListener("keydown", (event) => {
  const item = itemOf(event.target);
  if (!item || event.target.closest("form")) return;
  const onItem = event.target === item;
  const plain = !event.ctrlKey && !event.altKey && !event.metaKey;
  if (event.ctrlKey && event.altKey && (event.key === "ArrowUp" || event.key === "ArrowDown")) {
    event.preventDefault();
    press(item, event.key === "ArrowUp" ? "up" : "down");
  } else if (event.key === "`" && plain) {
    event.preventDefault();
    press(item, "speech");
  } else if (onItem && plain && (event.key === "ArrowUp" || event.key === "ArrowDown")) {
    event.preventDefault();
    const all = items();
    const next = all[all.indexOf(item) + (event.key === "ArrowUp" ? -1 : 1)];
    if (next) next.focus();
  } else if (onItem && event.key === "Delete") {
    event.preventDefault();
    press(item, "remove");
  } else if (onItem && event.key === "Enter") {
    event.preventDefault();
    press(item, item.dataset.type === "card" ? "open" : "edit");
  }
});

// "Add here": point every "Put it in" choice at the heading and go to the first field.
root.addEventListener("click", (event) => {
  const button = event.target.closest("[data-action=add-here]");
  if (!button) return;
  const item = itemOf(button);
  for (const select of root.querySelectorAll("select.where")) select.value = item.dataset.nodeId;
  const first = document.getElementById(item.dataset.type === "block" ? "picker-q" : "heading-title");
  first.closest("details").open = true;
  first.focus();
  const status = document.getElementById("brief-status");
  status.textContent = button.dataset.message;
  status.dataset.kind = "";
});

// Inline edit forms: focus the first field when one arrives; Escape or Cancel closes it.
function closeEdit(form) {
  const item = itemOf(form);
  form.remove();
  const button = item && control(item, "edit");
  if (button) button.setAttribute("aria-expanded", "false");
  if (item) item.focus();
}
root.addEventListener("htmx:afterSwap", (event) => {
  const slot = event.detail.target;
  if (!slot.classList || !slot.classList.contains("edit-slot")) return;
  const button = control(itemOf(slot), "edit");
  if (button) button.setAttribute("aria-expanded", "true");
  const field = slot.querySelector("input, textarea");
  if (field) field.focus();
});
root.addEventListener("click", (event) => {
  const cancel = event.target.closest("[data-cancel]");
  if (cancel) closeEdit(cancel.closest("form"));
});
root.addEventListener("keydown", (event) => {
  const form = event.target.closest(".inline-edit");
  if (form && event.key === "Escape") {
    event.stopPropagation();
    closeEdit(form);
  }
});

// An adding form is emptied once its item is in (the choices and the kind stay).
root.addEventListener("htmx:afterRequest", (event) => {
  const form = event.detail.elt;
  if (event.detail.xhr.status >= 300 || !form.matches || !form.matches("form[data-reset-on-success]")) return;
  for (const field of form.querySelectorAll("input[type=text], textarea")) field.value = "";
});

// Drag and drop --------------------------------------------------------------------------
// The server marks each heading with the item types it may hold (data-accepts): a drop on one
// that can hold the dragged item goes inside it, any other drop goes before the target.
let dragged = null;
const dropForm = document.getElementById("drop-form");
const clearMarks = () => {
  for (const el of root.querySelectorAll(".drop-before, .drop-into, .drop-over")) {
    el.classList.remove("drop-before", "drop-into", "drop-over");
  }
};
const goesInto = (target) => (target.dataset.accepts || "").split(" ").includes(dragged.dataset.type);
const droppable = (target) => target && target !== dragged && !dragged.contains(target);

root.addEventListener("dragstart", (event) => {
  dragged = itemOf(event.target);
  if (!dragged) return;
  event.dataTransfer.effectAllowed = "move";
  event.dataTransfer.setData("text/plain", dragged.dataset.nodeId);
  dragged.classList.add("dragging");
  root.classList.add("is-dragging");
  event.stopPropagation();
});
root.addEventListener("dragend", () => {
  if (dragged) dragged.classList.remove("dragging");
  root.classList.remove("is-dragging");
  clearMarks();
  dragged = null;
});
root.addEventListener("dragover", (event) => {
  if (!dragged) return;
  const end = event.target.closest("[data-drop=end]");
  const target = itemOf(event.target);
  if (!end && !droppable(target)) return;
  event.preventDefault();
  clearMarks();
  if (end) end.classList.add("drop-over");
  else target.classList.add(goesInto(target) ? "drop-into" : "drop-before");
});
root.addEventListener("drop", (event) => {
  if (!dragged) return;
  event.preventDefault();
  const end = event.target.closest("[data-drop=end]");
  const target = itemOf(event.target);
  clearMarks();
  if (!end && !droppable(target)) return;
  dropForm.elements.node.value = dragged.dataset.nodeId;
  dropForm.elements.target.value = end ? "end" : target.dataset.nodeId;
  dropForm.requestSubmit();
});

// Downloads: leave out empty options so the URL stays readable (the API applies its defaults).
document.getElementById("download-form").addEventListener("submit", (event) => {
  const form = event.target;
  for (const el of form.elements) if (el.name && el.value === "" && el.tagName === "SELECT") el.disabled = true;
  setTimeout(() => { for (const el of form.elements) el.disabled = false; }, 0);
});
