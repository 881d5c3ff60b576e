// The dashboard's behaviour: charts from the JSON API, the event panel from a server-rendered fragment.
// Article text never passes through here as markup: the fragment is escaped by the server's templates,
// and what goes into plotly (which reads its strings as a small HTML dialect) is escaped first.
"use strict";

(function () {
  const CATEGORY_COLOURS = {
    AGREE: "#4e79a7", CONSULT: "#59a14f", SUPPORT: "#8cd17d", CONCEDE: "#b6992d", COOPERATE: "#499894",
    AID: "#86bcb6", RETREAT: "#f1ce63", REQUEST: "#a0cbe8", ACCUSE: "#f28e2b", REJECT: "#ffbe7d",
    THREATEN: "#e15759", PROTEST: "#ff9d9a", SANCTION: "#b07aa1", MOBILIZE: "#d4a6c8", COERCE: "#9d7660",
    ASSAULT: "#79706e",
  };
  const PLOT_CONFIG = { displaylogo: false, responsive: true, modeBarButtonsToRemove: ["toImage", "sendDataToCloud"] };

  function plain(s) {
    return String(s === null || s === undefined ? "" : s)
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function say(id, text) {
    const el = document.getElementById(id);
    if (el) el.textContent = text || "";
  }

  async function getJSON(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    let body = null;
    try { body = await response.json(); } catch (_) { body = null; }
    if (!response.ok) {
      const detail = body && typeof body.detail === "string" ? body.detail : response.status + " " + response.statusText;
      throw new Error(detail);
    }
    return body;
  }

  // --- the event panel -----------------------------------------------------------------
  async function showEvent(id) {
    const panel = document.getElementById("event-panel");
    if (!panel) { window.location.href = "/events/" + encodeURIComponent(id); return; }
    panel.setAttribute("aria-busy", "true");
    const response = await fetch("/partials/events/" + encodeURIComponent(id));
    panel.innerHTML = await response.text(); // rendered and escaped by the server's templates
    panel.removeAttribute("aria-busy");
    panel.dataset.eventId = id;
    document.querySelectorAll("#events-table tr.selected").forEach((tr) => tr.classList.remove("selected"));
    document.querySelectorAll("#events-table tr[data-event-id]").forEach((tr) => {
      if (tr.dataset.eventId === id) tr.classList.add("selected");
    });
    const top = panel.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight) panel.scrollIntoView({ block: "start" });
  }

  function wireEvents() {
    const table = document.getElementById("events-table");
    if (table) {
      table.addEventListener("click", (ev) => {
        const row = ev.target.closest("tr[data-event-id]");
        if (!row || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
        ev.preventDefault();
        showEvent(row.dataset.eventId);
      });
      table.addEventListener("keydown", (ev) => {
        const row = ev.target.closest("tr[data-event-id]");
        if (row && ev.key === "Enter") { ev.preventDefault(); showEvent(row.dataset.eventId); }
      });
    }
    document.querySelectorAll("#alerts a.event-link").forEach((a) => {
      a.addEventListener("click", (ev) => {
        if (ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
        ev.preventDefault();
        showEvent(a.dataset.eventId);
      });
    });
  }

  // --- the timeline --------------------------------------------------------------------
  async function drawTimeline() {
    const form = document.getElementById("timeline-form");
    const chart = document.getElementById("timeline-chart");
    if (!form || !chart) return;
    const a = form.elements.a.value.trim();
    const b = form.elements.b.value.trim();
    const by = form.elements.by.value;
    if (!a || !b) { say("timeline-note", "Give two actors: country codes (BLR) or names."); return; }
    const params = new URLSearchParams({ a: a, b: b, by: by });
    let tl;
    try {
      tl = await getJSON("/api/timeline?" + params.toString());
    } catch (err) {
      Plotly.purge(chart);
      chart.dataset.state = "error";
      say("timeline-note", err.message);
      return;
    }
    const labels = tl.periods.map((p) => p.label);
    const cats = [];
    tl.periods.forEach((p) => Object.keys(p.by_category).forEach((c) => { if (!cats.includes(c)) cats.push(c); }));
    const traces = cats.map((c) => ({
      type: "bar", name: c, x: labels, y: tl.periods.map((p) => p.by_category[c] || 0),
      marker: { color: CATEGORY_COLOURS[c] || "#888" },
      customdata: tl.periods.map((p) => [p.start, p.end]),
      hovertemplate: "%{x}: %{y} " + c + "<extra></extra>",
    }));
    traces.push({
      type: "scatter", mode: "lines+markers", name: "mean score", x: labels, yaxis: "y2",
      y: tl.periods.map((p) => p.score), line: { color: "#333", width: 1.5 }, connectgaps: false,
      hovertemplate: "%{x}: mean score %{y:+.1f}<extra></extra>",
    });
    const layout = {
      barmode: "stack", margin: { l: 40, r: 45, t: 30, b: 40 }, height: 320,
      title: { text: plain(a) + " – " + plain(b) + ", events per " + plain(by), font: { size: 13 } },
      yaxis: { title: { text: "events" }, rangemode: "tozero" },
      yaxis2: { title: { text: "score" }, overlaying: "y", side: "right", range: [-10, 10], zeroline: false },
      legend: { orientation: "h", y: -0.2 }, xaxis: { type: "category" },
    };
    await Plotly.react(chart, traces, layout, PLOT_CONFIG);
    chart.dataset.state = "drawn";
    chart.dataset.pair = a + "|" + b;
    say("timeline-note", tl.events + (tl.events === 1 ? " event" : " events") + "; click a bar to list them. Score: mean PLOVER score (−10 conflict … +10 cooperation).");
    chart.removeAllListeners && chart.removeAllListeners("plotly_click");
    chart.on("plotly_click", (data) => {
      const pt = data.points && data.points[0];
      if (!pt || !pt.customdata) return;
      const q = new URLSearchParams();
      q.append("participant", a);
      q.append("participant", b);
      q.append("since", pt.customdata[0]);
      q.append("until", pt.customdata[1]);
      window.location.href = "/?" + q.toString() + "#events";
    });
  }

  // --- the network ---------------------------------------------------------------------
  // A small force-directed layout (Fruchterman–Reingold), deterministic: nodes start on a circle.
  function layout(nodes, edges) {
    const n = nodes.length;
    const pos = nodes.map((_, i) => [Math.cos((2 * Math.PI * i) / n), Math.sin((2 * Math.PI * i) / n)]);
    if (n < 3) return pos;
    const index = new Map(nodes.map((node, i) => [node.id, i]));
    const k = Math.sqrt(4 / n);
    let temp = 0.2;
    for (let iter = 0; iter < 150; iter++) {
      const disp = pos.map(() => [0, 0]);
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const dx = pos[i][0] - pos[j][0], dy = pos[i][1] - pos[j][1];
          const d2 = Math.max(dx * dx + dy * dy, 1e-6);
          const f = (k * k) / d2;
          disp[i][0] += dx * f; disp[i][1] += dy * f;
          disp[j][0] -= dx * f; disp[j][1] -= dy * f;
        }
      }
      edges.forEach((e) => {
        const i = index.get(e.source), j = index.get(e.target);
        const dx = pos[i][0] - pos[j][0], dy = pos[i][1] - pos[j][1];
        const d = Math.max(Math.sqrt(dx * dx + dy * dy), 1e-3);
        const f = (d / k) * (1 + Math.log(e.events));
        disp[i][0] -= (dx / d) * f * 0.1; disp[i][1] -= (dy / d) * f * 0.1;
        disp[j][0] += (dx / d) * f * 0.1; disp[j][1] += (dy / d) * f * 0.1;
      });
      for (let i = 0; i < n; i++) {
        const d = Math.max(Math.hypot(disp[i][0], disp[i][1]), 1e-9);
        const step = Math.min(d, temp);
        pos[i][0] += (disp[i][0] / d) * step;
        pos[i][1] += (disp[i][1] / d) * step;
      }
      temp *= 0.97;
    }
    return pos;
  }

  async function drawNetwork() {
    const chart = document.getElementById("network-chart");
    if (!chart) return;
    let net;
    try {
      net = await getJSON("/api/network?limit=80");
    } catch (err) {
      say("network-note", err.message);
      return;
    }
    if (!net.nodes.length) { say("network-note", "No ties between actors yet."); chart.dataset.state = "empty"; return; }
    const pos = layout(net.nodes, net.edges);
    const at = new Map(net.nodes.map((node, i) => [node.id, pos[i]]));
    const groups = new Map();
    net.edges.forEach((e) => {
      const tone = e.score === null ? "neutral" : e.score > 0 ? "cooperation" : e.score < 0 ? "conflict" : "neutral";
      const width = Math.min(1 + Math.round(Math.log2(e.events)), 6);
      const key = tone + ":" + width;
      if (!groups.has(key)) groups.set(key, { tone: tone, width: width, x: [], y: [] });
      const g = groups.get(key);
      const p = at.get(e.source), q = at.get(e.target);
      g.x.push(p[0], q[0], null); g.y.push(p[1], q[1], null);
    });
    const toneColour = { cooperation: "rgba(89,161,79,0.55)", conflict: "rgba(225,87,89,0.6)", neutral: "rgba(120,120,120,0.45)" };
    const traces = Array.from(groups.values()).map((g) => ({
      type: "scatter", mode: "lines", x: g.x, y: g.y, hoverinfo: "skip", showlegend: false,
      line: { color: toneColour[g.tone], width: g.width },
    }));
    const maxEvents = Math.max(...net.nodes.map((node) => node.events), 1);
    traces.push({
      type: "scatter", mode: "markers+text", name: "actors", showlegend: false,
      x: pos.map((p) => p[0]), y: pos.map((p) => p[1]),
      text: net.nodes.map((node) => plain(node.id)), textposition: "top center",
      customdata: net.nodes.map((node) => node.id),
      hovertext: net.nodes.map((node) => plain(node.name) + ": " + node.events + " events, " + node.degree + " partners"),
      hoverinfo: "text",
      marker: { size: net.nodes.map((node) => 8 + 22 * Math.sqrt(node.events / maxEvents)), color: "#4e79a7", opacity: 1,
                line: { color: "#fff", width: 1 } },
    });
    const axis = { visible: false, zeroline: false, showgrid: false };
    await Plotly.react(chart, traces, { margin: { l: 10, r: 10, t: 10, b: 10 }, height: 360, xaxis: axis,
                                        yaxis: axis, hovermode: "closest" }, PLOT_CONFIG);
    chart.dataset.state = "drawn";
    chart.dataset.nodes = String(net.nodes.length);
    const form = document.getElementById("timeline-form");
    if (form && !form.elements.a.value && !form.elements.b.value && net.edges.length) {
      // the page was served before the network was ready: start the timeline on its strongest tie
      form.elements.a.value = net.edges[0].source;
      form.elements.b.value = net.edges[0].target;
      drawTimeline();
    }
    say("network-note", net.nodes.length + " actors, " + net.edges.length + " of " + net.total_edges +
        " ties shown (green: cooperation, red: conflict; width: events).");
    const picked = [];
    chart.on("plotly_click", (data) => {
      const pt = data.points && data.points[0];
      if (!pt || typeof pt.customdata !== "string") return;
      picked.push(pt.customdata);
      if (picked.length === 2) {
        const form = document.getElementById("timeline-form");
        form.elements.a.value = picked[0];
        form.elements.b.value = picked[1];
        picked.length = 0;
        drawTimeline();
      } else {
        say("network-note", pt.customdata + " chosen; click a second actor for the timeline of the two.");
      }
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    wireEvents();
    const form = document.getElementById("timeline-form");
    if (form) form.addEventListener("submit", (ev) => { ev.preventDefault(); drawTimeline(); });
    if (typeof Plotly === "undefined") {
      say("timeline-note", "The charts need plotly.js, which the server could not provide.");
      return;
    }
    drawTimeline();
    drawNetwork();
  });
})();
