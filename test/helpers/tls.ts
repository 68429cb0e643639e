import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throw-away CA and a server certificate signed by it, generated with the openssl CLI. */
export interface TestCa {
  readonly dir: string;
  /** Path of the CA certificate (PEM): pass it as `ca_file` / `--ca-file`. */
  readonly caFile: string;
  readonly caPem: string;
  readonly certPem: string;
  readonly keyPem: string;
  /** Remove the temp dir. */
  cleanup(): void;
}

const DEFAULT_NAMES = ['localhost', '127.0.0.1', 'api.openai.com', 'api.anthropic.com', 'dashscope.aliyuncs.com', 'mock.test'];

/**
 * Create a CA and a leaf certificate valid for `names` (DNS names and IP literals). Done at test
 * set-up so no key material lives in the repository. EC keys keep generation fast on a busy box.
 */
export function createTestCa(names: readonly string[] = DEFAULT_NAMES): TestCa {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-ca-'));
  const p = (f: string) => join(dir, f);
  const run = (args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  run(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', p('ca.key')]);
  run(['req', '-x509', '-new', '-key', p('ca.key'), '-sha256', '-days', '2', '-subj', '/CN=Airlock Test CA', '-out', p('ca.pem')]);
  run(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', p('server.key')]);
  run(['req', '-new', '-key', p('server.key'), '-subj', `/CN=${names[0] ?? 'localhost'}`, '-out', p('server.csr')]);
  const san = names.map((n) => (/^[\d.]+$|:/.test(n) ? `IP:${n}` : `DNS:${n}`)).join(',');
  writeFileSync(p('ext.cnf'), `subjectAltName=${san}\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n`);
  run(['x509', '-req', '-in', p('server.csr'), '-CA', p('ca.pem'), '-CAkey', p('ca.key'), '-CAcreateserial', '-days', '2', '-sha256', '-extfile', p('ext.cnf'), '-out', p('server.pem')]);
  return {
    dir,
    caFile: p('ca.pem'),
    caPem: readFileSync(p('ca.pem'), 'utf8'),
    certPem: readFileSync(p('server.pem'), 'utf8'),
    keyPem: readFileSync(p('server.key'), 'utf8'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
