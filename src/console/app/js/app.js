/* Browser code, no build step. */
/* global document, window, location */
import { api, clearKey, getKey, setKey } from './api.js';
import { clear, errorBox, h } from './dom.js';
import { renderActivity } from './activity.js';
import { renderUsage } from './usage.js';
import { renderKeys } from './keys.js';
import { renderPolicy } from './policy.js';

const PAGES = { activity: renderActivity, usage: renderUsage, keys: renderKeys, policy: renderPolicy };
const $ = (id) => document.getElementById(id);
let me = null;
/** Each page returns a cleanup function (stops polling) called when navigating away. */
let cleanup = null;

function showLogin(message) {
  $('shell').hidden = true;
  $('login').hidden = false;
  const err = $('login-error');
  err.hidden = !message;
  err.textContent = message || '';
  $('login-key').focus();
}

async function signIn(key) {
  setKey(key);
  try {
    me = await api('/api/whoami');
  } catch (e) {
    clearKey();
    showLogin(e.status === 403 ? 'This key has the user role: the console needs an admin or developer key.' : e.status === 401 ? 'That key was not recognised.' : e.message);
    return;
  }
  $('login').hidden = true;
  $('shell').hidden = false;
  $('whoami').replaceChildren(
    h('div', { class: 'who-name' }, me.key_name || me.user || me.key_id || 'signed in'),
    h('div', {}, h('span', { class: `chip chip-role` }, me.role), me.team ? ` · ${me.team}` : ''),
  );
  route();
}

/** The audit store's state in the sidebar: a degraded store (spilling to disk) should be seen. */
async function showHealth() {
  const el = $('health');
  try {
    const hl = await api('/api/health');
    const a = hl.audit;
    el.replaceChildren(h('span', { class: `dot ${hl.status === 'ok' ? 'ok' : 'bad'}` }),
      a ? (a.ok ? `Audit store: ${a.store}` : `Audit store down — ${a.spill_bytes.toLocaleString()} bytes spilled`) : 'Audit trail off');
  } catch {
    el.replaceChildren();
  }
}

function route() {
  if (!me) return;
  showHealth();
  const name = (location.hash.replace(/^#\/?/, '').split('?')[0] || 'activity');
  const render = PAGES[name] || renderActivity;
  for (const a of document.querySelectorAll('nav a')) a.classList.toggle('active', a.dataset.page === name);
  if (cleanup) cleanup();
  cleanup = null;
  const page = clear($('page'));
  try {
    cleanup = render(page, me) || null;
  } catch (e) {
    page.append(errorBox(e));
  }
}

$('login-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const key = $('login-key').value.trim();
  $('login-key').value = '';
  if (key) signIn(key);
});
$('logout').addEventListener('click', () => {
  clearKey();
  me = null;
  if (cleanup) cleanup();
  showLogin();
});
window.addEventListener('hashchange', route);
window.addEventListener('airlock:unauthorized', () => {
  clearKey();
  me = null;
  if (cleanup) cleanup();
  showLogin('Your key is no longer valid. Sign in again.');
});

const saved = getKey();
if (saved) signIn(saved);
else showLogin();
