/* Browser code, no build step. */
/* global document, setInterval, clearInterval */
import { api, qs } from './api.js';
import { chip, clear, emptyRow, errorBox, fmtMs, fmtNum, fmtShortTime, fmtTime, fmtUsd, h } from './dom.js';

const RANGES = { '15m': 15 * 60e3, '1h': 3600e3, '24h': 86400e3, '7d': 7 * 86400e3, '30d': 30 * 86400e3, all: 0 };
const POLL_MS = 2000;

/** The activity monitor: a live list of requests with filters and a verdict drill-down. */
export function renderActivity(page) {
  const state = { verdict: '', detector: '', user: '', key: '', model: '', range: '24h', live: true, next: null, selected: null };
  const f = (name, placeholder) =>
    h('input', { type: 'search', name, placeholder, 'aria-label': placeholder, oninput: (e) => { state[name] = e.target.value.trim(); reload(); } });
  const verdictSel = h('select', { name: 'verdict', 'aria-label': 'Verdict', onchange: (e) => { state.verdict = e.target.value; reload(); } },
    ['', 'block', 'modify', 'allow', 'error'].map((v) => h('option', { value: v }, v || 'Any verdict')));
  const rangeSel = h('select', { name: 'range', 'aria-label': 'Time range', onchange: (e) => { state.range = e.target.value; reload(); } },
    Object.keys(RANGES).map((r) => h('option', { value: r, selected: r === state.range }, r === 'all' ? 'All time' : `Last ${r}`)));
  const live = h('input', { type: 'checkbox', checked: true, onchange: (e) => { state.live = e.target.checked; } });
  const tbody = h('tbody');
  const more = h('button', { class: 'btn ghost', type: 'button', onclick: () => load(true) }, 'Load older');
  const foot = h('div', { class: 'table-foot', hidden: true }, more);
  const status = h('span', { class: 'muted small' });
  const detail = h('aside', { class: 'drawer', hidden: true, 'aria-label': 'Request details' });

  page.append(
    h('header', { class: 'page-head' },
      h('h1', {}, 'Activity'),
      h('label', { class: 'live' }, live, h('span', { class: 'pulse', 'aria-hidden': 'true' }), 'Live'),
    ),
    h('div', { class: 'filters' }, rangeSel, verdictSel, f('detector', 'Detector'), f('user', 'User'), f('key', 'Key id'), f('model', 'Model'), status),
    h('div', { class: 'split' },
      h('div', { class: 'card table-card' },
        h('table', { class: 'events' },
          h('thead', {}, h('tr', {}, ['Time', 'Verdict', 'Who', 'Model', 'Findings', 'Status', 'Latency'].map((t) => h('th', {}, t)))),
          tbody),
        foot),
      detail),
  );

  let seq = 0;
  function params(cursor) {
    const span = RANGES[state.range];
    return qs({ verdict: state.verdict, detector: state.detector, user: state.user, key: state.key, model: state.model,
      from: span ? Date.now() - span : undefined, limit: 50, cursor });
  }

  async function load(older) {
    const mine = ++seq;
    try {
      const res = await api(`/api/events${params(older ? state.next : undefined)}`);
      if (mine !== seq) return;
      if (!older) clear(tbody);
      for (const ev of res.events) tbody.append(row(ev));
      if (!tbody.children.length) tbody.append(emptyRow(7, 'No requests match these filters yet.'));
      state.next = res.next || null;
      foot.hidden = !state.next;
      status.textContent = `Updated ${new Date().toLocaleTimeString()}`;
    } catch (e) {
      if (mine === seq) clear(tbody).append(h('tr', {}, h('td', { colspan: 7 }, errorBox(e))));
    }
  }

  function reload() {
    state.next = null;
    load(false);
  }

  function row(ev) {
    const who = ev.kind === 'admin' ? 'admin action' : ev.user || ev.key_name || ev.key_id || 'anonymous';
    const findings = ev.findings.length
      ? ev.findings.slice(0, 3).map((x) => h('span', { class: 'tag' }, `${x.detector}:${x.type}`))
      : h('span', { class: 'muted' }, ev.kind === 'admin' && ev.admin ? ev.admin.action : '—');
    const tr = h('tr', { tabindex: 0, class: `v-${ev.verdict}${ev.id === state.selected ? ' selected' : ''}`, dataset: { id: ev.id },
      onclick: () => open(ev), onkeydown: (k) => { if (k.key === 'Enter') open(ev); } },
      h('td', { class: 'mono nowrap', title: fmtTime(ev.time) }, fmtShortTime(ev.time)),
      h('td', {}, chip(ev.verdict)),
      h('td', {}, h('div', {}, who), ev.team ? h('div', { class: 'muted small' }, ev.team) : null),
      h('td', { class: 'mono nowrap' }, ev.model || '—'),
      h('td', {}, h('div', { class: 'tags' }, findings, ev.findings.length > 3 ? h('span', { class: 'muted' }, ` +${ev.findings.length - 3}`) : null)),
      h('td', { class: 'mono' }, String(ev.status)),
      h('td', { class: 'mono nowrap' }, fmtMs(ev.timings.total_ms)));
    return tr;
  }

  function open(ev) {
    state.selected = ev.id;
    for (const tr of tbody.querySelectorAll('tr')) tr.classList.toggle('selected', tr.dataset.id === ev.id);
    detail.hidden = false;
    clear(detail).append(drilldown(ev, () => { detail.hidden = true; state.selected = null; for (const tr of tbody.querySelectorAll('tr.selected')) tr.classList.remove('selected'); }));
  }

  reload();
  const timer = setInterval(() => { if (state.live && !state.next && !document.hidden) load(false); }, POLL_MS);
  return () => clearInterval(timer);
}

