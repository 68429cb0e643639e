/* Browser code, no build step. */
/* global navigator, FormData, confirm */
import { api } from './api.js';
import { clear, emptyRow, errorBox, fmtTime, h } from './dom.js';

function asList(body) {
  if (Array.isArray(body)) return body;
  if (body && Array.isArray(body.data)) return body.data;
  if (body && Array.isArray(body.keys)) return body.keys;
  return [];
}

/** Virtual keys: list, create (the key is shown exactly once), revoke. */
export function renderKeys(page, me) {
  const tbody = h('tbody');
  const notice = h('div');
  const isAdmin = me.role === 'admin';
  const input = (name, label, attrs = {}) => h('label', {}, h('span', {}, label), h('input', { name, ...attrs }));
  const form = h('form', { class: 'card form-row', autocomplete: 'off', onsubmit: create },
    input('name', 'Name', { required: true, placeholder: 'ci-pipeline', maxlength: 128 }),
    input('user', 'User', { placeholder: 'alice' }),
    input('team', 'Team', { placeholder: 'payments' }),
    h('label', {}, h('span', {}, 'Role'), h('select', { name: 'role' }, ['user', 'developer', 'admin'].map((r) => h('option', { value: r }, r)))),
    input('budget', 'Budget', { placeholder: '25usd/month' }),
    input('expires', 'Expires', { placeholder: '30d' }),
    h('button', { class: 'btn primary', type: 'submit' }, 'Create key'));

  page.append(
    h('header', { class: 'page-head' }, h('h1', {}, 'Keys')),
    isAdmin ? form : h('p', { class: 'muted' }, 'Developer keys can list their own keys; creating and revoking needs an admin key.'),
    notice,
    h('div', { class: 'card table-card' }, h('table', {},
      h('thead', {}, h('tr', {}, ['Name', 'Id', 'Prefix', 'User', 'Team', 'Role', 'Created', 'Expires', 'Status', ''].map((t) => h('th', {}, t)))),
      tbody)),
  );

  async function load() {
    try {
      const keys = asList(await api('/api/keys'));
      clear(tbody);
      if (!keys.length) tbody.append(emptyRow(10, 'No keys yet.'));
      for (const k of keys) {
        const revoked = Boolean(k.revokedAt || k.revoked_at);
        const expires = k.expiresAt || k.expires_at;
        tbody.append(h('tr', { class: revoked ? 'revoked' : '' },
          h('td', {}, k.name), h('td', { class: 'mono' }, k.id), h('td', { class: 'mono' }, k.prefix ? `${k.prefix}…` : '—'),
          h('td', {}, k.user || '—'), h('td', {}, k.team || '—'), h('td', {}, h('span', { class: 'chip chip-role' }, k.role)),
          h('td', { class: 'nowrap' }, k.createdAt || k.created_at ? fmtTime(k.createdAt || k.created_at) : '—'),
          h('td', { class: 'nowrap' }, expires ? fmtTime(expires) : 'never'),
          h('td', {}, h('span', { class: `chip ${revoked ? 'chip-block' : 'chip-allow'}` }, revoked ? 'revoked' : 'active')),
          h('td', {}, isAdmin && !revoked && k.id !== me.key_id ? h('button', { class: 'btn danger small', type: 'button', onclick: () => revoke(k) }, 'Revoke') : null)));
      }
    } catch (e) {
      clear(tbody).append(h('tr', {}, h('td', { colspan: 10 }, errorBox(e))));
    }
  }

  async function create(ev) {
    ev.preventDefault();
    const data = Object.fromEntries([...new FormData(form).entries()].map(([k, v]) => [k, String(v).trim()]).filter(([, v]) => v !== ''));
    try {
      const res = await api('/api/keys', { method: 'POST', body: JSON.stringify(data) });
      form.reset();
      const key = res.key;
      const copy = h('button', { class: 'btn small', type: 'button', onclick: async () => {
        try { await navigator.clipboard.writeText(key); copy.textContent = 'Copied'; } catch { copy.textContent = 'Copy failed: select the text'; }
      } }, 'Copy');
      clear(notice).append(h('div', { class: 'card once', role: 'status' },
        h('strong', {}, 'New key — copy it now, it will not be shown again.'),
        h('div', { class: 'once-row' }, h('code', { class: 'mono secret', id: 'new-key' }, key), copy),
        h('button', { class: 'btn ghost small', type: 'button', onclick: () => clear(notice) }, 'I have stored it')));
      load();
    } catch (e) {
      clear(notice).append(errorBox(e));
    }
  }

  async function revoke(k) {
    if (!confirm(`Revoke key "${k.name}" (${k.id})? Requests with it will be refused at once.`)) return;
    try {
      await api(`/api/keys/${encodeURIComponent(k.id)}/revoke`, { method: 'POST' });
      clear(notice);
      load();
    } catch (e) {
      clear(notice).append(errorBox(e));
    }
  }

  load();
  return null;
}
