"use strict";
// The release page: reads the REST API as the signed-in caller and shows what it answers.
// Every text from the server goes in as text; only the server's own SVG charts go in as markup.
(function () {
  const TOKEN = "rollwright.token";
  const $ = (id) => document.getElementById(id);
  let timer = null;
  let pending = null;

  function headers(extra) {
    const h = Object.assign({ Accept: "application/json" }, extra || {});
    const token = sessionStorage.getItem(TOKEN);
    if (token) h.Authorization = "Bearer " + token;
    return h;
  }

  async function api(path, options) {
    const response = await fetch(path, Object.assign({}, options, { headers: headers(options && options.headers) }));
    const body = await response.json().catch(() => ({}));
    if (response.status === 401) {
      showOnly("signin");
      $("signin-error").textContent = body.detail || "";
      throw new Error("signed out");
    }
    if (!response.ok) throw new Error(body.detail || body.title || response.statusText);
    return body;
  }

  function showOnly(id) {
    for (const s of ["signin", "list", "release"]) $(s).hidden = s !== id;
  }

  function cell(row, text, className) {
    const td = row.insertCell();
    td.textContent = text == null ? "" : String(text);
    if (className) td.className = className;
    return td;
  }

  function fill(tbody, rows, render) {
    tbody.replaceChildren();
    rows.forEach((r) => render(tbody.insertRow(), r));
  }

  const time = (ms) => (ms ? new Date(ms).toISOString().replace("T", " ").slice(0, 19) : "");
  const percent = (v) => (Math.round(v * 100) / 100) + "%";

  function statusOf(r) {
    return r.closedAt ? (r.outcome || "ended") : "running";
  }

  async function showList() {
    showOnly("list");
    const form = new FormData($("filters"));
    const query = new URLSearchParams({ since: "30d" });
    for (const k of ["service", "env"]) if (form.get(k)) query.set(k, form.get(k));
    const page = await api("/releases?" + query);
    const rows = page.releases.map((r, i) => Object.assign({ link: page.links[i], status: statusOf(r) }, r))
      .filter((r) => !form.get("status") || r.status === form.get("status"))
      .filter((r) => !form.get("type") || r.type === form.get("type"))
      .sort((a, b) => (a.status === "running") === (b.status === "running") ? 0 : a.status === "running" ? -1 : 1);
    $("list-summary").textContent = rows.length + " release(s) since " + page.since.slice(0, 10)
      + " · rollback rate " + percent(page.rollbackRate * 100);
    fill($("releases").tBodies[0], rows, (row, r) => {
      const a = document.createElement("a");
      a.href = "?release=" + encodeURIComponent(r.releaseId);
      a.textContent = r.releaseId;
      row.insertCell().append(a);
      cell(row, r.version);
      const badge = document.createElement("span");
      badge.className = "badge " + r.status;
      badge.textContent = r.status.toLowerCase().replace("_", " ");
      row.insertCell().append(badge);
      cell(row, r.type);
      cell(row, r.startedAt ? r.startedAt.replace("T", " ").slice(0, 19) : "");
      cell(row, r.requestedBy);
      const ui = document.createElement("a");
      ui.href = r.link;
      ui.textContent = "history";
      ui.setAttribute("aria-label", "Temporal history of " + r.releaseId);
      row.insertCell().append(ui);
    });
    schedule(showList, 5000);
  }

  function chart(figure, c) {
    figure.innerHTML = c.svg;
    figure.dataset.chart = c.name;
  }

  function renderRelease(id, view) {
    const s = view.status;
    $("who").textContent = "signed in as " + view.caller;
    $("release-title").textContent = id;
    const section = $("release");
    if (!s) {
      const r = view.recorded || view.ledger || {};
      section.dataset.stage = r.stage || "";
      $("release-state").textContent = "No worker answers now; last recorded: " + (r.status || r.outcome || "") + " " + (r.summary || "");
      return;
    }
    section.dataset.stage = s.stage || "";
    section.dataset.phase = s.phase;
    $("release-state").textContent = s.service + " " + s.version + " to " + s.environment + " · "
      + s.phase.toLowerCase() + (s.stage ? " · stage " + s.stage + " (" + s.stageNumber + " of " + s.stageCount + ")" : "")
      + " · weight " + percent(s.weight) + (s.pausedBecause ? " · paused: " + s.pausedBecause : "");
    $("release-outcome").textContent = s.result ? "Outcome: " + s.result.outcome + " — " + (s.result.detail || "") : "";
    chart($("weight-chart"), view.charts.weight);
    const checks = $("check-charts");
    checks.replaceChildren();
    for (const c of view.charts.checks) {
      const figure = document.createElement("figure");
      figure.className = "chart";
      chart(figure, c);
      const caption = document.createElement("figcaption");
      caption.textContent = c.name;
      figure.append(caption);
      checks.append(figure);
    }
    const latest = s.analysis ? s.analysis.checks.map((c) => c.reading) : s.verdicts;
    fill($("readings").tBodies[0], latest || [], (row, r) => {
      cell(row, r.check);
      cell(row, r.canary == null ? "no data" : r.canary);
      cell(row, r.limit);
      cell(row, r.verdict + (r.breaching ? " (breaching)" : ""), r.breaching ? "error" : "");
      cell(row, r.reason);
    });
    renderGate(s.gate);
    fill($("preflight").tBodies[0], s.preflight || [], (row, p) => {
      cell(row, p.check);
      cell(row, p.passed ? "passed" : p.inconclusive ? "inconclusive" : "failed", p.passed ? "" : "error");
      cell(row, p.detail);
    });
    fill($("audit").tBodies[0], view.timeline, (row, e) => {
      cell(row, time(e.atMillis));
      cell(row, e.actor);
      cell(row, e.action);
      cell(row, e.detail);
    });
    const ui = $("web-ui");
    ui.hidden = !view.link;
    if (view.link) ui.href = view.link;
    renderActions(id, view.controls, s.gate);
  }

  function renderGate(g) {
    const box = $("gate");
    box.replaceChildren();
    const p = document.createElement("p");
    if (!g) {
      p.textContent = "No gate is open.";
    } else {
      p.textContent = "Stage " + g.stage + " needs " + g.required + " approval(s)"
        + (g.fromEach.length ? " including one from each of " + g.fromEach.join(", ") : "")
        + ". Approved by: " + (g.approvedBy.length ? g.approvedBy.join(", ") : "nobody yet")
        + ". " + (g.missing ? "Still needed: " + g.missing + "." : "Met.")
        + " Deadline " + time(g.deadlineMillis) + " UTC.";
    }
    box.append(p);
  }

  const LABELS = { approve: "Approve", reject: "Reject", pause: "Pause", resume: "Resume", abort: "Abort" };

  function renderActions(id, controls, gate) {
    const box = $("actions");
    const shown = Array.from(box.children).map((b) => b.dataset.control).join();
    if (shown === controls.join()) return;
    box.replaceChildren();
    for (const name of controls) {
      const b = document.createElement("button");
      b.type = "button";
      b.dataset.control = name;
      b.textContent = LABELS[name] || name;
      if (name === "abort" || name === "reject") b.className = "danger";
      b.addEventListener("click", () => ask(id, name, gate));
      box.append(b);
    }
  }

  function ask(id, control, gate) {
    pending = { id, control, gate: gate ? gate.stage : null };
    $("confirm-title").textContent = (LABELS[control] || control) + " " + id;
    $("reason").value = "";
    $("confirm").showModal();
    $("reason").focus();
  }

  async function send() {
    const { id, control, gate } = pending;
    const body = { reason: $("reason").value.trim() };
    if (gate && (control === "approve" || control === "reject")) body.gate = gate;
    try {
      const answer = await api("/releases/" + encodeURIComponent(id) + "/" + control, {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
      $("action-answer").textContent = (LABELS[control] || control) + ": " + (answer.message || "sent");
    } catch (e) {
      $("action-answer").textContent = "Refused: " + e.message;
    }
    showRelease(id);
  }

  async function showRelease(id) {
    showOnly("release");
    const view = await api("/releases/" + encodeURIComponent(id) + "/view");
    renderRelease(id, view);
    if (!performance.getEntriesByName("charts-drawn").length) performance.mark("charts-drawn");
    if (!view.status || !view.status.result) schedule(() => showRelease(id), 2000);
  }

  function schedule(next, ms) {
    clearTimeout(timer);
    timer = setTimeout(() => next().catch(report), ms);
  }

  function report(e) {
    if (e.message !== "signed out") $("action-answer").textContent = e.message;
  }

  function route() {
    const id = new URLSearchParams(location.search).get("release");
    return (id ? showRelease(id) : showList()).catch(report);
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("signin-form").addEventListener("submit", (e) => {
      e.preventDefault();
      sessionStorage.setItem(TOKEN, $("token").value.trim());
      $("token").value = "";
      route();
    });
    $("filters").addEventListener("submit", (e) => { e.preventDefault(); showList().catch(report); });
    $("confirm-form").addEventListener("submit", (e) => {
      if (!$("reason").value.trim()) { e.preventDefault(); return; }
      send();
    });
    $("confirm-cancel").addEventListener("click", () => $("confirm").close());
    route();
  });
})();
