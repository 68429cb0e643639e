/** Context words: their presence near a value raises its score. */
export const PHONE_CONTEXT: readonly string[] = [
  'phone', 'telephone', 'tel', 'mobile', 'cell', 'cellphone', 'call', 'contact', 'reach', 'fax', 'whatsapp', 'dial',
  'text me', 'sms', 'number', 'registered', 'answering', 'messages', 'message', 'ring', 'phoned', 'texted', 'landline', 'telefon', 'téléphone', 'teléfono', 'telefono', 'handy', 'portable',
];

/** Near a bare number, these say it is a business reference rather than personal data. */
export const NEGATIVE_NUMBER_CONTEXT =
  /\b(?:order|invoice|tracking|isbn|version|build|ticket|reference|ref|sku|model|part|item|product|batch|lot|issue|pr|commit)\b/;

const cache = new Map<string, RegExp>();

/** One regex per word list (built once), matching any of the words as whole words. */
export function contextTest(words: readonly string[]): RegExp {
  const key = words.join('\u0000');
  let re = cache.get(key);
  if (!re) {
    const alts = words.map((w) => w.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    re = new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${alts.join('|')})(?:e?s)?(?=$|[^\\p{L}])`, 'u');
    cache.set(key, re);
  }
  return re;
}
