// The score-sheet screen (achievement evaluation and the generic points scorecard): autosave with
// optimistic locking. Every change is posted as JSON with the sheet's version; the server answers
// 200 {version}, 409 {current} when the sheet changed in another tab, or 400 {detail}.
(function () {
  "use strict";
  var form = document.getElementById("score-sheet");
  if (!form) { return; }
  var editable = form.getAttribute("data-editable") === "1";
  var saveUrl = form.getAttribute("data-save-url");
  var itemsKey = form.getAttribute("data-items-key") || "scores";
  var versionInput = document.getElementById("sheet-version");
  var status = document.getElementById("save-status");
  var conflictBox = document.getElementById("conflict-alert");
  var errorBox = document.getElementById("save-error");
  var totalEl = document.getElementById("weighted-total");
  var csrf = form.querySelector("[name=csrfmiddlewaretoken]").value;
  var dirty = {};       // item id -> {field: value}
  var dirtyTop = {};    // top-level fields
  var dirtySwot = {};   // quadrant -> lines
  var timer = null;
  var inFlight = null;
  var conflicted = null; // the server's current sheet after a 409

  function setStatus(text, cls) {
    if (!status) { return; }
    status.textContent = text;
    status.className = "ms-auto " + (cls || "text-muted");
  }

  function markLevels(input) {
    var id = input.getAttribute("data-item");
    var list = document.getElementById("levels-" + id);
    if (!list) { return; }
    var v = parseFloat(input.value);
    list.querySelectorAll(".level").forEach(function (li) {
      var lo = parseFloat(li.getAttribute("data-min"));
      var hi = parseFloat(li.getAttribute("data-max"));
      li.classList.toggle("active", !isNaN(v) && v >= lo && v <= hi + 0.09);
    });
  }

  function showTrl() {
    var select = document.getElementById("trl-level");
    var box = document.getElementById("trl-description");
    if (!select || !box) { return; }
    var opt = select.options[select.selectedIndex];
    box.textContent = opt ? (opt.getAttribute("data-description") || "") : "";
  }

  function valueOf(el) {
    if (el.type === "radio") { return el.checked ? el.value : undefined; }
    return el.value;
  }

  function collect(el) {
    var item = el.getAttribute("data-item");
    var top = el.getAttribute("data-sheet-field");
    var swot = el.getAttribute("data-swot");
    if (item) {
      dirty[item] = dirty[item] || {};
      dirty[item][el.getAttribute("data-field")] = el.value;
    } else if (top) {
      var v = valueOf(el);
      if (v !== undefined) { dirtyTop[top] = v; }
    } else if (swot) {
      dirtySwot[swot] = el.value.split("\n").map(function (s) { return s.trim(); }).filter(Boolean);
    } else {
      return false;
    }
    return true;
  }

  function hasChanges() {
    return Object.keys(dirty).length || Object.keys(dirtyTop).length || Object.keys(dirtySwot).length;
  }

  function payload() {
    var body = { version: parseInt(versionInput.value, 10) };
    body[itemsKey] = dirty;
    Object.keys(dirtyTop).forEach(function (k) { body[k] = dirtyTop[k]; });
    if (Object.keys(dirtySwot).length) { body.swot = dirtySwot; }
    return body;
  }

  function save() {
    timer = null;
    if (!editable || conflicted || !hasChanges()) { return Promise.resolve(true); }
    if (inFlight) { return inFlight.then(save); }
    var body = payload();
    var sentItems = dirty, sentTop = dirtyTop, sentSwot = dirtySwot;
    dirty = {}; dirtyTop = {}; dirtySwot = {};
    setStatus(form.getAttribute("data-saving"));
    inFlight = fetch(saveUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf, "X-Requested-With": "XMLHttpRequest" },
      body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (data) { return { status: r.status, data: data }; });
    }).then(function (res) {
      inFlight = null;
      if (res.status === 200) {
        versionInput.value = res.data.version;
        if (totalEl && res.data.weighted_total !== undefined) { totalEl.textContent = res.data.weighted_total || "—"; }
        var t = new Date(res.data.saved_at || Date.now());
        setStatus(form.getAttribute("data-saved") + " " + t.toTimeString().slice(0, 5), "text-success");
        errorBox.classList.add("d-none");
        return true;
      }
      if (res.status === 409 && res.data.current) {
        conflicted = res.data.current;
        conflictBox.classList.remove("d-none");
        setStatus(form.getAttribute("data-failed"), "text-danger");
        return false;
      }
      // 400 and others: keep the unsaved values so that the next change retries them
      Object.keys(sentItems).forEach(function (k) { dirty[k] = Object.assign({}, sentItems[k], dirty[k] || {}); });
      Object.keys(sentTop).forEach(function (k) { if (!(k in dirtyTop)) { dirtyTop[k] = sentTop[k]; } });
      Object.keys(sentSwot).forEach(function (k) { if (!(k in dirtySwot)) { dirtySwot[k] = sentSwot[k]; } });
      errorBox.textContent = (res.data && res.data.detail) || form.getAttribute("data-failed");
      errorBox.classList.remove("d-none");
      setStatus(form.getAttribute("data-failed"), "text-danger");
      return false;
    }).catch(function () {
      inFlight = null;
      Object.keys(sentItems).forEach(function (k) { dirty[k] = Object.assign({}, sentItems[k], dirty[k] || {}); });
      setStatus(form.getAttribute("data-failed"), "text-danger");
      return false;
    });
    return inFlight;
  }

  function schedule() {
    if (timer) { window.clearTimeout(timer); }
    timer = window.setTimeout(save, 700);
  }

  function apply(current) {
    // Fill the form with the server's values (after a conflict) and take over its version.
    var scores = current.scores || {};
    form.querySelectorAll("[data-item]").forEach(function (el) {
      var row = scores[el.getAttribute("data-item")] || {};
      var field = el.getAttribute("data-field");
      var v = row[field];
      if (field === "score" || field === "points") { v = row.score !== undefined ? row.score : row.points; }
      el.value = v === null || v === undefined ? "" : v;
      if (field === "score" || field === "points") { markLevels(el); }
    });
    form.querySelectorAll("[data-sheet-field]").forEach(function (el) {
      var key = el.getAttribute("data-sheet-field");
      var v = current[key];
      if (el.type === "radio") { el.checked = v !== null && v !== undefined && String(v) === el.value; }
      else { el.value = v === null || v === undefined ? "" : v; }
    });
    if (current.swot) {
      form.querySelectorAll("[data-swot]").forEach(function (el) {
        el.value = (current.swot[el.getAttribute("data-swot")] || []).join("\n");
      });
    }
    versionInput.value = current.version;
    if (totalEl) { totalEl.textContent = current.weighted_total || current.total || "—"; }
    dirty = {}; dirtyTop = {}; dirtySwot = {};
    conflicted = null;
    conflictBox.classList.add("d-none");
    setStatus(form.getAttribute("data-saved"), "text-muted");
    showTrl();
  }

  var load = document.getElementById("conflict-load");
  if (load) { load.addEventListener("click", function () { if (conflicted) { apply(conflicted); } }); }

  form.querySelectorAll("[data-field=score],[data-field=points]").forEach(markLevels);
  showTrl();
  if (!editable) { return; }

  form.addEventListener("input", function (event) {
    var el = event.target;
    if (el.getAttribute("data-field") === "score" || el.getAttribute("data-field") === "points") { markLevels(el); }
    if (collect(el)) { schedule(); }
  });
  form.addEventListener("change", function (event) {
    if (event.target.id === "trl-level") { showTrl(); }
    if (collect(event.target)) { schedule(); }
  });
  // Submitting flushes pending changes first, so the server validates what the expert sees.
  form.addEventListener("submit", function (event) {
    if (conflicted) { event.preventDefault(); return; }
    if (hasChanges() || inFlight) {
      event.preventDefault();
      if (timer) { window.clearTimeout(timer); timer = null; }
      save().then(function (ok) { if (ok && !conflicted) { HTMLFormElement.prototype.submit.call(form); } });
    }
  });
  window.addEventListener("beforeunload", function (event) {
    if (hasChanges() || inFlight) { save(); event.preventDefault(); event.returnValue = ""; }
  });
})();
