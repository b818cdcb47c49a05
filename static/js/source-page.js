// The source page: select a passage, cut it into a card (the button or Ctrl+Alt+C). The server
// trims the selection and cuts; this only turns the browser's selection into code points.

import { readOnlyText, selectionOffsets } from "./selection.js";

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

const cutForm = document.getElementById("cut-form");
if (cutForm) sourceView(cutForm);
