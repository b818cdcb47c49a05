// Starts Swagger UI on /docs (templates/docs.html). This is the configuration FastAPI would put in
// an inline <script>; it lives here because the Content-Security-Policy allows no inline script.
// "Try it out" sends state-changing requests with the page's CSRF token: csrf.js wraps fetch.
(() => {
  "use strict";
  const start = () => {
    const root = document.getElementById("swagger-ui");
    if (!root || typeof window.SwaggerUIBundle !== "function") return;
    window.ui = window.SwaggerUIBundle({
      url: root.dataset.openapiUrl,
      domNode: root,
      layout: "BaseLayout",
      deepLinking: true,
      showExtensions: true,
      showCommonExtensions: true,
      // The online validator would send the schema to validator.swagger.io: never.
      validatorUrl: null,
      presets: [window.SwaggerUIBundle.presets.apis],
    });
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
