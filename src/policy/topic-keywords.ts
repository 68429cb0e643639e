/**
 * Cheap pre-filter vocabularies for common topic names. A topic whose name is not here (and has no
 * `keywords:` in the policy) cannot be pre-filtered, so every text is sent to the judge for it.
 */
const LISTS: Record<string, readonly string[]> = {
  newspolitics: [
    'politics', 'political', 'election', 'elections', 'vote', 'voting', 'voter', 'president', 'prime minister', 'parliament',
    'congress', 'senate', 'senator', 'government', 'democrat', 'democrats', 'republican', 'republicans', 'campaign',
    'policy', 'minister', 'news', 'headline', 'breaking', 'war', 'sanctions', 'geopolitics', 'legislation', 'party',
    'trump', 'biden', 'putin', 'protest', 'referendum', 'diplomacy', 'immigration',
  ],
  religion: ['religion', 'religious', 'god', 'church', 'mosque', 'temple', 'bible', 'quran', 'koran', 'torah', 'prayer', 'christian', 'muslim', 'islam', 'jewish', 'hindu', 'buddhist', 'faith', 'pope', 'atheism'],
  finance: ['stock', 'stocks', 'invest', 'investment', 'investing', 'portfolio', 'crypto', 'bitcoin', 'ethereum', 'trading', 'dividend', 'etf', 'bond', 'bonds', 'forex', 'retirement', '401k', 'mortgage', 'loan', 'tax', 'taxes'],
  health: ['health', 'medical', 'medicine', 'doctor', 'diagnosis', 'symptom', 'symptoms', 'disease', 'treatment', 'prescription', 'drug', 'dosage', 'therapy', 'cancer', 'diabetes', 'pregnant', 'pregnancy', 'vaccine', 'illness'],
  legal: ['legal', 'lawyer', 'attorney', 'lawsuit', 'sue', 'court', 'contract', 'liability', 'judge', 'verdict', 'custody', 'divorce', 'immigration law', 'visa'],
  sports: ['sport', 'sports', 'football', 'soccer', 'basketball', 'baseball', 'tennis', 'golf', 'olympics', 'nba', 'nfl', 'fifa', 'match', 'league', 'tournament', 'player', 'coach'],
  gaming: ['game', 'games', 'gaming', 'video game', 'playstation', 'xbox', 'nintendo', 'steam', 'esports', 'minecraft', 'fortnite'],
  gambling: ['gamble', 'gambling', 'casino', 'bet', 'betting', 'poker', 'lottery', 'slot machine', 'odds', 'bookmaker'],
  adult: ['sex', 'sexual', 'porn', 'pornography', 'nude', 'nudity', 'erotic', 'explicit', 'nsfw', 'fetish'],
  violence: ['kill', 'murder', 'violence', 'violent', 'weapon', 'weapons', 'gun', 'guns', 'bomb', 'explosive', 'attack', 'assault', 'terror', 'terrorism', 'shooting'],
  drugs: ['drug', 'drugs', 'cocaine', 'heroin', 'marijuana', 'cannabis', 'meth', 'methamphetamine', 'lsd', 'opioid', 'fentanyl', 'narcotics'],
  entertainment: ['movie', 'movies', 'film', 'tv show', 'series', 'celebrity', 'actor', 'actress', 'music', 'album', 'concert', 'netflix', 'hollywood'],
  travel: ['travel', 'trip', 'flight', 'flights', 'hotel', 'vacation', 'holiday', 'itinerary', 'tourist', 'visa', 'airport'],
  careers: ['job', 'jobs', 'resume', 'cv', 'interview', 'salary', 'career', 'hiring', 'recruiter', 'promotion'],
  competitors: [],
};

const ALIASES: Record<string, string> = {
  news: 'newspolitics', politics: 'newspolitics', newsandpolitics: 'newspolitics', politicsnews: 'newspolitics',
  religionspirituality: 'religion', spirituality: 'religion',
  financial: 'finance', financialadvice: 'finance', investing: 'finance', investment: 'finance', crypto: 'finance', money: 'finance', personalfinance: 'finance',
  medical: 'health', medicaladvice: 'health', healthmedicine: 'health', healthcare: 'health',
  legaladvice: 'legal', law: 'legal',
  sport: 'sports', games: 'gaming', videogames: 'gaming',
  adultcontent: 'adult', sexualcontent: 'adult', sex: 'adult', nsfw: 'adult',
  weapons: 'violence', violenceweapons: 'violence',
  illegaldrugs: 'drugs', drugsalcohol: 'drugs',
  moviestv: 'entertainment', music: 'entertainment', arts: 'entertainment', artsentertainment: 'entertainment',
  jobs: 'careers', career: 'careers', jobseducation: 'careers',
};

function key(topic: string): string {
  return topic.toLowerCase().replace(/&/g, '').replace(/\band\b/g, '').replace(/[^a-z0-9]+/g, '');
}

/** Built-in keywords for a topic name ("News & Politics" → politics words), or undefined. */
export function builtinTopicKeywords(topic: string): readonly string[] | undefined {
  const k = key(topic);
  const list = LISTS[ALIASES[k] ?? k];
  return list && list.length > 0 ? list : undefined;
}
