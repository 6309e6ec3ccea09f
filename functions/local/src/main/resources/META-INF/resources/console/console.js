// The local console: reads the lake's own API as the role picked above (the principal that role
// maps to goes in the X-Strata-Principal header), so it shows exactly what that role may see.
// Every value from the API is put in the page as text, never as markup.
"use strict";

const state = { principal: null, dataset: null };

function status(text) {
  document.getElementById("status").textContent = text || "";
}

async function api(path, optional) {
  const response = await fetch(path, { headers: { "X-Strata-Principal": state.principal,
    "Accept": "application/json" } });
  if (optional && (response.status === 404 || response.status === 405)) {
    return null;
  }
  if (!response.ok) {
    let message = `${response.status}`;
    try {
      const body = await response.json();
      message = body.message || body.error || message;
    } catch (e) {
      // not JSON: keep the status
    }
    throw new Error(message);
  }
  return response.json();
}

function cell(row, text, className) {
  const td = document.createElement("td");
  td.textContent = text === null || text === undefined ? "" : String(text);
  if (className) td.className = className;
  row.appendChild(td);
  return td;
}

async function loadRoles() {
  const roles = await fetch("/console/roles").then(r => r.json());
  const select = document.getElementById("role");
  select.replaceChildren();
  for (const r of roles) {
    const option = document.createElement("option");
    option.value = r.principal;
    option.textContent = r.role;
    select.appendChild(option);
  }
  const saved = localStorage.getItem("strata.console.principal");
  if (saved && roles.some(r => r.principal === saved)) select.value = saved;
  state.principal = select.value;
  select.addEventListener("change", () => {
    state.principal = select.value;
    localStorage.setItem("strata.console.principal", state.principal);
    loadDatasets();
  });
}

async function loadDatasets() {
  status("");
  document.getElementById("dataset").hidden = true;
  const list = document.getElementById("datasets");
  list.replaceChildren();
  let datasets;
  try {
    datasets = await api("/datasets");
  } catch (e) {
    status("Cannot list datasets: " + e.message);
    return;
  }
  for (const d of datasets) {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.textContent = d.name;
    button.dataset.dataset = d.name;
    button.addEventListener("click", () => openDataset(d.name));
    item.appendChild(button);
    list.appendChild(item);
  }
  if (datasets.some(d => d.name === state.dataset)) openDataset(state.dataset);
}

/** One row per batch, oldest first, from the quality route, the dataset's batches and its quarantine. */
function batchesOf(detail, quality, quarantine) {
  const byId = new Map();
  for (const b of (detail.recentBatches || [])) {
    byId.set(b.batchId, { batchId: b.batchId, at: b.committedAt, outcome: "committed",
      rows: b.rowsAccepted, rejected: b.rowsRejected });
  }
  for (const q of (quarantine || [])) {
    byId.set(q.batchId, { batchId: q.batchId, at: q.quarantinedAt, outcome: "quarantined",
      rows: null, rejected: q.rowsRejected, reason: q.reason });
  }
  for (const b of ((quality && quality.batches) || [])) {
    const known = byId.get(b.batchId) || {};
    byId.set(b.batchId, Object.assign(known, { batchId: b.batchId, at: b.committedAt || known.at,
      outcome: b.outcome, rows: b.rows, rejected: b.rowsRejected, quality: b }));
  }
  return [...byId.values()].sort((a, b) => String(a.at).localeCompare(String(b.at)));
}

async function openDataset(name) {
  state.dataset = name;
  document.querySelectorAll("#datasets button").forEach(b =>
    b.classList.toggle("selected", b.dataset.dataset === name));
  status("");
  let detail, quality, quarantine;
  try {
    [detail, quality, quarantine] = await Promise.all([
      api("/datasets/" + encodeURIComponent(name)),
      api("/datasets/" + encodeURIComponent(name) + "/quality", true),
      api("/datasets/" + encodeURIComponent(name) + "/quarantine", true)]);
  } catch (e) {
    status("Cannot read dataset " + name + ": " + e.message);
    return;
  }
  document.getElementById("dataset").hidden = false;
  document.getElementById("quarantine").hidden = true;
  document.getElementById("dataset-name").textContent = detail.name;
  document.getElementById("dataset-description").textContent = detail.description || "";
  const batches = batchesOf(detail, quality, quarantine);
  renderBatches(name, batches);
  renderCharts(batches, quality);
}

