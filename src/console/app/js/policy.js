import { api } from './api.js';
import { clear, errorBox, h } from './dom.js';

function list(items, empty) {
  return items && items.length ? h('ul', { class: 'plain' }, items.map((i) => h('li', { class: 'mono' }, i))) : h('p', { class: 'muted' }, empty);
}

function stage(entries) {
  if (!entries || !entries.length) return h('p', { class: 'muted' }, 'No detectors.');
  return h('table', { class: 'compact' },
    h('thead', {}, h('tr', {}, ['Detector', 'Action', 'Enabled'].map((t) => h('th', {}, t)))),
    h('tbody', {}, entries.map((d) => h('tr', {}, h('td', { class: 'mono' }, d.id),
      h('td', {}, h('span', { class: `chip chip-action-${d.action}` }, d.action)), h('td', {}, d.enabled === false ? 'no' : 'yes')))));
}

/** The policy in force (secrets masked by the server), policy by policy, then routes. */
export function renderPolicy(page) {
  const body = h('div');
  page.append(h('header', { class: 'page-head' }, h('h1', {}, 'Policy in force')), body);
  (async () => {
    let cfg;
    try {
      cfg = await api('/api/config');
    } catch (e) {
      body.append(errorBox(e));
      return;
    }
    const policies = Object.entries(cfg.policies || {});
    clear(body).append(
      h('section', { class: 'card table-card' }, h('h2', {}, 'Routes'),
        h('table', { class: 'compact' },
          h('thead', {}, h('tr', {}, ['Name', 'Prefix', 'Upstream', 'Policy', 'Auth'].map((t) => h('th', {}, t)))),
          h('tbody', {}, (cfg.routes || []).map((r) => h('tr', {}, h('td', {}, r.name || '—'), h('td', { class: 'mono' }, r.path_prefix || '—'),
            h('td', {}, r.upstream), h('td', {}, r.policy), h('td', {}, r.auth)))))),
      ...(policies.length ? policies.map(([name, p]) => h('section', { class: 'card policy' },
        h('h2', {}, name, p.guard ? h('span', { class: 'tag' }, `judge: ${p.guard}`) : null),
        p.presets && p.presets.length ? h('p', {}, 'Presets: ', p.presets.map((x) => h('span', { class: 'tag' }, x))) : null,
        h('div', { class: 'grid2' },
          h('div', {}, h('h3', {}, 'Input detectors'), stage(p.input)),
          h('div', {}, h('h3', {}, 'Output detectors'), stage(p.output))),
        h('div', { class: 'grid2' },
          h('div', {}, h('h3', {}, 'Deny patterns'), list(p.deny_patterns, 'None.')),
          h('div', {}, h('h3', {}, 'Rules'), list((p.rules || []).map((r) => `${r.name || 'rule'} → ${r.action}: ${r.pattern}`), 'None.')))))
        : [h('p', { class: 'muted card' }, 'No policies configured.')]),
      h('details', { class: 'card' }, h('summary', {}, 'Effective configuration (secrets masked)'), h('pre', { class: 'mono raw' }, JSON.stringify(cfg, null, 2))),
    );
  })();
  return null;
}
