import { h } from './dom.js';

/** Colours for series; chosen to stay distinguishable on white and for common colour blindness. */
export const PALETTE = ['#2563eb', '#f59e0b', '#10b981', '#ef4444', '#8b5cf6', '#0ea5e9', '#84cc16', '#ec4899', '#64748b', '#14b8a6'];

function niceMax(v) {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function short(n) {
  if (n >= 1e9) return `${+(n / 1e9).toFixed(1)}B`;
  if (n >= 1e6) return `${+(n / 1e6).toFixed(1)}M`;
  if (n >= 1e3) return `${+(n / 1e3).toFixed(1)}k`;
  return `${+n.toFixed(n < 1 ? 3 : 1)}`;
}

/**
 * A stacked bar chart in inline SVG. `days` are x labels; `series` = [{ name, values[] }].
 * Each bar segment has a <title> so hovering shows the exact value.
 */
export function stackedBars({ days, series, format = short, height = 220, label }) {
  const W = Math.max(360, days.length * 46 + 60);
  const H = height;
  const pad = { l: 48, r: 12, t: 12, b: 28 };
  const totals = days.map((_, i) => series.reduce((s, x) => s + (x.values[i] || 0), 0));
  const max = niceMax(Math.max(0, ...totals));
  const plotW = W - pad.l - pad.r;
  const plotH = H - pad.t - pad.b;
  const bw = Math.min(34, (plotW / Math.max(1, days.length)) * 0.7);
  const svg = h('svg:svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': label });
  for (let g = 0; g <= 4; g++) {
    const y = pad.t + plotH - (plotH * g) / 4;
    svg.append(h('svg:line', { x1: pad.l, x2: W - pad.r, y1: y, y2: y, class: 'grid' }));
    svg.append(h('svg:text', { x: pad.l - 6, y: y + 4, class: 'axis', 'text-anchor': 'end' }, format((max * g) / 4)));
  }
  days.forEach((d, i) => {
    const cx = pad.l + (plotW / days.length) * (i + 0.5);
    let y = pad.t + plotH;
    series.forEach((s, si) => {
      const v = s.values[i] || 0;
      if (v <= 0) return;
      const bh = (v / max) * plotH;
      y -= bh;
      svg.append(h('svg:rect', { x: cx - bw / 2, y, width: bw, height: Math.max(bh, 0.5), rx: 2, fill: PALETTE[si % PALETTE.length] },
        h('svg:title', {}, `${s.name} · ${d}: ${format(v)}`)));
    });
    svg.append(h('svg:text', { x: cx, y: H - 8, class: 'axis', 'text-anchor': 'middle' }, d.slice(5)));
  });
  return svg;
}

export function legend(names) {
  return h('div', { class: 'legend' }, names.map((n, i) => {
    const sw = h('span', { class: 'swatch' });
    sw.style.background = PALETTE[i % PALETTE.length];
    return h('span', { class: 'legend-item' }, sw, n);
  }));
}

/** Horizontal bars for a small category → count map (blocks by detector). */
export function hbars(entries, format = short) {
  const max = Math.max(1, ...entries.map(([, v]) => v));
  return h('div', { class: 'bars' }, entries.map(([k, v], i) => {
    const fill = h('div', { class: 'bar-fill' });
    fill.style.width = `${(v / max) * 100}%`;
    fill.style.background = PALETTE[i % PALETTE.length];
    return h('div', { class: 'bar-row' }, h('span', { class: 'bar-label' }, k), h('div', { class: 'bar' }, fill), h('span', { class: 'mono bar-val' }, format(v)));
  }));
}
