import type { SecretRule } from '../types.js';
import { UUID, contexts, patterns } from './helpers.js';

const P = patterns('payment');
const C = contexts('payment');
const X = patterns('crypto-exchange');
const XC = contexts('crypto-exchange');

/** Payments, commerce, shipping and crypto exchanges. */
export const PAYMENT_RULES: readonly SecretRule[] = [
  P('stripe-access-token', 'Stripe secret key', 'Stripe secret API key: `sk_live_` / `sk_test_` / `sk_prod_` followed by 10–99 alphanumerics.', 'sk_(?:live|test|prod)_[A-Za-z0-9]{10,99}'),
  P('stripe-restricted-key', 'Stripe restricted key', 'Stripe restricted API key: `rk_live_` / `rk_test_` followed by 10–99 alphanumerics.', 'rk_(?:live|test|prod)_[A-Za-z0-9]{10,99}'),
  P('stripe-webhook-secret', 'Stripe webhook signing secret', 'Stripe webhook endpoint signing secret: `whsec_` followed by 32+ alphanumerics.', 'whsec_[A-Za-z0-9+/]{32,88}'),
  P('square-access-token', 'Square access token', 'Square access token: `EAAA` + 60 characters, or legacy `sq0atp-` + 22 characters.', '(?:EAAA[A-Za-z0-9_-]{60}|sq0atp-[\\w-]{22,60})'),
  P('square-oauth-secret', 'Square OAuth secret', 'Square application secret: `sq0csp-` followed by 43 characters.', 'sq0csp-[\\w-]{43}'),
  P('braintree-access-token', 'PayPal Braintree access token', 'Braintree (PayPal) gateway access token: `access_token$production$<16>$<32 hex>` (or `$sandbox$`).', 'access_token\\$(?:production|sandbox)\\$[a-z0-9]{16}\\$[a-f0-9]{32}'),
  C('paypal-client-secret', 'PayPal REST client secret', 'PayPal REST API client secret: 80 characters next to a PayPal secret name.', ['paypal_secret', 'paypal_client_secret', 'paypalsecret', 'paypal-secret'], '[A-Za-z0-9_-]{80}'),
  P('plaid-api-token', 'Plaid access token', 'Plaid item access token: `access-sandbox-` / `access-development-` / `access-production-` and a UUID.', `access-(?:sandbox|development|production)-${UUID}`),
  C('plaid-client-id', 'Plaid client ID', 'Plaid client id: 24 alphanumerics next to a Plaid name.', ['plaid'], '[A-Za-z0-9]{24}'),
  C('plaid-secret-key', 'Plaid secret', 'Plaid API secret: 30 alphanumerics next to a Plaid name.', ['plaid'], '[A-Za-z0-9]{30}'),
  P('flutterwave-public-key', 'Flutterwave public key', 'Flutterwave public key: `FLWPUBK_TEST-` / `FLWPUBK-`, 32 hex characters and `-X`.', 'FLWPUBK(?:_TEST)?-[a-h0-9]{32}-X'),
  P('flutterwave-secret-key', 'Flutterwave secret key', 'Flutterwave secret key: `FLWSECK_TEST-` / `FLWSECK-`, 32 hex characters and `-X`.', 'FLWSECK(?:_TEST)?-[a-h0-9]{32}-X'),
  P('flutterwave-encryption-key', 'Flutterwave encryption key', 'Flutterwave encryption key: `FLWSECK_TEST` / `FLWSECK` followed by 12 hex characters.', 'FLWSECK(?:_TEST)?-?[a-h0-9]{12}', { right: 'token' }),
  C('gocardless-api-token', 'GoCardless access token', 'GoCardless access token: `live_` / `sandbox_` and 40 characters, next to a GoCardless name.', ['gocardless'], '(?:live|sandbox)_[A-Za-z0-9_=-]{40}'),
  P('shopify-access-token', 'Shopify access token', 'Shopify Admin API access token: `shpat_` followed by 32 hex characters.', 'shpat_[a-fA-F0-9]{32}'),
  P('shopify-custom-access-token', 'Shopify custom app token', 'Shopify custom app access token: `shpca_` followed by 32 hex characters.', 'shpca_[a-fA-F0-9]{32}'),
  P('shopify-private-app-access-token', 'Shopify private app token', 'Shopify private app password: `shppa_` followed by 32 hex characters.', 'shppa_[a-fA-F0-9]{32}'),
  P('shopify-shared-secret', 'Shopify shared secret', 'Shopify app shared secret: `shpss_` followed by 32 hex characters.', 'shpss_[a-fA-F0-9]{32}'),
  P('razorpay-api-key', 'Razorpay key', 'Razorpay API key id: `rzp_live_` / `rzp_test_` followed by 14 alphanumerics.', 'rzp_(?:live|test)_[A-Za-z0-9]{14}'),
  C('mollie-api-key', 'Mollie API key', 'Mollie API key: `live_` / `test_` and 30 alphanumerics next to a Mollie name.', ['mollie'], '(?:live|test)_[A-Za-z0-9]{30}'),
  P('shippo-api-token', 'Shippo API token', 'Shippo API token: `shippo_live_` / `shippo_test_` followed by 40 hex characters.', 'shippo_(?:live|test)_[a-fA-F0-9]{40}'),
  P('easypost-api-token', 'EasyPost production key', 'EasyPost production API key: `EZAK` followed by 54 alphanumerics.', 'EZAK[A-Za-z0-9]{54}'),
  P('easypost-test-api-token', 'EasyPost test key', 'EasyPost test API key: `EZTK` followed by 54 alphanumerics.', 'EZTK[A-Za-z0-9]{54}'),
  C('lob-api-key', 'Lob secret API key', 'Lob API key: `live_` / `test_` and 35 hex characters next to a Lob name.', ['lob_', 'lob-', 'lobtoken', 'lob_api'], '(?:live|test)_[a-f0-9]{35}'),
  C('lob-pub-api-key', 'Lob publishable key', 'Lob publishable key: `live_pub_` / `test_pub_` and 31 hex characters next to a Lob name.', ['lob_', 'lob-', 'lobtoken', 'lob_api'], '(?:test|live)_pub_[a-f0-9]{31}'),
  P('duffel-api-token', 'Duffel API token', 'Duffel API token: `duffel_test_` / `duffel_live_` followed by 43 characters.', 'duffel_(?:test|live)_[A-Za-z0-9_=-]{43}'),
  C('finicity-client-secret', 'Finicity client secret', 'Finicity (Mastercard Open Banking) client secret: 20 alphanumerics next to a Finicity name.', ['finicity'], '[a-z0-9]{20}'),
  C('finicity-api-token', 'Finicity app key', 'Finicity app key: 32 hex characters next to a Finicity name.', ['finicity'], '[a-f0-9]{32}'),
  C('freshbooks-access-token', 'FreshBooks access token', 'FreshBooks OAuth token: 64 alphanumerics next to a FreshBooks name.', ['freshbooks'], '[a-z0-9]{64}'),
  P('freemius-secret-key', 'Freemius secret key', 'Freemius SDK secret key in a PHP config array: `"secret_key" => "sk_…"` with 29 characters.', '["\']?secret_key["\']?\\s*=>\\s*["\'](sk_[^\\s"\']{29})["\']', { left: 'none' }),
  C('squarespace-access-token', 'Squarespace API key', 'Squarespace API key: a UUID next to a Squarespace name.', ['squarespace'], UUID),
  P('paddle-api-key', 'Paddle API key', 'Paddle Billing API key: `pdl_live_apikey_` / `pdl_sdbx_apikey_` followed by 26 + 22 + 3 characters.', 'pdl_(?:live|sdbx)_apikey_[a-z0-9]{26}_[A-Za-z0-9]{22}_[A-Za-z0-9]{3}'),
  XC('coinbase-access-token', 'Coinbase access token', 'Coinbase API token: 64 characters next to a Coinbase name.', ['coinbase'], '[a-z0-9_-]{64}'),
  XC('kraken-access-token', 'Kraken API secret', 'Kraken private API key: 80–90 base64 characters next to a Kraken name.', ['kraken'], '[A-Za-z0-9/=_+-]{80,90}'),
  XC('kucoin-access-token', 'KuCoin API key', 'KuCoin API key: 24 hex characters next to a KuCoin name.', ['kucoin'], '[a-f0-9]{24}'),
  XC('kucoin-secret-key', 'KuCoin API secret', 'KuCoin API secret: a UUID next to a KuCoin name.', ['kucoin'], UUID),
  XC('bittrex-access-key', 'Bittrex API key', 'Bittrex API key or secret: 32 alphanumerics next to a Bittrex name.', ['bittrex'], '[a-z0-9]{32}'),
  XC('binance-api-key', 'Binance API key', 'Binance API key or secret: 64 alphanumerics next to a Binance name.', ['binance'], '[A-Za-z0-9]{64}'),
  XC('bitfinex-api-key', 'Bitfinex API key', 'Bitfinex API key or secret: 43 alphanumerics next to a Bitfinex name.', ['bitfinex'], '[A-Za-z0-9]{43}'),
  X('ethereum-private-key', 'Ethereum private key', 'An Ethereum / EVM account private key: `0x` and 64 hex characters assigned to a private-key name.', '(?i:private[_-]?key|privkey|mnemonic_key|wallet_key)["\']?\\s*[:=]\\s*["\']?(0x[a-fA-F0-9]{64})', { left: 'alnum' }),
  X('bitcoin-wif-private-key', 'Bitcoin WIF private key', 'A Bitcoin private key in Wallet Import Format (base58, 51–52 characters, starting 5, K or L) assigned to a key name.', '(?i:private[_-]?key|privkey|wif)["\']?\\s*[:=]\\s*["\']?([5KL][1-9A-HJ-NP-Za-km-z]{50,51})', { left: 'alnum' }),
];