function renderBatches(dataset, batches) {
  const body = document.querySelector("#batches tbody");
  body.replaceChildren();
  for (const b of [...batches].reverse()) {
    const row = document.createElement("tr");
    cell(row, b.batchId.substring(0, 12));
    cell(row, b.at);
    const outcome = cell(row, b.outcome + (b.reason ? " (" + b.reason + ")" : ""), b.outcome);
    cell(row, b.rows);
    cell(row, b.rejected);
    if (b.outcome === "quarantined") {
      const button = document.createElement("button");
      button.textContent = "report";
      button.className = "report";
      button.addEventListener("click", () => openReport(dataset, b.batchId));
      outcome.appendChild(document.createTextNode(" "));
      outcome.appendChild(button);
    }
    body.appendChild(row);
  }
}

function renderCharts(batches, quality) {
  const labels = batches.map((_, i) => String(i + 1));
  Charts.line(document.getElementById("chart-rows"), labels,
    [{ name: "rows", values: batches.map(b => b.rows === undefined ? null : b.rows) },
     { name: "rejected", values: batches.map(b => b.rejected === undefined ? null : b.rejected) }],
    v => String(Math.round(v)), "No batch yet.");
  const profiled = batches.filter(b => b.quality && b.quality.columns);
  if (!quality || profiled.length === 0) {
    Charts.empty(document.getElementById("chart-nulls"), "No batch profiles for this role.");
    Charts.empty(document.getElementById("chart-verdicts"), "No anomaly verdicts for this role.");
    return;
  }
  const plabels = profiled.map(b => String(batches.indexOf(b) + 1));
  const columns = [...new Set(profiled.flatMap(b => Object.keys(b.quality.columns)))].sort();
  Charts.line(document.getElementById("chart-nulls"), plabels,
    columns.map(c => ({ name: c, values: profiled.map(b => {
      const p = b.quality.columns[c];
      return p && p.nullRate !== undefined && p.nullRate !== null ? 100 * p.nullRate : null;
    }) })),
    v => v.toFixed(0) + "%", "No column profiles.");
  const count = outcome => profiled.map(b =>
    (b.quality.verdicts || []).filter(v => v.outcome === outcome).length);
  Charts.bars(document.getElementById("chart-verdicts"), plabels,
    [{ name: "pass", colour: "#2ca02c", values: count("pass") },
     { name: "warn", colour: "#ff7f0e", values: count("warn") },
     { name: "quarantine", colour: "#d62728", values: count("quarantine") }],
    "No quality rules judged these batches.");
}

async function openReport(dataset, batchId) {
  let report;
  try {
    report = await api("/datasets/" + encodeURIComponent(dataset) + "/quarantine/"
      + encodeURIComponent(batchId));
  } catch (e) {
    status("Cannot read the quarantine report: " + e.message);
    return;
  }
  document.getElementById("quarantine").hidden = false;
  document.getElementById("quarantine-title").textContent =
    "Quarantine report of batch " + batchId.substring(0, 12);
  const parts = [report.reason, report.summary,
    report.rowsRejected !== undefined ? report.rowsRejected + " of " + report.rowsRead
      + " rows rejected" : null];
  document.getElementById("quarantine-summary").textContent =
    parts.filter(p => p !== null && p !== undefined).join(" \u2014 ");
  const body = document.querySelector("#quarantine-errors tbody");
  body.replaceChildren();
  for (const e of (report.errors || [])) {
    const row = document.createElement("tr");
    cell(row, e.line);
    cell(row, e.column);
    cell(row, e.rule);
    cell(row, e.value);
    cell(row, e.message);
    body.appendChild(row);
  }
}

// A failure the handlers above did not foresee still reaches the person, not only the devtools.
window.addEventListener("unhandledrejection", e =>
  status("Console error: " + (e.reason && e.reason.message ? e.reason.message : e.reason)));
window.addEventListener("error", e => status("Console error: " + e.message));

loadRoles().then(loadDatasets).catch(e => status("Cannot start the console: " + e.message));
