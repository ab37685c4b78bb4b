// /docs: Swagger UI from the vendored bundle on this server's own schema (a file of its own: the
// Content-Security-Policy allows no inline script). No validator badge: it would call the internet.
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    validatorUrl: null,
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    requestInterceptor: function (request) {
      request.headers["X-CSRF-Token"] = document.body.getAttribute("data-csrf");  // the admin's session token
      return request;
    }
  });
});
