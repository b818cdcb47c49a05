// Every state-changing request a page of this app sends carries the page's CSRF token, which no
// other site can read (see evidence/web/security.py). htmx sends it from <body hx-headers>; this
// covers the pages' own fetch calls, in one place, so no script can forget it.
(() => {
  "use strict";
  const meta = document.querySelector('meta[name="csrf-token"]');
  const token = meta ? meta.content : "";
  const SAFE = ["GET", "HEAD", "OPTIONS"];
  const original = window.fetch.bind(window);
  window.fetch = (input, init = {}) => {
    const request = input instanceof Request ? input : null;
    const method = String(init.method || (request ? request.method : "GET")).toUpperCase();
    const url = new URL(request ? request.url : String(input), window.location.href);
    if (token && url.origin === window.location.origin && !SAFE.includes(method)) {
      const headers = new Headers(init.headers || (request ? request.headers : undefined));
      headers.set("X-CSRF-Token", token);
      init = { ...init, headers };
    }
    return original(input, init);
  };
})();
