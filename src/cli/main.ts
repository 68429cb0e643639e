import { readFileSync } from 'node:fs';
import { checkConfigCommand } from './check-config.js';
import { println, processIO, type CliIO } from './io.js';

const HELP = `airlock — an LLM firewall gateway

Usage:
  airlock serve [options]            run the gateway (no options: the embedded demo config)
      --config FILE                  Airlock YAML config, or an ASM WasmPlugin manifest
      --port N                       data-plane port (default 8080)
      --host ADDR                    data-plane bind address (default 0.0.0.0)
      --admin-port N                 admin API / console port on 127.0.0.1 (default 9090, 0 = off)
      --resolve HOST:PORT:ADDR:PORT  connect to ADDR:PORT for HOST:PORT (repeatable)
      --ca-file PEM                  extra CA certificates trusted for upstreams
      --upstream URL                 serve one upstream in base-URL mode, no config file
      --provider NAME                openai | azure | anthropic | dashscope | echo (with --upstream)
      --preset NAME                  apply a detector preset to input and output (repeatable)
      --require-key                  require an Airlock virtual key on every route
      --data-dir DIR                 embedded store directory (default .airlock)
  airlock check-config FILE          validate a config; exit 0 valid, 1 with every problem
  airlock scan [options] [FILE…]     scan text (stdin or files) with a policy; --jsonl, --preset, --config
  airlock keys create|list|revoke|rotate|usage …   manage virtual keys (--data-dir DIR)
  airlock audit export|erase …       read or erase the audit trail (--data-dir DIR)
  airlock detectors [--json]         list built-in detectors and their entity types
  airlock --help | --version

Config reloads on file change and on SIGHUP. Docs: README.md.`;

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        println(io.stdout, HELP);
        return cmd === undefined ? 2 : 0;
      case '-v':
      case '--version':
      case 'version':
        println(io.stdout, version());
        return 0;
      case 'serve': {
        const { serveCommand } = await import('./serve.js');
        return await serveCommand(rest, io);
      }
      case 'check-config':
        return checkConfigCommand(rest, io);
      case 'scan': {
        const { scanCommand } = await import('./scan.js');
        return await scanCommand(rest, io);
      }
      case 'keys': {
        const { keysCommand } = await import('./keys.js');
        return await keysCommand(rest, io);
      }
      case 'audit': {
        const { auditCommand } = await import('./audit.js');
        return await auditCommand(rest, io);
      }
      case 'detectors': {
        const { detectorsCommand } = await import('./detectors.js');
        return detectorsCommand(rest, io);
      }
      default:
        println(io.stderr, `airlock: unknown command "${cmd}"\n\n${HELP}`);
        return 2;
    }
  } catch (e) {
    println(io.stderr, `airlock ${cmd}: ${(e as Error).message}`);
    return 2;
  }
}
