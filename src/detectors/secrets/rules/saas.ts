import type { SecretRule } from '../types.js';
import { decodesToJsonWith } from '../validate.js';
import { UUID, contexts, patterns } from './helpers.js';

const P = patterns('saas');
const C = contexts('saas');
const M = patterns('monitoring');
const MC = contexts('monitoring');

/** Sentry org tokens embed base64 JSON claims between the prefix and the secret. */
function sentryOrg(token: string): boolean {
  const body = token.slice('sntrys_'.length, token.lastIndexOf('_'));
  return decodesToJsonWith(body, ['iat']);
}

/** Productivity, content, data and observability SaaS. */
export const SAAS_RULES: readonly SecretRule[] = [
  P('notion-api-token', 'Notion integration token', 'Notion internal integration token: `ntn_`, 11 digits and 35 alphanumerics (or legacy `secret_` + 43 alphanumerics).', '(?:ntn_[0-9]{11}[A-Za-z0-9]{35}|secret_[A-Za-z0-9]{43})'),
  C('airtable-api-key', 'Airtable API key (legacy)', 'Legacy Airtable API key: 17 alphanumerics (`key…`) next to an Airtable name.', ['airtable'], '[a-z0-9]{17}'),
  P('airtable-personnal-access-token', 'Airtable personal access token', 'Airtable PAT: `pat` + 14 alphanumerics, a dot and 64 hex characters.', 'pat[A-Za-z0-9]{14}\\.[a-f0-9]{64}'),
  C('asana-client-id', 'Asana client ID', 'Asana OAuth client id: 16 digits next to an Asana name.', ['asana'], '[0-9]{16}', { allowLowEntropy: true }),
  C('asana-client-secret', 'Asana client secret', 'Asana OAuth client secret: 32 alphanumerics next to an Asana name.', ['asana'], '[a-z0-9]{32}'),
  P('asana-pat', 'Asana personal access token', 'Asana PAT: `1/` or `2/`, a numeric id, `:` / `/` and a 32-hex secret.', '[12]/[0-9]{10,20}[:/][a-f0-9]{32}', { left: 'token' }),
  P('figma-pat', 'Figma personal access token', 'Figma PAT: `figd_` followed by 40 base64url characters.', 'figd_[\\w-]{40}'),
  P('grafana-api-key', 'Grafana API key (legacy)', 'Legacy Grafana API key: base64 JSON starting `eyJrIjoi` (`{"k":"`) and 70+ characters.', 'eyJrIjoi[A-Za-z0-9]{70,400}={0,2}'),
  P('grafana-cloud-api-token', 'Grafana Cloud access policy token', 'Grafana Cloud token: `glc_` followed by 32+ base64 characters.', 'glc_[A-Za-z0-9+/]{32,400}={0,2}'),
  P('grafana-service-account-token', 'Grafana service account token', 'Grafana service-account token: `glsa_`, 32 alphanumerics, `_` and an 8-hex checksum.', 'glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}'),
  M('new-relic-user-api-key', 'New Relic user API key', 'New Relic user key: `NRAK-` followed by 27 upper-case alphanumerics.', 'NRAK-[A-Z0-9]{27}'),
  M('new-relic-insert-key', 'New Relic insert key', 'New Relic insights insert key: `NRII-` followed by 32 characters.', 'NRII-[A-Za-z0-9_-]{32}'),
  M('new-relic-browser-api-token', 'New Relic browser key', 'New Relic browser API token: `NRJS-` followed by 19 hex characters.', 'NRJS-[a-f0-9]{19}'),
  M('new-relic-license-key', 'New Relic ingest license key', 'New Relic ingest license key: 36 hex characters ending in `NRAL`.', '[a-f0-9]{36}NRAL'),
  MC('new-relic-user-api-id', 'New Relic API key (by name)', 'New Relic account API key / id: 64 alphanumerics next to a New Relic name.', ['new-relic', 'newrelic', 'new_relic'], '[a-z0-9]{64}'),
  MC('datadog-access-token', 'Datadog API / application key', 'Datadog API key (32 hex) or application key (40 hex): generic shapes, reported only next to a Datadog / DD_API_KEY / DD_APP_KEY name.', ['datadog', 'dd_api', 'dd_app', 'dd-api', 'dd-app', 'ddapi'], '[a-z0-9]{40}|[a-f0-9]{32}'),
  M('sentry-user-token', 'Sentry user auth token', 'Sentry user auth token: `sntryu_` followed by 64 hex characters.', 'sntryu_[a-f0-9]{64}'),
  M('sentry-org-token', 'Sentry organization token', 'Sentry org auth token: `sntrys_`, base64 JSON claims (iat, url, region_url, org), `_` and a 43-character secret.', 'sntrys_eyJ[A-Za-z0-9+/]{20,600}={0,2}_[A-Za-z0-9+/]{43}', { validate: sentryOrg }),
  MC('sentry-access-token', 'Sentry auth token (legacy)', 'Legacy Sentry auth token: 64 hex characters next to a Sentry name.', ['sentry'], '[a-f0-9]{64}'),
  M('dynatrace-api-token', 'Dynatrace API token', 'Dynatrace token: `dt0c01.`, a 24-character public part, `.` and a 64-character secret.', 'dt0c01\\.[A-Za-z0-9]{24}\\.[A-Za-z0-9]{64}'),
  MC('okta-access-token', 'Okta API token', 'Okta API (SSWS) token: `00` followed by 40 characters, next to an Okta name.', ['okta'], '00[A-Za-z0-9=_-]{40}'),
  P('onepassword-service-account-token', '1Password service account token', '1Password service-account token: `ops_eyJ` followed by base64 JSON (250+ characters).', 'ops_eyJ[A-Za-z0-9+/]{250,}={0,3}'),
  P('onepassword-secret-key', '1Password secret key', '1Password account Secret Key: `A3-`, a 6-character account id and 26 characters in dash-separated groups.', 'A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}'),
  C('hubspot-api-key', 'HubSpot API key (legacy)', 'Legacy HubSpot API key: a UUID next to a HubSpot name.', ['hubspot'], UUID),
  P('hubspot-private-app-token', 'HubSpot private app token', 'HubSpot private app access token: `pat-na1-` / `pat-eu1-` and a UUID.', `pat-(?:na|eu)[12]-${UUID}`),
  P('mapbox-api-token', 'Mapbox public token', 'Mapbox token: `pk.`, a 60-character base64 JSON, `.` and a 22-character signature.', 'pk\\.[A-Za-z0-9]{60}\\.[A-Za-z0-9]{22}'),
  P('mapbox-secret-token', 'Mapbox secret token', 'Mapbox secret token: `sk.eyJ` (base64 JSON), `.` and a signature.', 'sk\\.eyJ[A-Za-z0-9_-]{50,400}\\.[A-Za-z0-9_-]{20,100}'),
  C('algolia-api-key', 'Algolia API key', 'Algolia admin / search key: 32 hex characters next to an Algolia name.', ['algolia'], '[a-z0-9]{32}'),
  C('contentful-delivery-api-token', 'Contentful API token', 'Contentful delivery / management token: 43 characters next to a Contentful name.', ['contentful'], '[A-Za-z0-9=_-]{43}'),
  P('contentful-pat', 'Contentful personal access token', 'Contentful CMA personal token: `CFPAT-` followed by 43 characters.', 'CFPAT-[A-Za-z0-9_-]{43}'),
  P('typeform-api-token', 'Typeform personal token', 'Typeform personal access token: `tfp_` followed by 59 characters.', 'tfp_[A-Za-z0-9=_.-]{59}'),
  C('beamer-api-token', 'Beamer API key', 'Beamer API key: `b_` followed by 44 characters, next to a Beamer name.', ['beamer'], 'b_[a-z0-9=_-]{44}'),
  C('adafruit-api-key', 'Adafruit IO key', 'Adafruit IO key: 32 characters next to an Adafruit name.', ['adafruit'], '[a-z0-9_-]{32}'),
  C('adobe-client-id', 'Adobe client ID', 'Adobe I/O client id (API key): 32 hex characters next to an Adobe name.', ['adobe'], '[a-f0-9]{32}'),
  P('adobe-client-secret', 'Adobe client secret', 'Adobe I/O client secret: `p8e-` followed by 32 alphanumerics.', 'p8e-[A-Za-z0-9]{32}'),
  P('authress-service-client-access-key', 'Authress service client key', 'Authress access key: `sc_`/`ext_`/`scauth_`/`authress_` id, account, `acc_…` and a base64 secret, dot-separated.', '(?:sc|ext|scauth|authress)_[a-z0-9]{5,30}\\.[a-z0-9]{4,6}\\.acc[_-][a-z0-9-]{10,32}\\.[a-z0-9+/_=-]{30,120}'),
  C('dropbox-api-token', 'Dropbox app key', 'Dropbox app key / secret: 15 alphanumerics next to a Dropbox name.', ['dropbox'], '[a-z0-9]{15}'),
  P('dropbox-short-lived-api-token', 'Dropbox short-lived token', 'Dropbox short-lived access token: `sl.` followed by 130–152 characters.', 'sl\\.[A-Za-z0-9_-]{130,152}'),
  C('dropbox-long-lived-api-token', 'Dropbox long-lived token', 'Dropbox long-lived token: 11 characters, `AAAAAAAAAA` and 43 characters, next to a Dropbox name.', ['dropbox'], '[a-z0-9]{11}AAAAAAAAAA[a-z0-9_=-]{43}', { allowLowEntropy: true }),
  C('etsy-access-token', 'Etsy API key', 'Etsy API key: 24 alphanumerics next to an Etsy name.', ['etsy'], '[a-z0-9]{24}'),
  C('finnhub-access-token', 'Finnhub API key', 'Finnhub API key: 20 alphanumerics next to a Finnhub name.', ['finnhub'], '[a-z0-9]{20}'),
  C('flickr-access-token', 'Flickr API key', 'Flickr API key: 32 alphanumerics next to a Flickr name.', ['flickr'], '[a-z0-9]{32}'),
  P('frameio-api-token', 'Frame.io developer token', 'Frame.io token: `fio-u-` followed by 64 characters.', 'fio-u-[A-Za-z0-9_=-]{64}'),
  C('looker-client-id', 'Looker client ID', 'Looker API client id: 20 alphanumerics next to a Looker name.', ['looker'], '[a-z0-9]{20}'),
  C('looker-client-secret', 'Looker client secret', 'Looker API client secret: 24 alphanumerics next to a Looker name.', ['looker'], '[a-z0-9]{24}'),
  P('maxmind-license-key', 'MaxMind license key', 'MaxMind license key: 6 alphanumerics, `_`, 29 alphanumerics and `_mmk`.', '[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk'),
  C('nytimes-access-token', 'New York Times API key', 'NYTimes API key: 32 characters next to a NYTimes name.', ['nytimes', 'new-york-times', 'newyorktimes'], '[a-z0-9=_-]{32}'),
  C('rapidapi-access-token', 'RapidAPI key', 'RapidAPI key: 50 characters next to a RapidAPI name.', ['rapidapi'], '[a-z0-9_-]{50}'),
  MC('sumologic-access-id', 'Sumo Logic access ID', 'Sumo Logic access id: `su` followed by 12 alphanumerics, next to a Sumo name.', ['sumo'], 'su[A-Za-z0-9]{12}'),
  MC('sumologic-access-token', 'Sumo Logic access key', 'Sumo Logic access key: 64 alphanumerics next to a Sumo name.', ['sumo'], '[A-Za-z0-9]{64}'),
  C('sidekiq-secret', 'Sidekiq Enterprise credentials', 'Sidekiq Pro/Enterprise gem credentials: `8hex:8hex` set as BUNDLE_ENTERPRISE__CONTRIBSYS__COM or BUNDLE_GEMS__CONTRIBSYS__COM.', ['bundle_enterprise__contribsys__com', 'bundle_gems__contribsys__com'], '[a-f0-9]{8}:[a-f0-9]{8}', { allowLowEntropy: true }),
  P('sidekiq-sensitive-url', 'Sidekiq Enterprise source URL', 'A gems/enterprise.contribsys.com URL carrying `8hex:8hex@` credentials.', 'https?://([a-f0-9]{8}:[a-f0-9]{8})@(?:gems|enterprise)\\.contribsys\\.com', { allowLowEntropy: true }),
  P('settlemint-personal-access-token', 'SettleMint personal access token', 'SettleMint PAT: `sm_pat_` followed by 16 alphanumerics.', 'sm_pat_[A-Za-z0-9]{16}'),
  P('settlemint-application-access-token', 'SettleMint application token', 'SettleMint application access token: `sm_aat_` followed by 16 alphanumerics.', 'sm_aat_[A-Za-z0-9]{16}'),
  P('settlemint-service-access-token', 'SettleMint service token', 'SettleMint service access token: `sm_sat_` followed by 16 alphanumerics.', 'sm_sat_[A-Za-z0-9]{16}'),
  MC('cisco-meraki-api-key', 'Cisco Meraki API key', 'Cisco Meraki dashboard API key: 40 hex characters next to a Meraki name.', ['meraki'], '[0-9a-f]{40}'),
  P('intra42-client-secret', '42 Intra client secret', '42 school Intra API secret: `s-s4t2ud-` / `s-s4t2af-` followed by 64 hex characters.', 's-s4t2(?:ud|af)-[a-f0-9]{64}'),
  C('confluent-access-token', 'Confluent Cloud API key', 'Confluent Cloud API key: 16 alphanumerics next to a Confluent name.', ['confluent'], '[a-z0-9]{16}'),
  C('confluent-secret-key', 'Confluent Cloud API secret', 'Confluent Cloud API secret: 64 characters next to a Confluent name.', ['confluent'], '[A-Za-z0-9+/]{64}'),
  P('databricks-api-token', 'Databricks access token', 'Databricks PAT: `dapi` followed by 32 hex characters (optionally `-N`).', 'dapi[a-f0-9]{32}(?:-\\d)?'),
  C('segment-write-key', 'Segment write key', 'Segment source write key: 32 alphanumerics next to a Segment name.', ['segment_write', 'segmentwrite', 'segment_key', 'segment_api'], '[A-Za-z0-9]{32}'),
  MC('pagerduty-api-key', 'PagerDuty API key', 'PagerDuty REST API key: 20 characters next to a PagerDuty name.', ['pagerduty'], '[A-Za-z0-9_+-]{20}'),
  MC('opsgenie-api-key', 'Opsgenie API key', 'Opsgenie API key: a UUID next to an Opsgenie name.', ['opsgenie'], UUID),
  MC('rollbar-access-token', 'Rollbar access token', 'Rollbar access token: 32 hex characters next to a Rollbar name.', ['rollbar'], '[a-f0-9]{32}'),
  MC('bugsnag-api-key', 'Bugsnag API key', 'Bugsnag notifier / data-access key: 32 hex characters next to a Bugsnag name.', ['bugsnag'], '[a-f0-9]{32}'),
  MC('honeycomb-api-key', 'Honeycomb API key', 'Honeycomb ingest / configuration key: 22–32 alphanumerics next to a Honeycomb name.', ['honeycomb'], '[A-Za-z0-9]{22,32}'),
  MC('splunk-hec-token', 'Splunk HEC token', 'Splunk HTTP Event Collector token: a UUID next to a Splunk / HEC name.', ['splunk', 'hec_token'], UUID),
  C('trello-api-key', 'Trello API key', 'Trello API key / token: 32 hex (key) or 64 hex (token) next to a Trello name.', ['trello'], '[a-f0-9]{64}|[a-f0-9]{32}'),
  P('trello-token', 'Trello token', 'Trello / Atlassian user token: `ATTA` followed by 60+ alphanumerics.', 'ATTA[A-Za-z0-9]{60,80}'),
  P('clickup-api-token', 'ClickUp personal token', 'ClickUp personal API token: `pk_`, a numeric user id, `_` and 32 upper-case alphanumerics.', 'pk_[0-9]{6,10}_[A-Z0-9]{32}'),
  C('todoist-api-token', 'Todoist API token', 'Todoist API token: 40 hex characters next to a Todoist name.', ['todoist'], '[a-f0-9]{40}'),
  P('salesforce-access-token', 'Salesforce access token', 'Salesforce OAuth access / session token: the 15-character org id (`00D…`), `!` and ~100 characters.', '00D[A-Za-z0-9]{12,15}![A-Za-z0-9._]{80,140}'),
  P('zoho-access-token', 'Zoho OAuth token', 'Zoho OAuth access / refresh token: `1000.`, 32 hex, `.` and 32 hex characters.', '1000\\.[a-f0-9]{32}\\.[a-f0-9]{32}'),
  C('calendly-api-key', 'Calendly API key (legacy)', 'Legacy Calendly API key: 32 upper-case alphanumerics next to a Calendly name.', ['calendly'], '[A-Z0-9]{32}'),
  C('mixpanel-api-secret', 'Mixpanel API secret', 'Mixpanel project API secret: 32 hex characters next to a Mixpanel name.', ['mixpanel'], '[a-f0-9]{32}'),
];
