// The print view's "Print" button (no inline handlers: the Content-Security-Policy forbids them).
document.getElementById("print-button")?.addEventListener("click", () => window.print());
