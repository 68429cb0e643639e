/* Browser code, no build step. */
/* global document, setInterval, clearInterval */
import { api, qs } from './api.js';
import { clear, errorBox, fmtNum, fmtUsd, h } from './dom.js';
import { hbars, legend, stackedBars } from './chart.js';

const DAY = 86400e3;

function dayList(n) {
  const out = [];
  const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
  for (let i = n - 1; i >= 0; i--) out.push(new Date(today - i * DAY).toISOString().slice(0, 10));
  return out;
}

/** Usage: requests, tokens and cost per key over time, and what was blocked by which detector. */
export function renderUsage(page) {
  let days = 14;
  const body = h('div', { class: 'usage' });
  const sel = h('select', { 'aria-label': 'Period', onchange: (e) => { days = Number(e.target.value); load(); } },
    [7, 14, 30].map((d) => h('option', { value: d, selected: d === days }, `Last ${d} days`)));
  page.append(h('header', { class: 'page-head' }, h('h1', {}, 'Usage'), sel), body);

  async function load() {
    const list = dayList(days);
    let stats;
    try {
      stats = await api(`/api/stats${qs({ from: Date.parse(list[0]) })}`);
    } catch (e) {
      clear(body).append(errorBox(e));
      return;
    }
    const keys = new Map();
    for (const u of stats.usage) {
      const name = u.key_id || '(no key)';
      const k = keys.get(name) || { name, team: u.team, tokens: new Array(list.length).fill(0), cost: new Array(list.length).fill(0), requests: 0, blocked: 0, t: 0, c: 0 };
      const i = list.indexOf(u.day);
      if (i >= 0) {
        k.tokens[i] += u.prompt_tokens + u.completion_tokens;
        k.cost[i] += u.cost_usd;
      }
      k.requests += u.requests;
      k.blocked += u.blocked;
      k.t += u.prompt_tokens + u.completion_tokens;
      k.c += u.cost_usd;
      keys.set(name, k);
    }
    const series = [...keys.values()].sort((a, b) => b.t - a.t);
    const blocked = stats.by_verdict.block || 0;
    const card = (label, value, sub) => h('div', { class: 'card stat' }, h('div', { class: 'stat-label' }, label), h('div', { class: 'stat-value' }, value), sub ? h('div', { class: 'muted small' }, sub) : null);
    const det = Object.entries(stats.blocks_by_detector).sort((a, b) => b[1] - a[1]);
    clear(body).append(
      h('div', { class: 'stats' },
        card('Requests', fmtNum(stats.requests)),
        card('Blocked', fmtNum(blocked), stats.requests ? `${((blocked / stats.requests) * 100).toFixed(1)}% of requests` : null),
        card('Tokens', fmtNum(stats.prompt_tokens + stats.completion_tokens), `${fmtNum(stats.prompt_tokens)} in · ${fmtNum(stats.completion_tokens)} out`),
        card('Cost', fmtUsd(stats.cost_usd))),
      h('div', { class: 'grid2' },
        h('section', { class: 'card' }, h('h2', {}, 'Tokens per key per day'),
          stackedBars({ days: list, series: series.map((s) => ({ name: s.name, values: s.tokens })), label: 'Tokens per key per day' }),
          legend(series.map((s) => s.name))),
        h('section', { class: 'card' }, h('h2', {}, 'Cost per key per day (USD)'),
          stackedBars({ days: list, series: series.map((s) => ({ name: s.name, values: s.cost })), format: (v) => `$${+v.toFixed(v < 1 ? 3 : 2)}`, label: 'Cost per key per day' }),
          legend(series.map((s) => s.name)))),
      h('div', { class: 'grid2' },
        h('section', { class: 'card' }, h('h2', {}, 'Blocks by detector'), det.length ? hbars(det) : h('p', { class: 'muted' }, 'Nothing blocked in this period.')),
        h('section', { class: 'card table-card' }, h('h2', {}, 'Per key'),
          h('table', {},
            h('thead', {}, h('tr', {}, ['Key', 'Team', 'Requests', 'Blocked', 'Tokens', 'Cost'].map((t) => h('th', {}, t)))),
            h('tbody', {}, series.length ? series.map((s) => h('tr', {},
              h('td', { class: 'mono' }, s.name), h('td', {}, s.team || '—'), h('td', { class: 'num' }, fmtNum(s.requests)),
              h('td', { class: 'num' }, fmtNum(s.blocked)), h('td', { class: 'num' }, fmtNum(s.t)), h('td', { class: 'num' }, fmtUsd(s.c))))
              : h('tr', { class: 'empty' }, h('td', { colspan: 6 }, 'No traffic in this period.'))))),
      ),
    );
  }
  load();
  const timer = setInterval(() => { if (!document.hidden) load(); }, 15000);
  return () => clearInterval(timer);
}
