import type { PatternRule, SecretRule } from '../types.js';
import { decodeBase64, isJwt, isNonSecretLiteral, isTemplateOrReference, looksLikePathOrAddress } from '../validate.js';
import { patterns } from './helpers.js';
import { kubernetesSecretScan } from './structured.js';

const D = patterns('database');
const K = patterns('private-key');
const G = patterns('generic');

/** A URL password that is a literal, not `${VAR}`, `[PASSWORD]`, `pass` or the user name again. */
function urlPassword(userinfo: string): boolean {
  const i = userinfo.indexOf(':');
  const user = userinfo.slice(0, i);
  const pass = userinfo.slice(i + 1);
  if (pass.length < 3 || pass === user) return false;
  if (isTemplateOrReference(pass) || isNonSecretLiteral(pass) || /^\$|^%[A-Z_]|[<>{}[\]]/.test(pass)) return false;
  return !/^(?:x+|\*+|y+|p(?:ass)?w(?:or)?d|secret|changeme|pass(?:word)?\d?)$/i.test(pass);
}

function dbUrl(scheme: string, id: string, title: string, name: string): PatternRule {
  return D(
    id,
    title,
    `${name} connection URI with an inline password: \`${scheme.replace(/\\/g, '')}://user:password@host\`.`,
    `(?i:${scheme})://([^\\s:@/"'\`]{1,100}:[^\\s@/"'\`]{1,200})@[^\\s/"'\`]{1,255}`,
    { left: 'alnum', allowLowEntropy: true, validate: urlPassword },
  );
}

const PEM_TYPES = '(?:RSA |EC |DSA |OPENSSH |ENCRYPTED |SSH2 ENCRYPTED )?';

