export { createAdminApp, startAdmin, type AdminOptions, type AdminServer, type FetchApp } from './server.js';
export { maskSecrets } from './mask.js';
export { adminConfigSchema, type AdminConfig } from './config.js';
export { createKeysApp, type KeysAppOptions } from './keys.js';
