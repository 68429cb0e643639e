import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAdmin, type AdminServer } from '../../src/admin/index.js';
import { SqliteAuditStore } from '../../src/audit/sqlite.js';
import { allowedRecord, blockedCardRecord } from '../../src/audit/testing.js';
import { AuditTrail } from '../../src/audit/trail.js';
import { createKeysApp } from '../../src/admin/index.js';
import { createAccessHooks, type AccessHooks } from '../../src/identity/index.js';
import { createMetrics } from '../../src/telemetry/metrics.js';
import { launchChromium, SCREENSHOTS } from './console-browser.js';

const CARD = '4111 1111 1111 1111';
const DAY = 86_400_000;

let dir: string;
let trail: AuditTrail;
let admin: AdminServer;
let browser: Browser;
let page: Page;
let access: AccessHooks;
let adminKey: string;
const outside: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'airlock-console-'));
  mkdirSync(SCREENSHOTS, { recursive: true });
  trail = new AuditTrail({ store: new SqliteAuditStore(join(dir, 'audit.db')), dataDir: dir, bodyKey: Buffer.alloc(32, 9), costOf: (r) => (r.usage ? (r.usage.promptTokens * 0.15 + r.usage.completionTokens * 0.6) / 1e6 * 100 : 0) });
  await trail.start();
  const now = Date.now();
  // A few days of ordinary traffic from two keys, so the usage charts have something to draw.
  for (let d = 6; d >= 0; d--) {
    for (let i = 0; i < 3; i++) {
      trail.record(allowedRecord({ id: `bob-${d}-${i}`, time: now - d * DAY - i * 60_000 - 120_000, tokens: [400 + d * 90, 150 + i * 40] }));
      trail.record(allowedRecord({ id: `eve-${d}-${i}`, time: now - d * DAY - i * 60_000 - 90_000, tokens: [900 - d * 60, 300], identity: { keyId: 'key_eve', keyName: 'eve-notebook', user: 'eve', team: 'research', role: 'user' }, model: 'claude-3-5-haiku' }));
    }
  }
  // The gateway passes bodies already redacted when a policy asks to keep them.
  trail.record({
    ...blockedCardRecord({ id: 'req-blocked-card', card: CARD, time: now - 5_000 }),
    bodies: { request: { model: 'gpt-4o-mini', messages: [{ role: 'system', content: 'You are a billing assistant.' }, { role: 'user', content: 'please charge my card <CREDIT_CARD> today' }] } },
  });
  await trail.drain();
  access = await createAccessHooks({ config: {}, dataDir: dir, env: {} });
  adminKey = (await access.keys.create({ name: 'security-team', user: 'sec', role: 'admin' })).key;
  admin = await startAdmin({
    port: 0,
    config: () => ({ routes: [{ name: 'openai', path_prefix: '/v1', upstream: 'openai', policy: 'default', auth: 'virtual_key' }], upstreams: { openai: { url: 'https://api.openai.com', api_key: 'sk-test-secret' } }, policies: { default: { presets: ['pci'], deny_patterns: [], rules: [], input: [{ id: 'pii', action: 'block', enabled: true }], output: [] } } }),
    audit: trail,
    metrics: createMetrics({ defaults: false }),
    authenticate: (h) => access.authenticateAdmin(h),
    keys: createKeysApp({ keys: access.keys, usage: access.limiter, authenticate: (h) => access.authenticateAdmin(h) }),
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('request', (r) => {
    if (!r.url().startsWith(admin.url) && !r.url().startsWith('data:')) outside.push(r.url());
  });
});

