import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALNUM, DIGITS, HEX, LOWER_ALNUM, rand, scanWith } from './testkit.js';

const types = (text: string) => scanWith(text).map((f) => f.type);
const b64 = (s: string) => Buffer.from(s).toString('base64');
const b64url = (s: string) => Buffer.from(s).toString('base64url');

/** [expected rule, text with the secret, look-alike that must stay clean] per category. */
const CASES: Array<[string, string, string]> = [
  // cloud
  ['gcp-api-key', `apiKey: "AIza${rand(ALNUM, 35, 101)}"`, `apiKey: "AIza${'a'.repeat(35)}"`],
  ['digitalocean-pat', `DO_TOKEN=dop_v1_${rand(HEX, 64, 102)}`, `dop_v1_${rand(HEX, 63, 102)}`],
  ['azure-ad-client-secret', `client_secret: ${rand(ALNUM, 3, 103)}8Q~${rand(ALNUM, 34, 104)}`, `${'~'.repeat(40)}`],
  ['heroku-api-key', 'HEROKU_API_KEY=2b6f3a1c-7d4e-4f8a-9c2b-5e1d7a3f9b6c', 'request_id=2b6f3a1c-7d4e-4f8a-9c2b-5e1d7a3f9b6c'],
  ['github-oauth-client-secret', `GITHUB_CLIENT_SECRET=${rand(HEX, 40, 146)}`, `GITHUB_SHA=${rand(HEX, 40, 146)}`],
  ['vault-service-token', `VAULT_TOKEN=hvs.${rand(ALNUM, 95, 105)}`, 's.thisstringisalllowercase'],
  // source control, CI, registries
  ['github-fine-grained-pat', `github_pat_${rand(ALNUM, 22, 106)}_${rand(ALNUM, 59, 107)}`, 'github_pat_short'],
  ['pypi-upload-token', `pypi-AgEIcHlwaS5vcmc${rand(ALNUM, 60, 108)}`, 'pypi-AgEI'],
  ['npmrc-auth-token', `//registry.npmjs.org/:_authToken=npm_${rand(ALNUM, 36, 109)}`, '//registry.npmjs.org/:_authToken=${NPM_TOKEN}'],
  ['docker-config-auth', `{"auths":{"ghcr.io":{"auth":"${b64('deploy:' + rand(ALNUM, 20, 110))}"}}}`, `{"auth": "${b64('just-a-label')}"}`],
  ['octopus-deploy-api-key', `X-Octopus-ApiKey: API-${rand('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 26, 111)}`, 'msgstr "GSSAPI-VIRHEKAPSELOINTIMERKKIJONO."'],
  // communication
  ['discord-bot-token', `${b64url('112233445566778899').replace(/=+$/, '')}.${rand(ALNUM, 6, 112)}.${rand(ALNUM, 27, 113)}`, `${rand(ALNUM, 24, 114)}.${rand(ALNUM, 6, 115)}.${rand(ALNUM, 27, 116)}`],
  ['slack-webhook-url', `https://hooks.slack.com/services/T${rand('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 8, 117)}/B${rand('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 8, 118)}/${rand(ALNUM, 24, 119)}`, 'see https://api.slack.com/messaging/webhooks'],
  ['twilio-auth-token', `TWILIO_AUTH_TOKEN=${rand(HEX, 32, 120)}`, `TWILIO_REGION=${rand(HEX, 32, 120)}x`],
  ['sendgrid-api-token', `SG.${rand(ALNUM, 22, 121)}.${rand(ALNUM, 43, 122)}`, `SG.${rand(ALNUM, 22, 121)}..${rand(ALNUM, 43, 122)}`],
  // payment
  ['shopify-access-token', `shpat_${rand(HEX, 32, 123)}`, `shpat_${rand(HEX, 31, 123)}`],
  ['plaid-api-token', 'access-sandbox-9c4f1a2b-3d5e-4f60-8a7b-1c2d3e4f5a6b', 'access-sandbox-environment-docs'],
  ['square-access-token', `EAAA${rand(ALNUM, 60, 124)}`, 'EAAA-not-a-token'],
  // AI providers
  ['groq-api-key', `gsk_${rand(ALNUM, 52, 125)}`, 'gsk_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
  ['perplexity-api-key', `pplx-${rand(ALNUM, 48, 126)}`, `pplx-${'x'.repeat(48)}`],
  ['cohere-api-token', `COHERE_API_KEY=${rand(ALNUM, 40, 127)}`, `COHERE_MODEL=${rand(ALNUM, 40, 127)}`],
  // SaaS and monitoring
  ['grafana-service-account-token', `glsa_${rand(ALNUM, 32, 128)}_${rand(HEX, 8, 129)}`, `glsa_${'X'.repeat(32)}_AAAAAAAA`],
  ['new-relic-user-api-key', `NRAK-${rand('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 27, 130)}`, 'NRAK-TOO-SHORT'],
  ['onepassword-secret-key', `A3-${rand('ABCDEFGHJKLMNPQRSTVWXYZ23456789', 6, 131)}-${rand('ABCDEFGHJKLMNPQRSTVWXYZ23456789', 11, 132)}-${rand('ABCDEFGHJKLMNPQRSTVWXYZ23456789', 5, 133)}-${rand('ABCDEFGHJKLMNPQRSTVWXYZ23456789', 5, 134)}-${rand('ABCDEFGHJKLMNPQRSTVWXYZ23456789', 5, 135)}`, 'A3-XXXXXX-XXXXXXXXXXX-XXXXX-XXXXX-XXXXX'],
  ['okta-access-token', `okta_api_token = "00${rand(ALNUM, 40, 136)}"`, `oktaKey = 00000000000000000000000000000000000TUVWXYZ`],
  // databases and URLs
  ['mongodb-connection-string', 'mongodb+srv://svc:Qx7-vR2p!m@cluster0.abcd.mongodb.net/app', 'mongodb+srv://<user>:<password>@cluster0.abcd.mongodb.net/app'],
  ['url-with-credentials', 'git clone https://deploy:ghx9PLm2vQ@git.example.org/repo.git', 'http://localhost:8080/path'],
  ['odbc-connection-string', 'Server=tcp:db.local,1433;Database=app;User ID=sa;Password=Vq9!xLm2pW;', 'Server=db.local;Database=app;Integrated Security=true;'],
  ['curl-auth-user', 'curl -u admin:Vq9xLm2pW7 https://api.local/v1', 'curl -u "$USER:$PASS" https://api.local/v1'],
  ['authorization-header', `curl -H "Authorization: Bearer ${rand(LOWER_ALNUM, 40, 137)}" https://x`, 'curl -H "Authorization: Bearer $TOKEN" https://x'],
  // private keys and token formats
  ['private-key', `key: |\n  -----BEGIN EC PRIVATE KEY-----\n  ${rand(ALNUM, 64, 138)}\n  ${rand(ALNUM, 30, 139)}`, '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----'],
  ['putty-private-key', `PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: k\nPublic-Lines: 2\nAAAA\nBBBB\nPrivate-Lines: 1\n${rand(ALNUM, 64, 140)}\nPrivate-MAC: ab`, 'PuTTY-User-Key-File-3: (truncated)'],
  ['age-secret-key', `AGE-SECRET-KEY-1${rand('QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 58, 141)}`, 'AGE-SECRET-KEY-1'],
  ['jwt-base64', b64('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhYmMifQ.c2lnbmF0dXJlX2J5dGVzXzEyMzQ1Njc4OTA'), b64('this is just an ordinary sentence, encoded for transport')],
  ['kubernetes-secret-yaml', `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\ndata:\n  password: ${b64('S!B*d$zDsb=')}\n`, 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  csrf: ""\n'],
];

describe('secret rules by category', () => {
  for (const [type, positive, negative] of CASES) {
    it(`${type}: finds the secret and ignores the look-alike`, () => {
      expect(types(positive)).toContain(type);
      expect(types(negative)).toEqual([]);
    });
  }

  it('reports only the secret part of an assignment or URL', () => {
    const text = 'DATABASE_URL=postgres://app:Zp4-q9Lr@db:5432/app';
    const [f] = scanWith(text);
    expect(text.slice(f!.start, f!.end)).toBe('app:Zp4-q9Lr');
  });

  it('reads value-first comparisons and Go-style typed declarations', () => {
    expect(types('if ("Xk29!vLq7pR" == db_password) {')).toEqual(['generic-password']);
    expect(types(`var twitterToken string = "${rand(ALNUM, 45, 142)}"`)).toEqual(['twitter-access-secret']);
    expect(types(`System.setProperty("ALIBABA_TOKEN", "${rand(LOWER_ALNUM, 30, 143)}")`)).toEqual(['alibaba-secret-key']);
  });

  it('keeps findings inside the text for arbitrary input', () => {
    const token = `npm_${rand(ALNUM, 36, 144)}`;
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 200 }), (a, b) => {
        const text = `${a} ${token} ${b}`;
        const found = scanWith(text);
        expect(found.some((f) => text.slice(f.start, f.end) === token)).toBe(true);
        for (const f of found) expect(0 <= f.start && f.start < f.end && f.end <= text.length).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('ignores digit runs that only resemble ids', () => {
    expect(types(`order ${rand(DIGITS, 18, 145)} shipped`)).toEqual([]);
  });
});
