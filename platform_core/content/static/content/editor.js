// Content editor: show only the fieldsets of the chosen type, and preview sanitised rich text.
(function () {
  "use strict";
  var form = document.querySelector("[data-content-editor]");
  if (!form) { return; }
  var kind = form.querySelector("select[name=kind]");
  function toggle() {
    var value = kind ? kind.value : "";
    form.querySelectorAll("[data-kinds]").forEach(function (fs) {
      var kinds = fs.getAttribute("data-kinds").split(" ");
      fs.hidden = value !== "" && kinds.indexOf(value) === -1;
    });
  }
  if (kind) { kind.addEventListener("change", toggle); toggle(); }

  form.addEventListener("click", function (event) {
    var button = event.target.closest("[data-preview-for]");
    if (!button) { return; }
    event.preventDefault();
    var id = button.getAttribute("data-preview-for");
    var source = document.getElementById(id);
    var target = document.getElementById("preview-" + id);
    var data = new FormData();
    data.append("html", source ? source.value : "");
    data.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
    fetch(button.getAttribute("data-preview-url"), { method: "POST", body: data, credentials: "same-origin" })
      .then(function (r) { return r.text(); })
      .then(function (html) { target.innerHTML = html; target.classList.remove("d-none"); });
  });
})();
