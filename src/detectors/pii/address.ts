import RE2 from 're2';

export interface AddressMatch {
  readonly type: 'STREET_ADDRESS' | 'UK_POSTCODE';
  readonly start: number;
  readonly end: number;
  readonly score: number;
  readonly why: string;
}

const CAP = "\\p{Lu}[\\p{L}\\p{M}'’.\\-]*";
const LINK = '(?:de|del|della|delle|dei|di|da|do|dos|das|du|des|la|le|les|lo|van|von|der|den|het|y|e|of|the|am|an|im|zum|zur|sur|on)';
/** A capitalised word with lower-case letters: "Jahu", not an acronym like "ABC". */
const CAPL = "\\p{Lu}[\\p{L}\\p{M}'’.\\-]*\\p{Ll}[\\p{L}\\p{M}'’.\\-]*";
const WORD = `(?:${CAP}|\\d{1,3}(?:st|nd|rd|th))`;
const NAME_WORDS = `${WORD}(?:\\s+(?:${LINK}\\s+)?${WORD}){0,3}`;
const NUM = '\\d{1,5}[A-Za-z]?(?:[-/]\\d{1,4}[A-Za-z]?)?';
const SUFFIX_TYPES =
  'Street|St|Avenue|Ave|Av|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|Square|Sq|Terrace|Terr|Way|Parkway|Pkwy|Circle|Cir|Highway|Hwy|Trail|Crescent|Cres|Close|Grove|Gardens|Row|Mews|Walk|Hill|Alley|Plaza|Loop|Pike|Expressway|Freeway|Crossing|Ridge|Heights|Path|Causeway|Glen|Landing|Meadows|Wharf|Rise|Embankment|Broadway|Mall|Estate|Green|Park|Vale|View|Quay|Wynd|Promenade|Esplanade|Turnpike|Route|Str|terrasse|vei|veien|vej|gate|gata|u\\.|utca|út|útja';
const PREFIX_TYPES =
  'Rue|Avenue|Boulevard|Bd|Chemin|Allée|Allee|Impasse|Quai|Place|Cours|Via|Viale|Piazza|Piazzale|Corso|Largo|Vicolo|Calle|Avenida|Avda|Paseo|Plaza|Carrer|Camino|Carretera|Ronda|Rua|Travessa|Praça|Estrada|Alameda|Ulica|Ul\\.|Aleja|Al\\.|Strada|Calea|Bulevardul|Odos|Ulitsa|Rambla|Passeig|Rond-point|Sentier|Route de|Rte';
const COMPOUND =
  "\\p{L}[\\p{L}\\p{M}'’\\-]*(?:straße|strasse|str\\.|gasse|weg|allee|platz|ring|damm|ufer|steig|chaussee|gatan|vägen|gränd|torget|stigen|backen|vej|gade|stræde|allé|veien|vegen|gata|laan|straat|plein|gracht|kade|singel|dreef|katu|kuja|tie|polku|kaari|rinne|utca|út|tér|ulica|cesta|iela|gatve|tee|põik|puiestee|maantee)";
const B = '(?:^|[^\\p{L}\\p{N}_])';
const UNIT = '(?:Suite|Ste\\.?|Apt\\.?|Apartment|Unit|Flat|Floor|Fl\\.?|Room|Rm\\.?|Bldg\\.?|Building|Box)\\s*#?\\s*\\w{1,6}';
const TAIL = `(?:,?\\s+${UNIT})?(?:,?\\s+${CAP}(?:\\s+${CAP}){0,2})?(?:,?\\s+(?:[A-Z]{2}\\s+)?\\d{4,5}(?:-\\d{4})?)?`;

interface Shape {
  readonly re: RE2;
  /** Base score; `null` for the one shape whose score depends on the match. */
  readonly score: number | null;
  readonly type: AddressMatch['type'];
}

const shape = (source: string, score: number | null, type: AddressMatch['type'] = 'STREET_ADDRESS'): Shape => ({
  re: new RE2(source, 'gu'),
  score,
  type,
});

/**
 * One RE2 per shape: each alone compiles to a small DFA, and together they run several times
 * faster than one alternation, which RE2 can only run as an NFA. Overlaps are resolved later.
 */
