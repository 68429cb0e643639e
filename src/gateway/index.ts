import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { AirlockConfig } from '../config/root.js';
import { AirlockError } from '../errors.js';
import { createLogger, type Logger } from '../telemetry/log.js';
import { handleExchange, type ExchangeDeps } from './exchange.js';
import type { GatewayHooks } from './hooks.js';
import type { ResponseFilterFactory } from './relay.js';
import { sendError, sendJson } from './respond.js';
import { buildRuntime, type RuntimeState } from './runtime.js';
import { outputFilter } from '../stream/index.js';
import type { VaultStore } from '../policy/index.js';

export type { GatewayHooks, Identity, RequestInfo, Admission, Usage, ExchangeRecord } from './hooks.js';
export type { ResponseFilter, ResponseFilterFactory, RelayContext } from './relay.js';
export { maskedPreview, valueHash } from './preview.js';

export interface GatewayOptions {
  readonly config: AirlockConfig;
  readonly hooks?: GatewayHooks;
  readonly logger?: Logger;
  /** Gateway-wide `HOST:PORT:ADDR:PORT` overrides (CLI `--resolve`), added to every upstream's own. */
  readonly resolve?: readonly string[];
  /** Extra CA (PEM file) trusted for every upstream (CLI `--ca-file`). */
  readonly caFile?: string;
  /** Listen port; defaults to `config.server.port` (0 = any free port). */
  readonly port?: number;
  /** Listen address; defaults to `config.server.host`. */
  readonly host?: string;
  /** Output inspection seam (issue 4): filters every answer on its way to the client. */
  readonly responseFilter?: ResponseFilterFactory;
  /** Shared pseudonym mappings (`vault.store: redis`, see policy/openVaultStore); the caller closes it. */
  readonly vaultStore?: VaultStore;
}

export interface Gateway {
  readonly port: number;
  /** New requests use the new config; in-flight ones finish on the old. Throws (keeping the old) if it cannot be built. */
  swap(config: AirlockConfig): void;
  /** The config new requests currently use. */
  readonly config: AirlockConfig;
  close(): Promise<void>;
}

function retire(state: RuntimeState, logger: Logger): void {
  state.retired = true;
  if (state.inflight === 0) void state.close().catch((err: unknown) => logger.warn({ err: String(err) }, 'closing old pools failed'));
}

function connectRefused(socket: Duplex): void {
  const err = new AirlockError('AIRLOCK_ERR_CONNECT_UNSUPPORTED');
  const body = JSON.stringify(err.toBody());
  socket.end(`HTTP/1.1 ${err.status} Method Not Allowed\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
}

export async function startGateway(opts: GatewayOptions): Promise<Gateway> {
  const logger = opts.logger ?? createLogger({ level: opts.config.server.log_level });
  const globals = { ...(opts.resolve ? { resolve: opts.resolve } : {}), ...(opts.caFile ? { caFile: opts.caFile } : {}) };
  let current = buildRuntime(opts.config, globals);
  // Answers are inspected (and pseudonyms restored) unless a caller supplies its own filter.
  const deps: ExchangeDeps = { logger, ...(opts.hooks ? { hooks: opts.hooks } : {}), filter: opts.responseFilter ?? outputFilter(), ...(opts.vaultStore ? { vaults: opts.vaultStore } : {}) };

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const url = req.url ?? '/';
    if (url === '/healthz' || url === '/readyz') {
      sendJson(res, 200, { status: 'ok' });
      return;
    }
    const state = current;
    state.inflight++;
    handleExchange(req, res, state, deps)
      .catch((err: unknown) => {
        logger.error({ err: String(err) }, 'unhandled exchange failure');
        sendError(res, err, '');
      })
      .finally(() => {
        if (--state.inflight === 0 && state.retired) void state.close();
      });
  };

  const server = createServer({ keepAliveTimeout: 65_000 }, onRequest);
  server.on('connect', (_req: IncomingMessage, socket: Duplex) => connectRefused(socket));
  server.on('clientError', (_err: Error, socket: Socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy();
  });
  const port = opts.port ?? opts.config.server.port;
  const host = opts.host ?? opts.config.server.host;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  logger.info({ port: bound, host }, 'gateway listening');

  return {
    port: bound,
    get config() {
      return current.config;
    },
    swap(config) {
      const next = buildRuntime(config, globals);
      const old = current;
      current = next;
      retire(old, logger);
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await closed;
      retire(current, logger);
      if (current.inflight === 0) await current.close();
    },
  };
}
