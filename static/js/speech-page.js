// The speech doc page: keys and focus. Moving and removing are htmx buttons on each item
// (evidence/web/pages/speech.py); a key presses the focused item's button.
import "./fragments.js";

const root = document.getElementById("speech");
const items = () => Array.from(root.querySelectorAll("#speech-items .speech-item"));

function press(item, action) {
  const button = item.querySelector(`[data-action="${action}"]`);
  if (button && !button.disabled) button.click();
}

root.addEventListener("keydown", (event) => {
  const item = event.target.closest(".speech-item");
  if (!item || event.target !== item) return;
  if (event.ctrlKey && event.altKey && (event.key === "ArrowUp" || event.key === "ArrowDown")) {
    event.preventDefault();
    press(item, event.key === "ArrowUp" ? "up" : "down");
  } else if (event.key === "ArrowUp" || event.key === "ArrowDown") {
    event.preventDefault();
    const all = items();
    const next = all[all.indexOf(item) + (event.key === "ArrowUp" ? -1 : 1)];
    if (next) next.focus();
  } else if (event.key === "Delete") {
    event.preventDefault();
    press(item, "remove");
  }
});
