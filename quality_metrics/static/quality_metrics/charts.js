// Charts of the quality pages (Chart.js, vendored). Data comes from <script type="application/json"> blocks
// written with json_script; every chart's numbers are also printed as a table on the page.
(function () {
  "use strict";
  if (typeof Chart === "undefined") { return; }
  var PALETTE = ["#1d5b8f", "#2f9e77", "#e07b39", "#8e44ad", "#c0392b", "#7f8c8d"];
  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  function canvas(id) { return document.getElementById(id); }
  var base = { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { display: true } } };
  function opts(extra) { return Object.assign({}, base, extra || {}); }

  var charts = data("qm-charts");
  if (charts) {
    (charts.trend ? charts.trend.series : []).forEach(function (s, i) {
      var el = canvas("trend-" + s.code);
      if (!el) { return; }
      var lines = [{ label: s.name, data: s.values, borderColor: PALETTE[i % PALETTE.length], spanGaps: false, tension: 0.2 }];
      // the band thresholds as dashed lines
      [s.upper, s.lower].forEach(function (t) {
        lines.push({ label: String(t), data: s.values.map(function () { return t; }), borderColor: "#bcccdc",
          borderDash: [4, 4], pointRadius: 0, borderWidth: 1 });
      });
      new Chart(el, { type: "line", data: { labels: charts.trend.labels, datasets: lines },
        options: opts({ plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } }) });
    });
    var L = charts.labels || {};
    if (canvas("funnel-chart") && charts.funnel) {
      new Chart(canvas("funnel-chart"), { type: "bar",
        data: { labels: charts.funnel.map(function (f) { return f.label; }),
          datasets: [{ label: L.count, data: charts.funnel.map(function (f) { return f.count; }), backgroundColor: PALETTE[0] }] },
        options: opts({ indexAxis: "y", plugins: { legend: { display: false } } }) });
    }
    if (canvas("waiting-chart") && charts.waiting) {
      new Chart(canvas("waiting-chart"), { type: "bar",
        data: { labels: charts.waiting.map(function (w) { return w.label; }),
          datasets: [
            { label: L.response, data: charts.waiting.map(function (w) { return w.response; }), backgroundColor: PALETTE[0] },
            { label: L.completion, data: charts.waiting.map(function (w) { return w.completion; }), backgroundColor: PALETTE[2] }] },
        options: opts({ scales: { y: { beginAtZero: true, title: { display: true, text: L.workdays } } } }) });
    }
    if (canvas("workload-chart") && charts.workload) {
      new Chart(canvas("workload-chart"), { type: "bar",
        data: { labels: charts.workload.map(function (w) { return w.label; }),
          datasets: [
            { label: L.received, data: charts.workload.map(function (w) { return w.received; }), backgroundColor: PALETTE[0] },
            { label: L.completed, data: charts.workload.map(function (w) { return w.completed; }), backgroundColor: PALETTE[1] },
            { label: L.open_now, data: charts.workload.map(function (w) { return w.open_now; }), backgroundColor: PALETTE[2] }] },
        options: opts({ scales: { y: { beginAtZero: true } } }) });
    }
  }

  // Survey results: by dimension and by service type (campaign page).
  var survey = data("qm-survey-charts");
  if (survey) {
    if (canvas("dimension-chart")) {
      new Chart(canvas("dimension-chart"), { type: "bar",
        data: { labels: survey.dimensions.map(function (d) { return d.name; }),
          datasets: [{ label: survey.label, data: survey.dimensions.map(function (d) { return d.mean; }), backgroundColor: PALETTE[0] }] },
        options: opts({ plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, max: 100 } } }) });
    }
    if (canvas("service-chart")) {
      new Chart(canvas("service-chart"), { type: "bar",
        data: { labels: survey.services.map(function (d) { return d.label; }),
          datasets: [{ label: survey.label, data: survey.services.map(function (d) { return d.mean; }), backgroundColor: PALETTE[1] }] },
        options: opts({ plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, max: 100 } } }) });
    }
  }
})();
