import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { loadConfigFile } from './loader.js';
import type { AirlockConfig } from './root.js';

export interface ConfigWatcher {
  /** Re-read the file now (SIGHUP). */
  reload(): void;
  close(): void;
}

/**
 * Reload on file change and on demand. A valid new config is handed to `apply` (new requests use
 * it; in-flight ones finish on the old one); an invalid one is reported and the old one stays.
 * The directory is watched, not the file, so editors that replace the file (rename over it) and
 * Kubernetes ConfigMap symlink swaps are seen too.
 */
export function watchConfig(
  file: string,
  handlers: { apply(cfg: AirlockConfig): void; rejected(err: Error): void; env?: NodeJS.ProcessEnv },
): ConfigWatcher {
  const abs = resolve(file);
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  const reload = (): void => {
    let cfg: AirlockConfig;
    try {
      cfg = loadConfigFile(abs, { env: handlers.env });
    } catch (e) {
      handlers.rejected(e as Error);
      return;
    }
    handlers.apply(cfg);
  };
  try {
    watcher = watch(dirname(abs), { persistent: false }, (_event, name) => {
      if (name !== null && name !== basename(abs) && !name.startsWith('..')) return;
      // Editors write in several steps; settle before reading.
      clearTimeout(timer);
      timer = setTimeout(reload, 150);
    });
  } catch {
    watcher = undefined; // unwatchable directory: SIGHUP still works
  }
  return {
    reload,
    close() {
      clearTimeout(timer);
      watcher?.close();
    },
  };
}
