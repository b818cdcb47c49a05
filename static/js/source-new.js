// The new-source page: a rich paste (from Word or a web page) is kept as the clipboard's HTML,
// in a form field, for the server to read; it is never put into this page as markup.

import { codePoints } from "./selection.js";

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

const zone = document.getElementById("rich-paste");
if (zone) richPaste(zone);
