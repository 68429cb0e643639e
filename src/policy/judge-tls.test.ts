import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compilePolicy } from './index.js';
import { guard, policy, seg } from './test-helpers.js';

let server: Server;
let port = 0;
let caFile = '';

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-judge-tls-'));
  caFile = join(dir, 'cert.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=judge.airlock.test',
    '-addext', 'subjectAltName=DNS:judge.airlock.test', '-keyout', join(dir, 'key.pem'), '-out', caFile,
  ], { stdio: 'ignore' });
  server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(caFile) }, (req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: '{"result":"deny","reason":"over TLS"}' } }] }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

describe('judge over HTTPS', () => {
  it('trusts ca_file and connects through resolve, checking the certificate name', async () => {
    const g = guard({ url: `https://judge.airlock.test:${port}/v1/chat/completions`, model: 'm', ca_file: caFile, resolve: [`judge.airlock.test:${port}:127.0.0.1:${port}`] });
    const h = compilePolicy('p', policy({ guard: 'g' }), { g });
    expect((await h.inspectInput([seg('tls please')], { requestId: 'r' })).reason).toBe('over TLS');
    await h.close();
  });

  it('fails closed when the certificate is not trusted', async () => {
    const g = guard({ url: `https://judge.airlock.test:${port}/v1/chat/completions`, model: 'm', resolve: [`judge.airlock.test:${port}:127.0.0.1:${port}`] });
    const h = compilePolicy('p', policy({ guard: 'g' }), { g });
    expect(await h.inspectInput([seg('tls please')], { requestId: 'r' })).toMatchObject({ decision: 'block', code: 'AIRLOCK_ERR_GUARD_UNAVAILABLE' });
    await h.close();
  });
});
