/* Browser code, no build step. */
/* global document, Node */
/**
 * Tiny DOM helpers. Every value from the API goes in as a text node or attribute, never as HTML:
 * event fields carry client-controlled strings (paths, models, reasons).
 */
export function h(tag, attrs, ...children) {
  const svg = tag.startsWith('svg:');
  const el = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.setAttribute('class', v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

export function chip(verdict) {
  return h('span', { class: `chip chip-${verdict}` }, verdict);
}

export function fmtTime(ms) {
  const d = new Date(ms);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Today's times without the date (the list stays narrow); older ones in full. */
export function fmtShortTime(ms) {
  const full = fmtTime(ms);
  return full.slice(0, 10) === fmtTime(Date.now()).slice(0, 10) ? full.slice(11) : full;
}

export function fmtMs(n) {
  if (!n) return '0 ms';
  return n < 10 ? `${n.toFixed(1)} ms` : `${Math.round(n).toLocaleString()} ms`;
}

export function fmtNum(n) {
  return Number(n || 0).toLocaleString();
}

export function fmtUsd(n) {
  const v = Number(n || 0);
  return v === 0 ? '$0' : v < 0.01 ? `$${v.toFixed(4)}` : `$${v.toFixed(2)}`;
}

export function emptyRow(cols, text) {
  return h('tr', { class: 'empty' }, h('td', { colspan: cols }, text));
}

export function errorBox(err) {
  return h('div', { class: 'error-box', role: 'alert' }, err && err.message ? err.message : String(err));
}
