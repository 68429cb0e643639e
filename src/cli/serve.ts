import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { openObservability } from '../audit/runtime.js';
import { startAdmin, type AdminServer } from '../admin/index.js';
import { watchConfig, type AirlockConfig, type ConfigWatcher } from '../config/index.js';
import { startGateway, type ExchangeRecord, type GatewayHooks } from '../gateway/index.js';
import { createAccessHooks, loadMasterKey } from '../identity/index.js';
import { openVaultStore, registerVaultMetrics } from '../policy/index.js';
import { createKeysApp } from '../admin/keys.js';
import { createLogger } from '../telemetry/log.js';
import { println, type CliIO } from './io.js';
import { applyFlags, loadServeConfig, parseServeFlags } from './serve-config.js';

/**
 * `airlock serve`: the data plane, the admin API + console, identity/limits and the audit trail,
 * wired together. Reloads on file change and SIGHUP; SIGTERM drains in-flight requests and the
 * audit queue before exiting.
 */
export async function serveCommand(argv: string[], io: CliIO): Promise<number> {
  const flags = parseServeFlags(argv);
  const config = loadServeConfig(flags, io.env);
  const logger = createLogger({ level: config.server.log_level });
  const dataDir = resolve(config.server.data_dir);
  mkdirSync(dataDir, { recursive: true });
  // Before anything opens: a fleet without a shared master key is refused at once.
  const vaultMaster = vaultMasterKey(config, dataDir, io.env);

  const obs = await openObservability({ ...config, server: { ...config.server, data_dir: dataDir } }, { logger });
  const metrics = config.telemetry.metrics.enabled ? obs.metrics : undefined;
  const access = await createAccessHooks({ config, dataDir, logger, env: io.env, registry: obs.metrics.registry });
  const audit = obs.trail;
  const vaultStore = vaultMaster ? await openVaultStore(config, { master: vaultMaster, logger }) : undefined;
  if (vaultStore) registerVaultMetrics(obs.metrics.registry);

  const hooks: GatewayHooks = {
    authenticate: (headers, mode) => access.authenticate(headers, mode),
    admit: (info) => access.admit(info),
    record: (rec: ExchangeRecord) => obs.record(rec),
  };
  const gateway = await startGateway({
    config,
    hooks,
    logger,
    resolve: flags.resolve,
    ...(flags.caFile ? { caFile: flags.caFile } : {}),
    ...(vaultStore ? { vaultStore } : {}),
  });

  let admin: AdminServer | undefined;
  if (config.admin.enabled && config.server.admin_port !== 0) {
    admin = await startAdmin({
      host: config.server.admin_host,
      port: config.server.admin_port,
      config: () => gateway.config,
      ...(audit ? { audit } : {}),
      keys: createKeysApp({ keys: access.keys, authenticate: (h: string | undefined) => access.authenticateAdmin(h), usage: access.limiter }),
      ...(metrics ? { metrics } : {}),
      authenticate: (h) => access.authenticateAdmin(h),
      logger,
      publicMetrics: config.admin.public_metrics,
      console: config.admin.console,
    });
  }
  const source = flags.config ?? (flags.upstream ? `--upstream ${flags.upstream}` : 'embedded demo config');
  const upstreamList = Object.entries(config.upstreams).map(([n, u]) => `${n} → ${u.provider === 'echo' || u.url.startsWith('echo:') ? 'built-in echo model (answers with what it received)' : u.url}`);
  // One write: whoever watches for the first line (scripts, tests) sees the whole banner with it.
  const banner = [`airlock: gateway on http://${config.server.host}:${gateway.port} (${source})`, ...upstreamList.map((l) => `airlock:   upstream ${l}`)];
  if (admin) banner.push(`airlock: admin API and console on http://${config.server.admin_host}:${admin.port}/`);
  println(io.stderr, banner.join('\n'));

  const apply = (next: AirlockConfig): void => {
    try {
      const effective = applyFlags(next, flags);
      gateway.swap(effective);
      access.reconfigure(effective);
      if (JSON.stringify(effective.vault) !== JSON.stringify(config.vault)) logger.warn({ sections: ['vault'] }, 'vault settings changed: restart to apply them');
      logger.info({ source }, 'configuration reloaded');
    } catch (e) {
      logger.error({ reason: (e as Error).message }, 'configuration rejected; the previous one keeps serving');
    }
  };
  let watcher: ConfigWatcher | undefined;
  if (flags.config) {
    watcher = watchConfig(flags.config, {
      apply,
      rejected: (e) => logger.error({ reason: e.message }, 'configuration rejected; the previous one keeps serving'),
      env: io.env,
    });
  }
  const onHup = (): void => watcher?.reload();
  process.on('SIGHUP', onHup);

  return await new Promise<number>((done) => {
    let stopping = false;
    const stop = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'shutting down: draining in-flight requests and the audit queue');
      watcher?.close();
      process.off('SIGHUP', onHup);
      const hard = setTimeout(() => done(1), 30_000);
      hard.unref();
      void (async () => {
        await gateway.close();
        await admin?.close();
        await obs.close();
        await access.close();
        await vaultStore?.close();
        clearTimeout(hard);
        done(0);
      })();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}

/** The key that seals shared pseudonym mappings (`vault.store: redis`), or undefined for memory. */
function vaultMasterKey(config: AirlockConfig, dataDir: string, env: NodeJS.ProcessEnv): Buffer | undefined {
  if (config.vault.store === 'memory') return undefined;
  // A per-replica master.key would leave every replica unable to open what the others sealed.
  if (!env.AIRLOCK_MASTER_KEY && !config.identity.master_key_file) {
    throw new Error('vault.store: redis is shared by several replicas: set AIRLOCK_MASTER_KEY (or identity.master_key_file) to the same master key on every one');
  }
  return loadMasterKey({ dataDir, env, ...(config.identity.master_key_file ? { file: config.identity.master_key_file } : {}) });
}