/** Connection strings, private keys, tokens in standard formats and credentialed URLs. */
export const DATA_RULES: readonly SecretRule[] = [
  dbUrl('postgres(?:ql)?', 'postgres-connection-string', 'PostgreSQL connection string', 'PostgreSQL'),
  dbUrl('mysql|mariadb', 'mysql-connection-string', 'MySQL / MariaDB connection string', 'MySQL / MariaDB'),
  dbUrl('mongodb(?:\\+srv)?', 'mongodb-connection-string', 'MongoDB connection string', 'MongoDB'),
  dbUrl('rediss?', 'redis-connection-string', 'Redis connection string', 'Redis'),
  dbUrl('amqps?', 'amqp-connection-string', 'AMQP (RabbitMQ) connection string', 'AMQP / RabbitMQ'),
  dbUrl('mssql|sqlserver', 'mssql-connection-string', 'SQL Server connection URI', 'SQL Server'),
  dbUrl('jdbc:[a-z0-9]+', 'jdbc-connection-string', 'JDBC connection URL with password', 'JDBC'),
  dbUrl('clickhouse|cockroachdb|couchdb|neo4j(?:\\+s)?|bolt|cassandra|elasticsearch|influxdb?', 'database-connection-string', 'Other database connection URI', 'ClickHouse / CockroachDB / CouchDB / Neo4j / Cassandra / Elasticsearch / InfluxDB'),
  dbUrl('s?ftp|ftps', 'ftp-credentials-url', 'FTP / SFTP URL with password', 'FTP / SFTP'),
  dbUrl('smtps?|imaps?|pop3s?', 'mail-server-credentials-url', 'Mail server URL with password', 'SMTP / IMAP / POP3'),
  dbUrl('ldaps?', 'ldap-credentials-url', 'LDAP URL with password', 'LDAP'),
  dbUrl('https?|wss?|git|ssh|svn|nats|mqtts?|kafka', 'url-with-credentials', 'URL with embedded password', 'Any HTTP(S), WebSocket, git, SSH or broker URL'),
  D('odbc-connection-string', 'ADO.NET / ODBC connection string password', 'An ADO.NET / ODBC / JDBC-property connection string with `Server=` or `Data Source=` and a `Password=` / `Pwd=` literal.', '(?i:server|data source|host|hostname|address)\\s*=[^;\\n]{1,200};[^\\n]{0,300}?(?i:password|pwd)\\s*=\\s*([^;"\'\\s]{3,200})', { left: 'alnum', allowLowEntropy: true, validate: (v) => !isTemplateOrReference(v) && !isNonSecretLiteral(v) }),
  D('redis-cli-password', 'redis-cli password argument', 'A `redis-cli -a <password>` command line.', 'redis-cli\\s[^\\n]{0,100}?-a\\s+["\']?([^\\s"\']{4,200})', { allowLowEntropy: true, validate: (v) => !isTemplateOrReference(v) }),
  D('mysql-cli-password', 'mysql client password argument', 'A `mysql … -p<password>` / `--password=<password>` command line.', 'mysql(?:dump|admin)?\\s[^\\n]{0,100}?(?:-p|--password=)["\']?([^\\s"\'-][^\\s"\']{3,200})', { allowLowEntropy: true, validate: (v) => !isTemplateOrReference(v) }),
  K('private-key', 'Private key (PEM)', 'A PEM private key block: `-----BEGIN [RSA|EC|DSA|OPENSSH|ENCRYPTED] PRIVATE KEY-----`, a base64 body and the END line (a bare BEGIN line followed by key material is also reported).', `-----BEGIN ${PEM_TYPES}PRIVATE KEY-----`, { left: 'none', right: 'none', allowLowEntropy: true }),
  K('pgp-private-key', 'PGP private key block', 'An ASCII-armoured OpenPGP secret key: `-----BEGIN PGP PRIVATE KEY BLOCK-----` … END line.', '-----BEGIN PGP PRIVATE KEY BLOCK-----', { left: 'none', right: 'none', allowLowEntropy: true }),
  K('putty-private-key', 'PuTTY private key', 'A PuTTY .ppk key file: `PuTTY-User-Key-File-2:` / `-3:` header and the `Private-Lines:` base64 block.', 'PuTTY-User-Key-File-[23]:', { left: 'none', right: 'none', allowLowEntropy: true }),
  K('age-secret-key', 'age secret key', 'An age encryption identity: `AGE-SECRET-KEY-1` followed by 58 bech32 characters.', 'AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}'),
  K('kubeconfig-client-key', 'Kubeconfig client key', 'A kubeconfig `client-key-data:` field: the base64 of a PEM private key.', 'client-key-data:\\s*["\']?([A-Za-z0-9+/]{60,}={0,2})', { left: 'alnum', validate: (v) => (decodeBase64(v.slice(0, 80)) ?? '').includes('PRIVATE KEY') }),
  K('ssh-private-key-base64', 'Base64-encoded PEM private key', 'A PEM private key that was base64-encoded (for an env var or a Kubernetes secret): `LS0tLS1CRUdJTi…` decoding to a BEGIN … PRIVATE KEY line.', 'LS0tLS1CRUdJTi[A-Za-z0-9+/]{40,}={0,2}', { validate: (v) => (decodeBase64(v.slice(0, 80)) ?? '').includes('PRIVATE KEY') }),
  { kind: 'structured', id: 'kubernetes-secret-yaml', title: 'Kubernetes Secret manifest', category: 'private-key', doc: 'A `kind: Secret` manifest whose `data:` / `stringData:` entries hold values (base64 data is decoded and must be non-trivial).', needles: ['Secret', 'secret'], scan: kubernetesSecretScan },
  G('jwt', 'JSON Web Token', 'A JWT: three base64url parts (signature optional) whose header decodes to JSON with `alg`/`typ` and whose payload decodes to a JSON object.', 'eyJ[A-Za-z0-9_-]{8,300}\\.eyJ[A-Za-z0-9_-]{4,}(?:\\.[A-Za-z0-9_-]{0,})?', { validate: isJwt, right: 'none' }),
  G('jwt-base64', 'Base64-encoded JWT', 'A JWT that was base64-encoded again: `ZXlK…` decoding to `eyJ….eyJ…`.', 'ZXlK[A-Za-z0-9+/]{40,}={0,2}', { validate: (v) => { const d = decodeBase64(v); return d !== null && isJwt(d.trim()); } }),
  G('authorization-header', 'Credential in an Authorization header', 'An `Authorization:` header (or `-H` argument) with a Bearer / Token / Basic / Api-Token credential or an opaque scheme value.', '(?i:authorization)["\']?\\s*[:=]\\s*["\']?(?:(?i:bearer|token|basic|digest|api-token|apikey|api-key|sso-key|key|ssws|otp)\\s+)?([A-Za-z0-9._~+/=:@!$%^&*-]{8,})', { left: 'alnum', right: 'none', allowLowEntropy: true, validate: authValue }),
  G('api-key-header', 'Credential in an API-key header', 'An HTTP header such as `X-API-Key:`, `X-Auth-Token:`, `X-Octopus-ApiKey:` or `apikey:` with a literal value.', '(?i:x-[a-z0-9-]{0,30}?(?:api-?key|token|secret|auth)[a-z0-9-]{0,20}|apikey|api-key)["\']?\\s*:\\s*["\']?([A-Za-z0-9._~+/=-]{16,300})', { left: 'token', right: 'none', allowLowEntropy: true, validate: authValue }),
  G('curl-auth-user', 'curl basic-auth credentials', 'A `curl -u user:password` / `--user user:password` argument with a literal password (or a token-like user).', 'curl\\s(?:[^\\n]|\\\\\\n){0,300}?(?:-u|--user)(?:\\s+|=)["\']?([^\\s"\']{3,300})', { left: 'alnum', allowLowEntropy: true, validate: curlUser }),
];

function authValue(v: string): boolean {
  if (looksLikePathOrAddress(v) || isTemplateOrReference(v) || v.startsWith('$') || v.startsWith('%') || /^\.+$/.test(v)) return false;
  if (/^(?:x+|\*+|X+|\.{3,}|<[^>]*>|bearer|token|basic)$/i.test(v)) return false;
  return /[0-9]/.test(v) && v.length >= 8 ? true : v.length >= 20 && /[A-Za-z]/.test(v) && /[0-9+/=_-]/.test(v);
}

function curlUser(v: string): boolean {
  const i = v.indexOf(':');
  if (i < 0) return false;
  const parts = [v.slice(0, i), v.slice(i + 1)];
  if (parts.some((p) => p !== '' && (p.startsWith('$') || /\$\{|\{\{|[<>[\]]/.test(p) || isTemplateOrReference(p)))) return false;
  if (i === v.length - 1) {
    const user = v.slice(0, i);
    return user.length >= 8 && /[0-9]/.test(user) && /[A-Za-z]/.test(user) && /[^A-Za-z0-9]/.test(user);
  }
  return urlPassword(v);
}
