// The upload page: choosing and dropping files. htmx posts the form and shows the report the
// server renders (evidence/web/pages/imports.py); this keeps the file input holding every file
// chosen or dropped, and lists them with the page's own <template>.
import "./fragments.js";

const form = document.getElementById("import-form");
const input = document.getElementById("import-files");
const zone = document.getElementById("dropzone");
const submit = document.getElementById("import-submit");
const chosen = document.getElementById("import-chosen");
const row = document.getElementById("chosen-file");
const KB = 1000; // as everywhere in the app, a kilobyte is 1,000 bytes

function show() {
  const files = Array.from(input.files);
  chosen.replaceChildren(...files.map((file) => {
    const li = row.content.firstElementChild.cloneNode(true);
    li.querySelector("[data-name]").textContent = file.name;
    li.querySelector("[data-size]").textContent = `${Math.ceil(file.size / KB)} KB`;
    return li;
  }));
  submit.disabled = files.length === 0;
  submit.textContent = files.length > 1 ? submit.dataset.many.replace("{n}", files.length) : submit.dataset.one;
}

input.addEventListener("change", show);
for (const type of ["dragenter", "dragover"]) {
  zone.addEventListener(type, (event) => { event.preventDefault(); zone.classList.add("over"); });
}
for (const type of ["dragleave", "drop"]) zone.addEventListener(type, () => zone.classList.remove("over"));
zone.addEventListener("drop", (event) => {
  event.preventDefault();
  const all = new DataTransfer();
  for (const file of [...input.files, ...event.dataTransfer.files]) all.items.add(file);
  input.files = all.files;
  show();
});

// Once the report is in, the form starts empty again.
form.addEventListener("htmx:afterRequest", (event) => {
  if (event.detail.xhr.status >= 300) return;
  input.value = "";
  show();
});
