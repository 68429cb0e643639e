import { Writable } from 'node:stream';
import { configSchema, type AirlockConfig } from '../../src/config/root.js';
import { startGateway, type Gateway, type GatewayOptions } from '../../src/gateway/index.js';
import { createLogger } from '../../src/telemetry/log.js';

/** Everything the gateway logged, as one string: tests grep it for keys that must never appear. */
export interface LogCapture {
  readonly text: () => string;
  readonly stream: Writable;
}

export function captureLogs(): LogCapture {
  const parts: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      parts.push(chunk.toString('utf8'));
      cb();
    },
  });
  return { text: () => parts.join(''), stream };
}

/** Build a validated config from a plain object, as the config loader would. */
export function makeConfig(raw: Record<string, unknown>): AirlockConfig {
  return configSchema().parse(raw);
}

/** Start a gateway on a free loopback port with debug logs captured. */
export async function startTestGateway(raw: Record<string, unknown>, opts: Omit<GatewayOptions, 'config'> = {}): Promise<{ gw: Gateway; logs: LogCapture; base: string }> {
  const logs = captureLogs();
  const gw = await startGateway({ logger: createLogger({ level: 'debug', destination: logs.stream }), host: '127.0.0.1', port: 0, ...opts, config: makeConfig(raw) });
  return { gw, logs, base: `http://127.0.0.1:${gw.port}` };
}
