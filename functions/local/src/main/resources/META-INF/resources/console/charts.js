// Small SVG charts for the console: a line chart of series over batches and a stacked bar chart
// of counts per batch. Every data point is an SVG element of class "point" (tests count them).
"use strict";

const Charts = (() => {
  const NS = "http://www.w3.org/2000/svg";
  const WIDTH = 360, HEIGHT = 200, LEFT = 44, RIGHT = 10, TOP = 10, BOTTOM = 28;
  const COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
    "#7f7f7f", "#bcbd22", "#17becf"];

  function el(name, attributes, parent) {
    const node = document.createElementNS(NS, name);
    for (const [key, value] of Object.entries(attributes)) {
      node.setAttribute(key, String(value));
    }
    if (parent) parent.appendChild(node);
    return node;
  }

  function svg(figure) {
    figure.querySelectorAll("svg, p.empty, div.legend").forEach(n => n.remove());
    return el("svg", { width: WIDTH, height: HEIGHT, viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
      role: "img" }, figure);
  }

  function empty(figure, text) {
    figure.querySelectorAll("svg, p.empty, div.legend").forEach(n => n.remove());
    const p = document.createElement("p");
    p.className = "empty";
    p.textContent = text;
    figure.appendChild(p);
  }

  function axes(root, maxY, labels, format) {
    const bottom = HEIGHT - BOTTOM;
    el("line", { x1: LEFT, y1: TOP, x2: LEFT, y2: bottom, stroke: "#444" }, root);
    el("line", { x1: LEFT, y1: bottom, x2: WIDTH - RIGHT, y2: bottom, stroke: "#444" }, root);
    for (const fraction of [0, 0.5, 1]) {
      const y = bottom - fraction * (bottom - TOP);
      el("line", { x1: LEFT - 3, y1: y, x2: WIDTH - RIGHT, y2: y, stroke: "#e1e4e8" }, root);
      const text = el("text", { x: LEFT - 5, y: y + 4, "text-anchor": "end", "font-size": 10 },
        root);
      text.textContent = format(maxY * fraction);
    }
    const step = Math.max(1, Math.ceil(labels.length / 6));
    labels.forEach((label, i) => {
      if (i % step !== 0) return;
      const text = el("text", { x: xOf(i, labels.length), y: HEIGHT - 10, "text-anchor": "middle",
        "font-size": 10 }, root);
      text.textContent = label;
    });
  }

  function xOf(i, n) {
    const span = WIDTH - LEFT - RIGHT - 20;
    return LEFT + 10 + (n <= 1 ? span / 2 : (i * span) / (n - 1));
  }

  function yOf(value, maxY) {
    const bottom = HEIGHT - BOTTOM;
    return bottom - (maxY === 0 ? 0 : (value / maxY) * (bottom - TOP));
  }

  function legend(figure, names) {
    const div = document.createElement("div");
    div.className = "legend";
    names.forEach((name, i) => {
      const span = document.createElement("span");
      span.style.color = COLOURS[i % COLOURS.length];
      span.textContent = "\u25A0 " + name + "  ";
      div.appendChild(span);
    });
    figure.appendChild(div);
  }

  /** series: [{name, values: [number|null per label]}]. */
  function line(figure, labels, series, format, emptyText) {
    const present = series.filter(s => s.values.some(v => v !== null && v !== undefined));
    if (labels.length === 0 || present.length === 0) {
      empty(figure, emptyText);
      return;
    }
    const maxY = Math.max(...present.flatMap(s => s.values.filter(v => v != null)), 0) || 1;
    const root = svg(figure);
    axes(root, maxY, labels, format);
    present.forEach((s, index) => {
      const colour = COLOURS[index % COLOURS.length];
      const points = [];
      s.values.forEach((v, i) => {
        if (v === null || v === undefined) return;
        points.push(`${xOf(i, labels.length)},${yOf(v, maxY)}`);
      });
      el("polyline", { points: points.join(" "), fill: "none", stroke: colour,
        "stroke-width": 2 }, root);
      s.values.forEach((v, i) => {
        if (v === null || v === undefined) return;
        const dot = el("circle", { cx: xOf(i, labels.length), cy: yOf(v, maxY), r: 4,
          fill: colour, class: "point", "data-series": s.name, "data-value": v }, root);
        el("title", {}, dot).textContent = `${s.name} ${labels[i]}: ${format(v)}`;
      });
    });
    legend(figure, present.map(s => s.name));
  }

  /** stacks: [{name, colour, values: [count per label]}]. */
  function bars(figure, labels, stacks, emptyText) {
    const totals = labels.map((_, i) => stacks.reduce((sum, s) => sum + (s.values[i] || 0), 0));
    if (labels.length === 0 || totals.every(t => t === 0)) {
      empty(figure, emptyText);
      return;
    }
    const maxY = Math.max(...totals);
    const root = svg(figure);
    axes(root, maxY, labels, v => String(Math.round(v)));
    const width = Math.max(6, Math.min(28, (WIDTH - LEFT - RIGHT) / labels.length - 6));
    labels.forEach((label, i) => {
      let base = 0;
      stacks.forEach(s => {
        const value = s.values[i] || 0;
        if (value === 0) return;
        const top = yOf(base + value, maxY);
        const rect = el("rect", { x: xOf(i, labels.length) - width / 2, y: top, width,
          height: yOf(base, maxY) - top, fill: s.colour, class: "point", "data-series": s.name,
          "data-value": value }, root);
        el("title", {}, rect).textContent = `${label}: ${value} ${s.name}`;
        base += value;
      });
    });
    const div = document.createElement("div");
    div.className = "legend";
    stacks.forEach(s => {
      const span = document.createElement("span");
      span.style.color = s.colour;
      span.textContent = "\u25A0 " + s.name + "  ";
      div.appendChild(span);
    });
    figure.appendChild(div);
  }

  return { line, bars, empty };
})();
