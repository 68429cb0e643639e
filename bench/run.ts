/**
 * `npm run bench`: Airlock against nginx as a bare HTTP→HTTPS pass-through, same run, same mock
 * provider. The proxy under test is pinned to CPU 0; wrk, the mock provider and this script to
 * CPU 1. Prints req/s, p50/p99, proxy CPU time per request and Airlock's ratios to nginx, then
 * runs the other bench sections (streaming, limits) when present.
 */
import { execFileSync, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestCa } from '../test/helpers/tls.js';
import { cpuSeconds, freePort, median, percentile, startPinned, streamTtfb, wrk, type WrkResult } from './lib.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const STREAMS = Number(process.env.BENCH_STREAMS ?? 200);

execFileSync('taskset', ['-cp', '1', String(process.pid)], { stdio: 'ignore' });
const dir = mkdtempSync(join(tmpdir(), 'airlock-bench-'));
const ca = createTestCa(['api.openai.com', '127.0.0.1', 'localhost']);
writeFileSync(join(dir, 'cert.pem'), ca.certPem);
writeFileSync(join(dir, 'key.pem'), ca.keyPem);

function prompt(bytes: number): string {
  const words = 'the quick brown fox jumps over a lazy dog while our team drafts the quarterly report '.split(' ');
  let s = '';
  for (let i = 0; s.length < bytes; i++) s += `${words[i % words.length]} `;
  return s.slice(0, bytes);
}
function chatBody(bytes: number, stream = false): string {
  return JSON.stringify({ model: 'gpt-4o-mini', stream, messages: [{ role: 'system', content: 'You are helpful.' }, { role: 'user', content: prompt(bytes) }] });
}
function luaFor(body: string): string {
  const f = join(dir, `post-${body.length}.lua`);
  writeFileSync(f, `wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = ${JSON.stringify(body)}\n`);
  return f;
}

const children: ChildProcess[] = [];
process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));

const upPort = await freePort();
children.push(await startPinned(1, process.execPath, ['--import', 'tsx', 'bench/upstream.ts', String(upPort), join(dir, 'cert.pem'), join(dir, 'key.pem')]));

// nginx: one worker, upstream keep-alive, TLS verified against the test CA, no access log.
const nginxPort = await freePort();
writeFileSync(
  join(dir, 'nginx.conf'),
  `worker_processes 1;
master_process off;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/cbt; proxy_temp_path ${dir}/pt; fastcgi_temp_path ${dir}/ft; uwsgi_temp_path ${dir}/ut; scgi_temp_path ${dir}/st;
  client_max_body_size 10m;
  client_body_buffer_size 1m;
  upstream provider { server 127.0.0.1:${upPort}; keepalive 64; }
  server {
    listen 127.0.0.1:${nginxPort};
    location = /healthz { return 200 "ok"; }
    location / {
      proxy_pass https://provider;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host api.openai.com;
      proxy_set_header Authorization "Bearer sk-bench-provider-key";
      proxy_ssl_server_name on;
      proxy_ssl_name api.openai.com;
      proxy_ssl_verify on;
      proxy_ssl_trusted_certificate ${ca.caFile};
      proxy_ssl_session_reuse on;
      proxy_buffering off;
    }
  }
}
`,
);
const nginx = await startPinned(0, 'nginx', ['-c', join(dir, 'nginx.conf'), '-p', dir], nginxPort);
children.push(nginx);

// Airlock with the ASM tutorial's rules (key injection, deny pattern), HTTPS upstream via --resolve.
const alPort = await freePort();
writeFileSync(
  join(dir, 'airlock.yaml'),
  `server:
  port: ${alPort}
  admin_port: 0
  host: 127.0.0.1
  log_level: warn
  data_dir: ${dir}/data
upstreams:
  openai:
    url: https://api.openai.com
    api_key: sk-bench-provider-key
    resolve: ["api.openai.com:443:127.0.0.1:${upPort}"]
    ca_file: ${ca.caFile}
routes:
  - upstream: openai
    path_prefix: /
policies:
  default:
    deny_patterns: [".*账号.*"]
`,
);
const airlock = await startPinned(0, process.execPath, ['bin/airlock', 'serve', '--config', join(dir, 'airlock.yaml')], alPort);
children.push(airlock);

