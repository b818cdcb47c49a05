// What every htmx page of the app shares (the brief, speech and upload pages import it).
//
// The server answers each request with HTML fragments (evidence/web/pages/fragments.py); this
// only does what a browser must: let an error fragment the server addressed (HX-Retarget: the
// status line, the conflict box) show whatever its status code, put focus where the server
// said (data-focus), clear the "sent to speech" notice after a while, and close the conflict box.

const TOAST_MS = 4000;
let toastTimer = null;

document.addEventListener("htmx:beforeSwap", (event) => {
  const xhr = event.detail.xhr;
  if (xhr.status >= 400 && xhr.getResponseHeader("HX-Retarget")) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});

document.addEventListener("htmx:afterSettle", () => {
  const marked = document.querySelector("[data-focus]");
  if (marked) {
    const target = document.getElementById(marked.dataset.focus);
    delete marked.dataset.focus;
    if (target) target.focus();
  }
  const toast = document.getElementById("toast");
  if (toast && toast.childNodes.length) {
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => toast.replaceChildren(), TOAST_MS);
  }
});

/** A request that failed without a fragment to show (no connection, or a refusal page): say so
 * on the page's status line, in the words the page gave it. */
function failed(event, key) {
  const region = document.querySelector(".status-region");
  const line = region && region.querySelector(".status");
  if (!line) return;
  line.textContent = region.dataset[key] || "";
  line.dataset.kind = "error";
  if (event.detail.xhr) line.textContent += ` (${event.detail.xhr.status})`;
}
document.addEventListener("htmx:sendError", (event) => failed(event, "unreachable"));
document.addEventListener("htmx:responseError", (event) => failed(event, "refused"));

document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-dismiss]");
  if (!button) return;
  const box = document.getElementById(button.dataset.dismiss);
  if (box) box.hidden = true;
});