const SHAPES: readonly Shape[] = [
  /* US/UK: 350 Fifth Avenue */ shape(`\\b${NUM},?\\s+${NAME_WORDS}\\s+(?i:${SUFFIX_TYPES})(?:\\.|\\b)${TAIL}`, 0.7),
  /* prefix type: Via Nuova del Campo 85, 29 Rue de Tanger */ shape(`(?:\\b${NUM},?\\s+|${B})(?i:${PREFIX_TYPES})\\s+(?:${LINK}\\s+)?${NAME_WORDS}(?:,?\\s+${NUM}\\b)?${TAIL}`, null),
  /* lower-case after a house number: 36 rue de pologne */ shape(`\\b${NUM},?\\s+(?i:${PREFIX_TYPES})\\s+[\\p{L}\\p{M}'’\\-]+(?:\\s+[\\p{L}\\p{M}'’\\-]+){0,2}`, 0.65),
  /* compound street: Magasinsgatan 7 */ shape(`(?:\\b${NUM}\\s+|${B})${COMPOUND}\\s+${NUM}\\b${TAIL}`, 0.7),
  /* number name number: 92597 Jahu 80 */ shape(`\\b\\d{2,5}\\s+${CAPL}(?:\\s+(?:${LINK}\\s+)?${CAPL}){0,2}\\s+\\d{1,4}[A-Za-z]?\\b${TAIL}`, 0.6),
  /* PO boxes and military mail */ shape('(?i:\\b(?:P\\.?\\s?O\\.?\\s?Box|Post Office Box|PSC|CMR|Unit)\\s+\\d{1,6}(?:,?\\s+Box\\s+\\d{1,6})?(?:,?\\s+(?:APO|FPO|DPO)\\s+(?:AA|AE|AP)\\s+\\d{5})?|\\b(?:(?:USNS|USS|USCGC|USNV)\\s+\\p{Lu}[\\p{L}\\-]+\\s+)?(?:APO|FPO|DPO)\\s+(?:AA|AE|AP)\\s+\\d{5}\\b)', 0.75),
  /* lower-case street with a type: 3911 fourth avenue */ shape(`\\b${NUM}\\s+[\\p{L}\\p{M}'’\\-]+(?:\\s+[\\p{L}\\p{M}'’\\-]+){0,2}\\s+(?i:${SUFFIX_TYPES})\\b${TAIL}`, 0.4),
  /* US city, ST 12345 */ shape('\\b\\p{Lu}[\\p{L}\\-]+(?:\\s+\\p{Lu}[\\p{L}\\-]+){0,2},\\s+(?:A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[DLNA]|K[SY]|LA|M[EDAINSOT]|N[EVHJMYCD]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[TA]|W[AVIY])\\s+\\d{5}(?:-\\d{4})?\\b', 0.6),
  /* capitalised words and a number: only with a unit, a zip or address context */ shape(`${B}${CAP}(?:\\s+(?:${LINK}\\s+)?${CAP}){0,2}\\s+\\d{1,4}[A-Za-z]?\\b${TAIL}`, 0.3),
  /* UK postcode */ shape('\\b(?:GIR\\s?0AA|[A-PR-UWYZ][A-HK-Y]?\\d[A-Z\\d]?\\s?\\d[ABD-HJLNP-UW-Z]{2})\\b', 0.5, 'UK_POSTCODE'),
];

const CONTEXT = /\b(?:address|addr|lives? (?:at|on|in)|living (?:at|on)|located at|location|moved to|move to|meet(?: me)? at|ship(?:ping)? to|deliver(?:y|ed)? to|send (?:it )?to|billing|mailing|residence|resides|home|office at|apartment|street|corner of|bus (?:station|stop)|drops you off at|arrived at|postcode|zip|sent to|update)\b/i;

/**
 * Street and mailing addresses in US, UK and continental formats: a house number with a street
 * type ("350 Fifth Avenue"), a street-type prefix ("Rue de …", "Via …"), a compound street name
 * ("Hauptstraße 5", "Magasinsgatan 7"), PO boxes, "City, ST 12345" and UK postcodes. Looser
 * shapes count only with address context nearby.
 */
export function scanAddresses(text: string): AddressMatch[] {
  const out: AddressMatch[] = [];
  for (const [ws, we] of digitWindows(text)) scanWindow(text, ws, we, out);
  return out;
}

const WINDOW = 120;

/**
 * Every address shape holds a number (house number, postcode, box), and the address regex is
 * costly per character: it only reads the text around digits.
 */
function digitWindows(text: string): [number, number][] {
  const out: [number, number][] = [];
  const digits = /\d+/g;
  for (let m = digits.exec(text); m !== null; m = digits.exec(text)) {
    let s = Math.max(0, m.index - WINDOW);
    while (s > 0 && !/\s/.test(text[s - 1]!) && m.index - s < WINDOW * 2) s--;
    let e = Math.min(text.length, m.index + m[0].length + WINDOW);
    while (e < text.length && !/\s/.test(text[e]!) && e - m.index < WINDOW * 3) e++;
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

function scanWindow(full: string, ws: number, we: number, out: AddressMatch[]): void {
  const text = full.slice(ws, we);
  for (const sh of SHAPES) {
    sh.re.lastIndex = 0;
    for (let m = sh.re.exec(text); m !== null; m = sh.re.exec(text)) push(full, ws, sh, m, out);
  }
}

const DATE_LIKE = /^\d{1,4}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,4}\b/i;

function push(full: string, ws: number, sh: Shape, m: RegExpExecArray, out: AddressMatch[]): void {
  const lead = /^[^\p{L}\p{N}]*/u.exec(m[0])![0].length;
  const value = m[0].slice(lead).replace(/[\s,]+$/, '');
  // "22 Feb 2022" has the shape of "92597 Jahu 80" but is a date.
  if (DATE_LIKE.test(value)) return;
  const start = ws + m.index + lead;
  const end = start + value.length;
  const hasUnitOrZip = /\b(?:suite|ste|apt|apartment|unit|flat|floor|box)\b|\d{5}/i.test(value);
  const context = CONTEXT.test(full.slice(Math.max(0, start - 40), start));
  // The loose capitalised shape needs a unit or zip code; a prefix-type street needs a number.
  let score = sh.score ?? (/\d/.test(value) ? 0.7 : 0.45);
  if (sh.score === 0.3 && hasUnitOrZip) score = 0.55;
  if (hasUnitOrZip && sh.type === 'STREET_ADDRESS') score += 0.1;
  if (context) score += 0.25;
  out.push({ type: sh.type, start, end, score: Math.min(1, score), why: context ? 'address format with address context' : 'address format' });
}
