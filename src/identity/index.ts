export { createAccessHooks, openKeyService, openKeyStore, presentedKey, modelAllowed, type AccessHooks, type AccessHooksOptions, type AccessLogger } from './hooks.js';
export { KeyService, InputError, type CreateKeyInput, type CredentialView } from './key-service.js';
export { ROLES, publicKey, type Role, type KeyRecord, type KeyStore, type StoredKey, type StoredCredential } from './key-store.js';
export { SqliteKeyStore } from './sqlite-key-store.js';
export { PgKeyStore } from './pg-key-store.js';
export { identityConfigSchema, type IdentityConfig } from './config.js';
export { loadMasterKey, deriveKeys, parseMasterKey, maskSecret, looksLikeVirtualKey, type MasterKeys } from './secret.js';
export { parseDuration, parseExpiry } from './duration.js';
