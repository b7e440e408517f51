// Starts Swagger UI on Forecourt's OpenAPI document (served by the application server at /openapi).
// Kept in its own file: the page's Content-Security-Policy allows no inline script.
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/openapi",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    // no call to the public validator service (and the CSP would refuse it)
    validatorUrl: null,
    // the document comes from this server only: no ?url= or ?configUrl= from the address bar
    queryConfigEnabled: false
  });
});
