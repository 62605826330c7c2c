// Site-wide behaviour. No inline scripts anywhere: everything lives in static files (CSP).
(function () {
  "use strict";
  // Destructive actions: <button data-confirm="…"> asks before submitting.
  document.addEventListener("click", function (event) {
    var el = event.target.closest("[data-confirm]");
    if (el && !window.confirm(el.getAttribute("data-confirm"))) {
      event.preventDefault();
      event.stopPropagation();
    }
  }, true);
  // Filter forms: <select data-autosubmit> submits its form on change.
  document.addEventListener("change", function (event) {
    var el = event.target.closest("[data-autosubmit]");
    if (el && el.form) { el.form.submit(); }
  });
  // Progress polling: <div data-poll-url="…" data-poll-interval="1000"> refreshes itself with htmx-free fetch.
  function poll(el) {
    var url = el.getAttribute("data-poll-url");
    var interval = parseInt(el.getAttribute("data-poll-interval") || "1500", 10);
    fetch(url, { headers: { "X-Requested-With": "XMLHttpRequest" }, credentials: "same-origin" })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        el.innerHTML = html;
        var inner = el.querySelector("[data-poll-done]");
        if (!inner) { window.setTimeout(function () { poll(el); }, interval); }
      })
      .catch(function () { window.setTimeout(function () { poll(el); }, interval * 2); });
  }
  document.querySelectorAll("[data-poll-url]").forEach(poll);
})();