function kv(label, value, cls) {
  return [h('dt', {}, label), h('dd', { class: cls }, value === undefined || value === null || value === '' ? '—' : value)];
}

/** One request explained: which rule, which entity, the masked text, where it sat, why, how long. */
export function drilldown(ev, onClose) {
  const t = ev.timings;
  const max = Math.max(t.total_ms, t.detectors_ms + t.judge_ms + t.upstream_ms, 0.001);
  const bar = (label, v, cls) => {
    const fill = h('div', { class: `bar-fill ${cls}` });
    fill.style.width = `${Math.max(0.5, (v / max) * 100)}%`;
    return h('div', { class: 'bar-row' }, h('span', { class: 'bar-label' }, label), h('div', { class: 'bar' }, fill), h('span', { class: 'mono bar-val' }, fmtMs(v)));
  };
  return h('div', { class: 'drill' },
    h('div', { class: 'drill-head' },
      h('div', {}, chip(ev.verdict), ev.stage ? h('span', { class: 'muted' }, ` on ${ev.stage}`) : null),
      h('button', { class: 'btn ghost small', type: 'button', onclick: onClose, 'aria-label': 'Close details' }, '✕')),
    h('h2', {}, ev.verdict === 'block' ? 'Blocked request' : ev.verdict === 'modify' ? 'Modified request' : ev.kind === 'admin' ? 'Admin action' : 'Request'),
    ev.reason ? h('p', { class: 'reason' }, ev.reason) : null,
    h('dl', { class: 'kv' },
      kv('Rule', ev.rule, 'mono'),
      kv('Request id', ev.id, 'mono'),
      kv('Time', fmtTime(ev.time)),
      kv('Route', `${ev.method} ${ev.path}`, 'mono'),
      kv('Upstream', ev.upstream),
      kv('Model', ev.model, 'mono'),
      kv('Key', ev.key_name ? `${ev.key_name} (${ev.key_id})` : ev.key_id, 'mono'),
      kv('User / team', [ev.user, ev.team].filter(Boolean).join(' · ')),
      kv('Status', ev.error_code ? `${ev.status} · ${ev.error_code}` : String(ev.status), 'mono'),
      kv('Tokens', `${fmtNum(ev.prompt_tokens)} in · ${fmtNum(ev.completion_tokens)} out`),
      kv('Cost', fmtUsd(ev.cost_usd)),
      ev.admin ? kv('Action', `${ev.admin.action} · ${ev.admin.count ?? 0} event(s) · by ${ev.admin.actor || 'unknown'}`) : null),
    h('h3', {}, `Findings (${ev.findings.length})`),
    ev.findings.length
      ? h('div', { class: 'findings' }, ev.findings.map((f) =>
        h('div', { class: `finding action-${f.action}` },
          h('div', { class: 'finding-head' },
            h('span', { class: 'entity' }, f.type),
            h('span', { class: 'muted' }, ` · ${f.detector}`),
            h('span', { class: `chip chip-action-${f.action}` }, f.action)),
          h('div', { class: 'masked mono', title: 'Masked preview: the value itself is never stored' }, f.preview || '∅'),
          h('dl', { class: 'kv small' },
            kv('Where', f.path, 'mono'),
            kv('Why', f.reason),
            kv('Score', Number(f.score).toFixed(2), 'mono'),
            kv('Hash', f.hash, 'mono muted')))))
      : h('p', { class: 'muted' }, 'No findings.'),
    ev.has_body ? storedBody(ev) : null,
    h('h3', {}, 'Timings'),
    h('div', { class: 'bars' },
      bar('Detectors', t.detectors_ms, 'c-det'),
      bar('Judge', t.judge_ms, 'c-judge'),
      bar('Upstream', t.upstream_ms, 'c-up'),
      bar('Total', t.total_ms, 'c-total')),
  );
}

/** Bodies are kept only when a policy asks, sealed; opening one is an admin action. */
function storedBody(ev) {
  const out = h('div');
  const btn = h('button', { class: 'btn small', type: 'button', onclick: async () => {
    btn.disabled = true;
    try {
      const b = await api(`/api/events/${encodeURIComponent(ev.id)}/body`);
      clear(out).append(h('pre', { class: 'mono raw' }, JSON.stringify(b, null, 2)));
    } catch (e) {
      clear(out).append(errorBox(e));
      btn.disabled = false;
    }
  } }, 'Decrypt stored body');
  return [h('h3', {}, 'Stored body (redacted, encrypted)'), h('div', { class: 'once-row' }, btn), out];
}