interface Row extends WrkResult {
  name: string;
  cpuUs: number;
}
async function measure(name: string, pid: number, port: number, lua: string): Promise<Row> {
  wrk(1, `http://127.0.0.1:${port}/v1/chat/completions`, lua, 2, CONNECTIONS); // warm-up
  const c0 = cpuSeconds(pid);
  const r = wrk(1, `http://127.0.0.1:${port}/v1/chat/completions`, lua, SECONDS, CONNECTIONS);
  const c1 = cpuSeconds(pid);
  return { name, ...r, cpuUs: ((c1 - c0) / r.requests) * 1e6 };
}

const fmt = (n: number, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
const lines: string[] = [];
lines.push(`| case | proxy | req/s | p50 ms | p99 ms | CPU µs/req | errors | req/s vs nginx | p50 Δ ms |`);
lines.push(`|---|---|---:|---:|---:|---:|---:|---:|---:|`);
for (const size of [1024, 50 * 1024]) {
  const lua = luaFor(chatBody(size));
  const n = await measure('nginx', nginx.pid as number, nginxPort, lua);
  const a = await measure('airlock', airlock.pid as number, alPort, lua);
  const label = size === 1024 ? '1 KB' : '50 KB';
  lines.push(`| ${label} | nginx | ${fmt(n.rps, 0)} | ${fmt(n.p50)} | ${fmt(n.p99)} | ${fmt(n.cpuUs, 0)} | ${n.errors} | 1.00 | 0 |`);
  lines.push(`| ${label} | airlock | ${fmt(a.rps, 0)} | ${fmt(a.p50)} | ${fmt(a.p99)} | ${fmt(a.cpuUs, 0)} | ${a.errors} | ${fmt(a.rps / n.rps)} | ${fmt(a.p50 - n.p50)} |`);
}

const sbody = chatBody(1024, true);
await streamTtfb(`http://127.0.0.1:${nginxPort}/v1/chat/completions`, sbody, 20);
await streamTtfb(`http://127.0.0.1:${alPort}/v1/chat/completions`, sbody, 20);
const tn = await streamTtfb(`http://127.0.0.1:${nginxPort}/v1/chat/completions`, sbody, STREAMS);
const ta = await streamTtfb(`http://127.0.0.1:${alPort}/v1/chat/completions`, sbody, STREAMS);
lines.push('');
lines.push(`| streaming TTFB (${STREAMS} sequential) | p50 ms | p99 ms |`);
lines.push(`|---|---:|---:|`);
lines.push(`| nginx | ${fmt(median(tn))} | ${fmt(percentile(tn, 99))} |`);
lines.push(`| airlock | ${fmt(median(ta))} | ${fmt(percentile(ta, 99))} |`);
lines.push(`| airlock − nginx | ${fmt(median(ta) - median(tn))} | ${fmt(percentile(ta, 99) - percentile(tn, 99))} |`);

console.log(`\nGateway benchmark (${SECONDS}s per case, ${CONNECTIONS} connections, wrk on CPU 1, proxy on CPU 0)\n`);
console.log(lines.join('\n'));
for (const c of children) c.kill('SIGTERM');
ca.cleanup();

// Further sections, each its own process so their servers don't share this one's state.
for (const section of ['bench/stream.ts', 'bench/limits.ts']) {
  if (!existsSync(section)) continue;
  console.log(`\n== ${section} ==`);
  spawnSync(process.execPath, ['--import', 'tsx', section], { stdio: 'inherit' });
}