afterAll(async () => {
  await browser?.close();
  await admin?.close();
  await trail?.close();
  await access?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('console in headless Chromium', () => {
  it('refuses a wrong key, then signs in', async () => {
    await page.goto(`${admin.url}/`);
    await page.fill('#login-key', 'alk_wrong');
    await page.click('#login-form button[type=submit]');
    await expect.poll(() => page.textContent('#login-error')).toContain('not recognised');
    await page.fill('#login-key', adminKey);
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('table.events tbody tr[data-id="req-blocked-card"]');
    expect(await page.textContent('#whoami')).toContain('security-team');
    await expect.poll(() => page.textContent('#health')).toBe('Audit store: sqlite');
  });

  it('shows the blocked request in the activity monitor and its drill-down', async () => {
    const row = page.locator('tr[data-id="req-blocked-card"]');
    expect(await row.locator('.chip').textContent()).toBe('block');
    expect(await row.textContent()).toContain('pii:CREDIT_CARD');
    await page.screenshot({ path: join(SCREENSHOTS, 'console-activity.png'), fullPage: false });
    await row.click();
    const drawer = page.locator('.drawer');
    await drawer.waitFor({ state: 'visible' });
    const text = (await drawer.textContent()) ?? '';
    expect(text).toContain('Blocked request');
    expect(text).toContain('pii:CREDIT_CARD');
    expect(text).toContain('CREDIT_CARD');
    expect(text).toContain('messages[1].content');
    expect(text).toContain('credit card number');
    expect(await drawer.locator('.masked').textContent()).toMatch(/^4\*+1$/);
    await page.screenshot({ path: join(SCREENSHOTS, 'console-drilldown.png'), fullPage: false });
    await drawer.locator('button', { hasText: 'Decrypt stored body' }).click();
    await expect.poll(async () => (await drawer.locator('pre').textContent()) ?? '').toContain('please charge my card <CREDIT_CARD> today');
    await drawer.locator('pre').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'console-drilldown-body.png'), fullPage: false });
    const body = (await page.textContent('body')) ?? '';
    expect(body.replace(/\D/g, '')).not.toContain('41111111');
  });

  it('filters the list by verdict', async () => {
    await page.selectOption('select[name=verdict]', 'block');
    await expect.poll(async () => page.locator('table.events tbody tr').count()).toBe(1);
    await page.selectOption('select[name=verdict]', '');
    await expect.poll(async () => page.locator('table.events tbody tr').count()).toBe(7);
  });

  it('draws usage charts per key', async () => {
    await page.click('nav a[data-page=usage]');
    await page.waitForSelector('svg.chart rect');
    expect(await page.locator('.legend-item').allTextContents()).toEqual(expect.arrayContaining(['key_bob', 'key_eve']));
    expect(await page.locator('.stat-value').first().textContent()).toBe('43');
    await page.screenshot({ path: join(SCREENSHOTS, 'console-usage.png'), fullPage: true });
  });

  it('shows the policy in force with secrets masked', async () => {
    await page.click('nav a[data-page=policy]');
    await page.waitForSelector('section.policy');
    const text = (await page.textContent('body')) ?? '';
    expect(text).toContain('pci');
    expect(text).not.toContain('sk-test-secret');
    await page.screenshot({ path: join(SCREENSHOTS, 'console-policy.png'), fullPage: true });
  });

  it('creates a key, shows it once, and revokes it', async () => {
    await page.click('nav a[data-page=keys]');
    await page.waitForSelector('form.form-row');
    await page.fill('input[name=name]', 'ci-pipeline');
    await page.fill('input[name=user]', 'bob');
    await page.fill('input[name=team]', 'platform');
    await page.click('form.form-row button[type=submit]');
    const shown = (await page.locator('#new-key').textContent()) ?? '';
    expect(shown).toMatch(/^alk_/);
    expect((await access.authenticate({ authorization: `Bearer ${shown}` }, 'virtual_key')).user).toBe('bob');
    const row = page.locator('tbody tr', { hasText: 'ci-pipeline' });
    await row.waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'console-keys.png'), fullPage: true });
    // Shown once: after navigating away and back, the key is nowhere on the page.
    await page.click('nav a[data-page=policy]');
    await page.click('nav a[data-page=keys]');
    await page.locator('tbody tr', { hasText: 'ci-pipeline' }).waitFor();
    expect(await page.content()).not.toContain(shown);
    page.once('dialog', (d) => void d.accept());
    await page.locator('tbody tr', { hasText: 'ci-pipeline' }).locator('button', { hasText: 'Revoke' }).click();
    await expect.poll(async () => page.locator('tbody tr', { hasText: 'ci-pipeline' }).locator('.chip', { hasText: 'revoked' }).count()).toBe(1);
    await expect(access.authenticate({ authorization: `Bearer ${shown}` }, 'virtual_key')).rejects.toThrow();
  });

  it('made no request outside the admin listener and raised no script error', () => {
    expect(outside).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
