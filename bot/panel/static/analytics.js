// The analytics page: figures from /panel/api/analytics drawn as plain SVG (no CDN, no library).
"use strict";
(function () {
  var SVG = "http://www.w3.org/2000/svg";
  var COLORS = ["#2f6fde", "#e0803a", "#3a9d5d", "#9b59b6", "#c0392b", "#7f8c8d"];

  function el(name, attrs, text) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function percent(rate) { return Math.round(rate * 1000) / 10 + "%"; }

  // Horizontal bars: one per [label, value].
  function bars(svg, pairs) {
    svg.textContent = "";
    var width = 640, row = 26, max = Math.max.apply(null, pairs.map(function (p) { return p[1]; }).concat([1]));
    svg.setAttribute("viewBox", "0 0 " + width + " " + Math.max(row, pairs.length * row));
    svg.setAttribute("height", Math.max(row, pairs.length * row));
    pairs.forEach(function (pair, i) {
      var w = Math.max(2, (width - 260) * pair[1] / max);
      var bar = el("rect", {x: 200, y: i * row + 4, width: w, height: row - 8, fill: COLORS[0], "class": "bar"});
      bar.appendChild(el("title", {}, pair[0] + ": " + pair[1]));
      svg.appendChild(el("text", {x: 192, y: i * row + row / 2 + 4, "text-anchor": "end"}, pair[0]));
      svg.appendChild(bar);
      svg.appendChild(el("text", {x: 206 + w, y: i * row + row / 2 + 4, "class": "value"}, String(pair[1])));
    });
  }

  // Vertical stacked bars: one column per day, one colour per channel.
  function stacked(svg, legend, days) {
    svg.textContent = ""; legend.textContent = "";
    var channels = [];
    days.forEach(function (d) { Object.keys(d.channels).forEach(function (c) { if (channels.indexOf(c) < 0) channels.push(c); }); });
    var height = 180, col = 36, width = Math.max(320, days.length * col + 40);
    var max = Math.max.apply(null, days.map(function (d) {
      return Object.keys(d.channels).reduce(function (s, c) { return s + d.channels[c]; }, 0); }).concat([1]));
    svg.setAttribute("viewBox", "0 0 " + width + " " + (height + 30));
    svg.setAttribute("height", height + 30);
    days.forEach(function (d, i) {
      var top = height;
      channels.forEach(function (c, k) {
        var n = d.channels[c] || 0; if (!n) return;
        var h = height * n / max; top -= h;
        var rect = el("rect", {x: 20 + i * col, y: top, width: col - 8, height: h, fill: COLORS[k % COLORS.length],
                               "class": "bar", "data-day": d.day, "data-channel": c, "data-count": n});
        rect.appendChild(el("title", {}, d.day + " " + c + ": " + n));
        svg.appendChild(rect);
      });
      svg.appendChild(el("text", {x: 20 + i * col, y: height + 18, "class": "day"}, d.day.slice(5)));
    });
    channels.forEach(function (c, k) {
      var item = document.createElement("li");
      item.style.borderLeft = "12px solid " + COLORS[k % COLORS.length];
      item.textContent = c;
      legend.appendChild(item);
    });
  }

  function show(data) {
    document.getElementById("kpi-conversations").textContent = data.conversations;
    document.getElementById("kpi-resolution").textContent = percent(data.resolution_rate);
    document.getElementById("kpi-handoff").textContent = percent(data.handoff_rate);
    document.getElementById("kpi-csat").textContent = data.feedback.up + data.feedback.down
      ? percent(data.feedback.csat) + " of " + (data.feedback.up + data.feedback.down) : "no ratings";
    stacked(document.getElementById("per-day"), document.getElementById("per-day-legend"), data.per_day);
    bars(document.getElementById("handoff-reasons"), Object.keys(data.handoff_reasons).map(function (k) {
      return [k, data.handoff_reasons[k]]; }));
    bars(document.getElementById("top-intents"), data.top_intents.map(function (t) { return [t.intent, t.count]; }));
    var body = document.querySelector("#gaps tbody");
    body.textContent = "";
    data.knowledge_gaps.forEach(function (gap) {
      var tr = document.createElement("tr");
      [gap.question, String(gap.count), gap.examples.join(" · ")].forEach(function (text) {
        var td = document.createElement("td"); td.textContent = text; tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    document.getElementById("status").textContent = "Updated " + new Date().toLocaleTimeString();
  }

  fetch("/panel/api/analytics", {credentials: "same-origin"}).then(function (response) {
    if (response.status === 401) { window.location.href = "/panel"; return null; }
    if (!response.ok) throw new Error("HTTP " + response.status);
    return response.json();
  }).then(function (data) { if (data) show(data); }).catch(function (error) {
    document.getElementById("status").textContent = "Could not load the figures: " + error.message;
  });
})();
