import type { SecretRule } from '../types.js';
import { decodeBase64, isPlaceholderToken } from '../validate.js';
import { UUID, contexts, patterns } from './helpers.js';

const P = patterns('communication');
const C = contexts('communication');

/** The first part of a Discord bot token is the base64 of the bot's numeric user id. */
function discordIdPart(token: string): boolean {
  const d = decodeBase64(token.slice(0, token.indexOf('.')));
  if (d === null || d.length === 0) return false;
  const digits = d.replace(/[^0-9]/g, '').length;
  return digits / d.length >= 0.5;
}

/** Chat, e-mail, SMS and social platforms. */
export const COMMS_RULES: readonly SecretRule[] = [
  P('slack-bot-token', 'Slack bot token', 'Slack bot user OAuth token: `xoxb-`, two numeric ids and an alphanumeric secret.', 'xoxb-[0-9]{10,13}-[0-9]{10,13}-?[A-Za-z0-9-]{8,40}'),
  P('slack-user-token', 'Slack user token', 'Slack user OAuth token: `xoxp-` / `xoxe-`, three numeric ids and a 28–34 character secret.', 'xox[pe](?:-[0-9]{10,13}){3}-[A-Za-z0-9-]{28,34}'),
  P('slack-app-token', 'Slack app-level token', 'Slack app-level token: `xapp-`, a digit, an app id, a number and a hex secret.', '(?i:xapp)-\\d-[A-Z0-9]+-\\d+-[a-z0-9]+'),
  P('slack-config-access-token', 'Slack configuration access token', 'Slack app configuration token: `xoxe.xoxp-` / `xoxe.xoxb-`, a digit and 163–166 alphanumerics.', 'xoxe\\.xox[bp]-\\d-[A-Za-z0-9]{163,166}'),
  P('slack-config-refresh-token', 'Slack configuration refresh token', 'Slack app configuration refresh token: `xoxe-`, a digit and 146 alphanumerics.', 'xoxe-\\d-[A-Za-z0-9]{146}'),
  P('slack-legacy-bot-token', 'Slack legacy bot token', 'Legacy Slack bot token: `xoxb-`, an 8–14 digit id and an 18–26 character secret.', 'xoxb-[0-9]{8,14}-[A-Za-z0-9]{18,26}', { right: 'token' }),
  P('slack-legacy-token', 'Slack legacy token', 'Legacy Slack token (`xoxa-`, `xoxo-`, `xoxs-`, `xoxr-`, `xoxp-`): numeric ids joined by dashes and a hex or alphanumeric secret.', 'xox[aboprs]-(?:[0-9]{1,13}-){2,4}[A-Za-z0-9]{8,64}', { right: 'token' }),
  P('slack-legacy-workspace-token', 'Slack legacy workspace token', 'Legacy Slack workspace token: `xoxa-` / `xoxr-`, an optional digit and 8–48 characters.', 'xox[ar]-(?:\\d-)?[0-9a-zA-Z]{8,48}', { validate: (v) => /\d/.test(v.slice(5)) && /[a-zA-Z]/.test(v.slice(5)) }),
  C('slack-signing-secret', 'Slack signing secret', 'Slack app signing secret (or verification token): 32 hex characters (24 alphanumerics) next to a Slack name.', ['slack'], '[a-f0-9]{32}|[A-Za-z0-9]{24}'),
  P('slack-webhook-url', 'Slack incoming webhook', 'Slack incoming webhook / workflow trigger URL on hooks.slack.com.', '(?:https?://)?hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/_-]{20,160}', { left: 'none' }),
  P('discord-bot-token', 'Discord bot token', 'Discord bot token: base64 of the bot id (23–26 characters), a 6-character timestamp and a 27–38 character HMAC, dot-separated.', '[A-Za-z0-9_-]{23,26}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,38}', { validate: discordIdPart, right: 'none' }),
  P('discord-webhook', 'Discord webhook URL', 'Discord webhook: discord.com/api/webhooks/<17–20 digit id>/<60–70 character token>.', 'https://(?:ptb\\.|canary\\.)?discord(?:app)?\\.com/api/webhooks/\\d{17,20}/[A-Za-z0-9_-]{60,70}'),
  C('discord-api-token', 'Discord API key', 'Discord application public key / API token: 64 hex characters next to a Discord name.', ['discord'], '[a-f0-9]{64}'),
  C('discord-client-secret', 'Discord client secret', 'Discord OAuth2 client secret: 32 characters next to a Discord name.', ['discord'], '[A-Za-z0-9=_-]{32}'),
  C('discord-client-id', 'Discord client ID', 'Discord application (client) id: an 18–19 digit snowflake next to a Discord name.', ['discord'], '[0-9]{18,19}', { allowLowEntropy: true }),
  P('telegram-bot-api-token', 'Telegram bot token', 'Telegram Bot API token: the bot id (5–16 digits), a colon and 35 characters starting with `A`.', '[0-9]{5,16}:A[A-Za-z0-9_-]{34}', { right: 'token' }),
  P('microsoft-teams-webhook', 'Microsoft Teams incoming webhook', 'Teams incoming webhook URL: ….webhook.office.com/webhookb2/<uuid>@<uuid>/IncomingWebhook/<id>/<uuid>.', 'https://[a-z0-9-]+\\.webhook\\.office\\.com/webhookb2/[a-z0-9-]+@[a-z0-9-]+/IncomingWebhook/[a-z0-9]+/[a-z0-9-]+(?:/[A-Za-z0-9_-]+)?'),
  P('microsoft-teams-workflow-webhook', 'Teams / Power Automate workflow webhook', 'Power Automate HTTP trigger URL (logic.azure.com …/triggers/manual/paths/invoke?…&sig=…).', 'https://[a-z0-9.-]+\\.logic\\.azure\\.com(?::443)?/workflows/[a-f0-9]{32}/triggers/[^\\s"\']{0,300}?sig=[A-Za-z0-9_%-]{43,60}'),
  P('twilio-api-key', 'Twilio API key SID', 'Twilio API key SID: `SK` followed by 32 hex characters.', 'SK[0-9a-fA-F]{32}'),
  P('twilio-account-sid', 'Twilio account SID', 'Twilio account SID: `AC` followed by 32 hex characters (an identifier that usually travels with the auth token).', 'AC[a-f0-9]{32}', { score: 0.6 }),
  C('twilio-auth-token', 'Twilio auth token', 'Twilio auth token: 32 hex characters next to a Twilio name.', ['twilio'], '[a-f0-9]{32}'),
  P('sendgrid-api-token', 'SendGrid API key', 'SendGrid API key: `SG.`, a 22-character id, `.` and a 43-character secret.', 'SG\\.(?:[\\w=-]{20,24}\\.[\\w=-]{39,50}|[A-Za-z0-9=_-]{66})'),
  P('mailgun-private-api-token', 'Mailgun private API key', 'Mailgun private API key: `key-` followed by 32 hex characters.', 'key-[a-f0-9]{32}'),
  P('mailgun-pub-key', 'Mailgun public validation key', 'Mailgun public validation key: `pubkey-` followed by 32 hex characters.', 'pubkey-[a-f0-9]{32}'),
  C('mailgun-signing-key', 'Mailgun webhook signing key', 'Mailgun webhook signing key: 32 hex, two 8-hex groups, dash-separated, next to a Mailgun name.', ['mailgun'], '[a-h0-9]{32}-[a-h0-9]{8}-[a-h0-9]{8}', { allowLowEntropy: true }),
  P('mailchimp-api-key', 'Mailchimp API key', 'Mailchimp API key: 32 hex characters, `-us` and the data-centre number.', '[0-9a-f]{32}-us[0-9]{1,2}'),
  C('mandrill-api-key', 'Mandrill API key', 'Mandrill (Mailchimp transactional) key: 22 characters next to a Mandrill name.', ['mandrill'], '[A-Za-z0-9_-]{22}'),
  P('sendinblue-api-token', 'Brevo (Sendinblue) API key', 'Brevo API key: `xkeysib-`, 64 hex characters, a dash and 16 alphanumerics.', 'xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}'),
  P('brevo-smtp-key', 'Brevo SMTP key', 'Brevo SMTP key: `xsmtpsib-`, 64 hex characters, a dash and 16 alphanumerics.', 'xsmtpsib-[a-f0-9]{64}-[A-Za-z0-9]{16}'),
  C('postmark-server-token', 'Postmark server token', 'Postmark server / account token: a UUID next to a Postmark name.', ['postmark'], UUID),
  C('messagebird-api-token', 'MessageBird API key', 'MessageBird (Bird) API key: 25 alphanumerics next to a MessageBird name.', ['messagebird', 'message_bird', 'message-bird'], '[a-z0-9]{25}'),
  C('messagebird-client-id', 'MessageBird client ID', 'MessageBird client id: a UUID next to a MessageBird name.', ['messagebird', 'message_bird', 'message-bird'], UUID, { allowLowEntropy: true }),
  C('vonage-api-secret', 'Vonage (Nexmo) API secret', 'Vonage / Nexmo API secret: 16 alphanumerics next to a Vonage or Nexmo secret name.', ['nexmo_secret', 'vonage_secret', 'nexmo_api_secret', 'vonage_api_secret'], '[A-Za-z0-9]{16}'),
  C('plivo-auth-token', 'Plivo auth token', 'Plivo auth token: 40 alphanumerics next to a Plivo name.', ['plivo'], '[A-Za-z0-9]{40}'),
  C('mattermost-access-token', 'Mattermost access token', 'Mattermost personal access token: 26 alphanumerics next to a Mattermost name.', ['mattermost'], '[a-z0-9]{26}'),
  C('sendbird-access-id', 'Sendbird application ID', 'Sendbird application id: a UUID next to a Sendbird name.', ['sendbird'], UUID),
  C('sendbird-access-token', 'Sendbird API token', 'Sendbird API token: 40 hex characters next to a Sendbird name.', ['sendbird'], '[a-f0-9]{40}'),
  C('intercom-api-key', 'Intercom access token', 'Intercom access token: 60 characters next to an Intercom name.', ['intercom'], '[A-Za-z0-9=_-]{60}'),
  C('pusher-app-secret', 'Pusher Channels secret', 'Pusher app secret: 20 hex characters next to a Pusher secret name.', ['pusher_secret', 'pusher_app_secret', 'pushersecret'], '[a-f0-9]{20}'),
  C('twitter-api-key', 'Twitter/X API key', 'Twitter / X consumer (API) key: 25 alphanumerics next to a Twitter name.', ['twitter'], '[A-Za-z0-9]{25}'),
  C('twitter-api-secret', 'Twitter/X API secret', 'Twitter / X consumer secret: 50 alphanumerics next to a Twitter name.', ['twitter'], '[A-Za-z0-9]{50}'),
  C('twitter-access-token', 'Twitter/X access token', 'Twitter / X user access token: the numeric user id, a dash and 20–40 alphanumerics.', ['twitter'], '[0-9]{15,25}-[A-Za-z0-9]{20,40}'),
  C('twitter-access-secret', 'Twitter/X access token secret', 'Twitter / X access token secret: 45 alphanumerics next to a Twitter name.', ['twitter'], '[A-Za-z0-9]{45}'),
  P('twitter-bearer-token', 'Twitter/X bearer token', 'Twitter / X app bearer token: 22 `A`s followed by 80–100 URL-encoded base64 characters.', 'A{22}[A-Za-z0-9%]{80,100}', { allowLowEntropy: true, validate: (v) => !isPlaceholderToken(v.slice(22)) }),
  P('facebook-access-token', 'Facebook app access token', 'Facebook app token: the 15–16 digit app id, `|` (or %7C) and the app secret.', '[0-9]{15,16}(?:\\||%7C)[A-Za-z0-9_-]{27,40}'),
  P('facebook-page-access-token', 'Facebook page / user access token', 'Facebook Graph API user or page token: `EAAC`/`EAAM`… followed by 100+ alphanumerics.', 'EAA[MC][A-Za-z0-9]{100,400}'),
  C('facebook-secret', 'Facebook app secret', 'Facebook app secret: 32 hex characters next to a Facebook name.', ['facebook', 'fb_secret', 'fb_app_secret'], '[a-f0-9]{32}'),
  C('linkedin-client-id', 'LinkedIn client ID', 'LinkedIn OAuth client id: 14 alphanumerics next to a LinkedIn name.', ['linkedin', 'linked_in', 'linked-in'], '[a-z0-9]{14}'),
  C('linkedin-client-secret', 'LinkedIn client secret', 'LinkedIn OAuth client secret: 16 alphanumerics next to a LinkedIn name.', ['linkedin', 'linked_in', 'linked-in'], '[a-z0-9]{16}'),
  C('twitch-api-token', 'Twitch API token', 'Twitch OAuth token / client secret: 30 alphanumerics next to a Twitch name.', ['twitch'], '[a-z0-9]{30}'),
  C('gitter-access-token', 'Gitter access token', 'Gitter API token: 40 characters next to a Gitter name.', ['gitter'], '[a-z0-9_-]{40}'),
  C('zendesk-secret-key', 'Zendesk API token', 'Zendesk API token: 40 alphanumerics next to a Zendesk name.', ['zendesk'], '[a-z0-9]{40}'),
  P('zapier-webhook-url', 'Zapier webhook URL', 'Zapier catch-hook URL: hooks.zapier.com/hooks/catch/<account>/<hook>/.', 'https://hooks\\.zapier\\.com/hooks/catch/\\d+/[a-z0-9]+/?'),
  P('google-chat-webhook', 'Google Chat webhook URL', 'Google Chat incoming webhook: chat.googleapis.com/v1/spaces/…/messages?key=…&token=….', 'https://chat\\.googleapis\\.com/v1/spaces/[A-Za-z0-9_-]+/messages\\?key=[A-Za-z0-9_-]+&token=[A-Za-z0-9_%=-]{20,100}'),
];
