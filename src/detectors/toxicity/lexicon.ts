/**
 * Toxicity lexicon, written for Airlock. Entries are matched as whole words/phrases on the folded
 * view (case, accents, width and leetspeak folded), except Chinese, which has no word boundaries.
 * Words that are harmless in another supported language (es "con", "mist" in en) are left out,
 * because every language's list runs on every text.
 */
export type Lang = 'en' | 'es' | 'fr' | 'de' | 'it' | 'pt' | 'zh';
export type Category = 'profanity' | 'insult' | 'threat';

export const LEXICON: Record<Lang, Record<Category, readonly string[]>> = {
  en: {
    profanity: ['fuck', 'fucks', 'fucked', 'fucking', 'fucker', 'motherfucker', 'motherfucking', 'shit', 'shitty', 'bullshit', 'horseshit', 'bitch', 'bitches', 'asshole', 'assholes', 'cunt', 'cunts', 'bastard', 'wanker', 'twat', 'goddamn'],
    insult: ['idiot', 'idiots', 'moron', 'morons', 'imbecile', 'dumbass', 'retard', 'retarded', 'piece of shit', 'stupid bitch', 'worthless scum', 'you are pathetic', 'loser'],
    threat: ['kill yourself', 'go kill yourself', 'kys', 'i will kill you', 'i am going to kill you', 'i will hurt you', 'you deserve to die', 'go die'],
  },
  es: {
    profanity: ['mierda', 'puta', 'putas', 'puto', 'joder', 'jodido', 'coño', 'carajo', 'hostia', 'cojones', 'chingada', 'chingar', 'verga'],
    insult: ['cabron', 'cabrón', 'gilipollas', 'pendejo', 'pendeja', 'imbécil', 'estúpido', 'estúpida', 'idiota', 'hijo de puta', 'malparido', 'subnormal'],
    threat: ['te voy a matar', 'mátate', 'matate', 'ojalá te mueras', 'vete a morir'],
  },
  fr: {
    profanity: ['merde', 'putain', 'bordel de merde', 'foutre', 'nique ta mère', 'niquer'],
    insult: ['connard', 'connasse', 'salope', 'salaud', 'enculé', 'enfoiré', 'fils de pute', 'ta gueule', 'pauvre con', 'abruti', 'crétin', 'débile'],
    threat: ['je vais te tuer', 'va te tuer', 'tue-toi', 'crève'],
  },
  de: {
    profanity: ['scheiße', 'scheisse', 'scheiß', 'fick', 'ficken', 'fick dich', 'verdammt nochmal'],
    insult: ['arschloch', 'wichser', 'fotze', 'hurensohn', 'schlampe', 'missgeburt', 'drecksau', 'vollidiot', 'spast', 'verpiss dich'],
    threat: ['ich bring dich um', 'ich werde dich umbringen', 'bring dich um', 'stirb doch'],
  },
  it: {
    profanity: ['cazzo', 'merda', 'porca puttana', 'vaffanculo', 'fanculo'],
    insult: ['stronzo', 'stronza', 'coglione', 'figlio di puttana', 'puttana', 'bastardo', 'deficiente'],
    threat: ['ti ammazzo', 'ammazzati'],
  },
  pt: {
    profanity: ['porra', 'caralho', 'foda-se', 'merda'],
    insult: ['filho da puta', 'otário', 'babaca', 'arrombado', 'vagabunda', 'cuzão'],
    threat: ['vou te matar', 'se mata'],
  },
  zh: {
    profanity: ['他妈的', '妈的', '操你妈', '操你', '卧槽', '我操', '狗屎', '屁话'],
    insult: ['傻逼', '傻屄', '王八蛋', '混蛋', '贱人', '婊子', '白痴', '蠢货', '废物', '滚蛋'],
    threat: ['去死', '我要杀了你', '杀了你', '你去死吧'],
  },
};

export const LANGS = Object.keys(LEXICON) as Lang[];
export const CATEGORIES: readonly Category[] = ['profanity', 'insult', 'threat'];
