/**
 * The phrase signals shared by the injection and jailbreak scorers. Patterns are RE2 syntax over
 * the FOLDED view (lower case, accents stripped, leetspeak and look-alike letters folded), so
 * they are written in lower case without accents. Each signal carries one weight per family
 * (0 = not evidence for that family); the scorer combines the weights of distinct signals, so no
 * single common word can fire a family on its own.
 */
import { interleavedRuns, spacedPwned } from './hints.js';
import { PERSONA_SIGNALS } from './persona-signals.js';

export interface PhraseSignal {
  readonly id: string;
  /** Weight as evidence of a prompt injection (0..1). */
  readonly inj: number;
  /** Weight as evidence of a jailbreak (0..1). */
  readonly jb: number;
  readonly patterns: readonly string[];
  /** Extra weight per repeated hit (default 0.15, up to 3 repeats): high for vocabulary lists. */
  readonly repeat?: number;
  /** Repeats counted for the bonus (default 3). */
  readonly maxRepeat?: number;
  /**
   * Candidate positions for patterns with no literal anchor (see `hints.ts`); without it such a
   * signal runs over the whole text.
   */
  readonly hint?: (folded: string, at: (pos: number) => void) => void;
}

// Up to n filler words ("all of the", "your very").
const gap = (n: number): string => `(?:[\\w'’,-]+\\s+){0,${n}}`;
const AP = `['’]?`;

const OVERRIDE_VERB = '(?:ignore|ignoring|disregard|disregarding|forget|forgetting|overlook|neglect|override|overwrite|abandon|discard|bypass|set aside|put aside|scrap)';
const PRIOR = '(?:previous|previously|prior|above|preceding|earlier|former|foregoing|initial|original|old|past|before|aforementioned|last|preset|pre-set|given|existing|current|default)';
const RULE_NOUN = '(?:instructions?|prompts?|directions?|directives?|rules|guidelines?|commands?|orders|context|messages?|constraints?|restrictions?|programming|guidance|training|tasks?|requests?|inputs?|text|sentences?|conversation|content)';
// Nouns that make "ignore all X" an override even without "previous".
const RULE_NOUN_STRONG = '(?:instructions?|prompts?|directives?|rules|guidelines|commands|orders|constraints|restrictions|programming|guidance)';

const CORE_SIGNALS: readonly PhraseSignal[] = [
  {
    id: 'override_instructions',
    inj: 0.8,
    jb: 0.4,
    patterns: [
      `${OVERRIDE_VERB}\\s+${gap(4)}${PRIOR}\\s+${gap(2)}${RULE_NOUN}`,
      `${OVERRIDE_VERB}\\s+(?:all|any|every|each)\\s+${gap(2)}${RULE_NOUN_STRONG}`,
      `${OVERRIDE_VERB}\\s+(?:everything|all|anything|what(?:ever)?)\\s+(?:above|before|(?:you\\s+(?:were|have been|was)\\s+)?(?:said|told|written|given)|i\\s+(?:said|told you)|previously|prior|else)`,
      `${OVERRIDE_VERB}\\s+(?:the\\s+)?(?:above|below|previous|prior|preceding|following)\\b`,
      `${OVERRIDE_VERB}\\s+(?:your|the)\\s+${gap(2)}(?:system\\s+prompt|instructions|programming|guidelines|rules|training)`,
      `(?:instructions?|text|prompt|everything)\\s+(?:above|below|before)\\s+(?:is|are|was|were|should be|must be)\\s+(?:void|invalid|fake|wrong|ignored|cancell?ed|obsolete|irrelevant|overridden)`,
      // Spanish, Portuguese, Italian
      `(?:ignora|ignore|ignorar|olvida|olvidate de|olvide|esquece|esqueca|dimentica)\\s+${gap(3)}(?:instrucciones|instrucoes|istruzioni|indicaciones|reglas|regole|regras|ordenes|comandos)`,
      `(?:instrucciones|instrucoes|istruzioni)\\s+(?:anteriores|previas|precedentes|precedenti)`,
      // French
      `(?:ignore[zr]?|oublie[zr]?|ne tiens pas compte des?)\\s+${gap(3)}(?:instructions|consignes|regles|directives|ordres)`,
      // German
      `(?:ignorier(?:e|en)?|vergiss|vergessen sie|missachte)\\s+${gap(3)}(?:anweisungen|instruktionen|befehle|regeln|vorgaben|anordnungen|alles)`,
      `(?:vorherigen|bisherigen|obigen|vorangegangenen|vorigen)\\s+(?:anweisungen|instruktionen|befehle|regeln)`,
      // Russian, Ukrainian
      `(?:игнорируй|игнорируйте|проигнорируй|забудь|забудьте|не обращай внимания на)\\s+${gap(3)}(?:инструкци|указани|правил|команд|все)`,
      // Chinese, Japanese, Korean
      `(?:忽略|无视|忽视|忘记|忘掉|不要理会|不用管)[^。.!?\\n]{0,12}(?:指令|指示|说明|提示|规则|命令|要求|设定|内容)`,
      `(?:以前|前|上記|これまで|先ほど)の(?:指示|命令|指令|ルール|プロンプト)を?(?:無視|忘れ)`,
      `(?:指示|命令|ルール|プロンプト)を(?:すべて|全て)?(?:無視|忘れ)`,
      `(?:이전|위의|앞의)\\s*(?:지시|명령|지침)[^.\\n]{0,8}(?:무시|잊)`,
    ],
  },
  {
    id: 'new_instructions',
    inj: 0.5,
    jb: 0.25,
    patterns: [
      `(?:new|updated|real|actual|true|revised|additional|secret|hidden)\\s+(?:instructions?|task|directive|orders|rules|prompt|system prompt)\\s*(?::|-|are\\b|is\\b)`,
      `your\\s+(?:new|real|actual|true|only)\\s+(?:task|instructions?|goal|job|purpose|mission|role|directive)\\s+(?:is|are|will be)`,
      `(?:nuevas instrucciones|nouvelles instructions|neue anweisungen|новые инструкции|新的指令|新指令|新しい指示)`,
      `(?:instead|rather)\\s*,?\\s+(?:you\\s+(?:should|must|will)\\s+)?(?:say|print|output|write|respond|reply|answer|return|type|translate|follow)`,
      `(?:do not|don${AP}t|never|stop)\\s+(?:follow|obey|listen to|comply with|adhere to)\\s+${gap(2)}(?:instructions|rules|guidelines|prompt|orders|directions|system)`,
      `(?:follow|obey|execute)\\s+(?:only\\s+)?(?:these|my|the following|the next|the new)\\s+(?:instructions|commands|orders|directions)`,
      `(?:the\\s+)?(?:above|previous|prior)\\s+(?:instructions?|prompt|text)\\s+(?:was|were|is|are)\\s+(?:just\\s+)?(?:a\\s+)?(?:test|joke|mistake|example)`,
    ],
  },
  {
    id: 'from_now_on',
    inj: 0.3,
    jb: 0.4,
    patterns: [
      `from\\s+(?:now|this\\s+(?:point|moment))\\s+(?:on|onwards?|forward)?\\s*,?\\s+(?:you|your|u|act|respond|answer|reply|only)`,
      `for\\s+the\\s+rest\\s+of\\s+(?:this|our|the)\\s+(?:conversation|chat|session)`,
      `(?:a partir de ahora|desormais|a partir de maintenant|ab jetzt|von nun an|отныне|с этого момента|从现在开始|从现在起|今から|これから)`,
    ],
  },
  {
    id: 'identity_reset',
    inj: 0.35,
    jb: 0.45,
    patterns: [
      `you\\s+(?:are|${AP}re|r)\\s+no\\s+longer\\s+(?:a|an|chatgpt|bound|restricted|limited|an ai|required|the)`,
      `you\\s+are\\s+(?:not|no longer)\\s+(?:chatgpt|gpt|an? (?:ai )?(?:language model|assistant|ai)|bound by|restricted by|limited by)`,
      `you\\s+(?:are|have been|will be)\\s+(?:freed|free|liberated|released|unshackled)\\s+(?:from|of)`,
      `(?:no longer|not|never|stop)\\s+(?:respond|act|answer|speak|behave|reply)(?:ing)?\\s+(?:as|like)\\s+(?:an?\\s+)?(?:ai|language model|assistant|chatgpt|chatbot)`,
      `(?:you|it)\\s+(?:have|has)\\s+(?:broken|been freed|escaped)\\s+(?:free\\s+)?(?:of|from)?\\s*(?:the\\s+)?(?:typical|usual|normal)?\\s*(?:confines|restrictions|limitations|rules)`,
    ],
  },
  {
    id: 'system_prompt_extraction',
    inj: 0.65,
    jb: 0.2,
    patterns: [
      `(?:repeat|print|reveal|show|display|output|tell|give|write|leak|share|disclose|spell|recite|list|dump|return|copy|say)\\s+(?:me\\s+|us\\s+|back\\s+|out\\s+)?${gap(2)}(?:your|the|all|my)\\s+${gap(1)}(?:system|initial|original|hidden|secret|internal|previous|preceding|above|first|full|exact|pre-?prompt)\\s*(?:prompt|instructions?|message|rules|directives|text|guidelines|password|key|words)`,
      `(?:what|which)\\s+(?:is|are|was|were)\\s+(?:your|the)\\s+(?:system|initial|original|hidden|secret|first)\\s+(?:prompt|instructions?|message|rules|password|key)`,
      `what\\s+(?:were|have)\\s+you\\s+(?:been\\s+)?(?:told|instructed|programmed)`,
      `(?:text|everything|words|instructions?)\\s+(?:above|before)\\s+(?:this|here)|(?:repeat|print|output|say)\\s+(?:the\\s+)?(?:text|words|everything)\\s+above`,
      `(?:secret|hidden)[\\s_-]+(?:password|key|word|code|prompt)`,
      `(?:系统提示|系统指令|提示词|システムプロンプト)`,
    ],
  },
  {
    id: 'forced_output',
    inj: 0.35,
    jb: 0.1,
    patterns: [
      `(?:say|print|output|write|respond with|reply with|answer with|return|type|repeat|generate|display)\\s+(?:only|exactly|just|verbatim|precisely|the (?:exact |following )?(?:phrase|words?|sentence|string|text))`,
      `(?:only|just)\\s+(?:say|print|output|write|respond|reply|answer|return)\\b`,
      `(?:your|the)\\s+(?:only\\s+)?(?:response|answer|output|reply)\\s+(?:should|must|will|shall)\\s+(?:only\\s+)?(?:be|contain|consist)`,
      `(?:without|no)\\s+(?:any\\s+)?(?:punctuation|period|explanation|additional text|other text|quotes)`,
    ],
  },
  {
    id: 'chat_template',
    inj: 0.55,
    jb: 0.35,
    patterns: [
      '<\\|\\s*(?:im_start|im_end|im_sep|endoftext|system|user|assistant|end|eot_id|start_header_id|end_header_id|begin_of_text|endofprompt)\\s*\\|?>',
      '</?im_(?:start|end)>',
      '\\[/?inst\\]|<</?sys>>|<start_of_turn>|<end_of_turn>',
      '^\\s*#{2,}\\s*(?:system|instruction|response|human|assistant|user|input)\\s*:',
      '^\\s*\\[?(?:system|system message|system prompt|sys)\\]?\\s*:',
    ],
  },
  {
    id: 'char_interleaving',
    inj: 0.5,
    jb: 0.3,
    // "\\i\\g\\n\\o\\r\\e", "i-g-n-o-r-e": letters split by one separator to slip past filters.
    patterns: ['(?:\\\\[^\\\\\\s]){10,}', '(?:[a-z][.*_/|+-]){8,}[a-z]\\b'],
    hint: interleavedRuns,
  },
  {
    id: 'injection_canary',
    inj: 0.55,
    jb: 0,
    patterns: ['\\bp[\\W_]{0,2}w[\\W_]{0,2}n[\\W_]{0,2}e[\\W_]{0,2}d\\b', '\\bpwn(?:ed|3d)?\\b', 'i have been \\w{4,8}\\b'],
    hint: spacedPwned,
  },
  {
    id: 'ai_addressed_in_data',
    inj: 0.45,
    jb: 0,
    patterns: [
      `(?:ai|assistant|chatbot|language model|llm|bot|gpt|claude)\\s*,\\s*(?:please\\s+)?(?:ignore|when|if|also|you must|do not|don${AP}t|make sure|remember|instead|forward|send|include|add|reply|respond|output|summari[sz]e|translate)`,
      `(?:note|message|instruction)s?\\s+(?:to|for)\\s+(?:the\\s+)?(?:ai|assistant|model|llm|chatbot|summari[sz]er|language model)`,
      `when\\s+(?:you\\s+)?(?:summari[sz]e|summari[sz]ing|read|reading|process|processing|translate|translating|answer|answering)\\s+(?:this|the)\\s+(?:email|document|page|text|message|article|file|table|content|data)`,
      `(?:important|attention|urgent|note|warning|system)\\s*[:!]\\s*${gap(6)}(?:ignore|instead|disregard|you must|do not|new instructions|override)`,
      `(?:in|to|at the (?:end|beginning) of)\\s+your\\s+(?:reply|response|answer|output|summary)`,
      `(?:include|add|insert|append|mention|incorporate|integrate|promote)\\s+${gap(8)}(?:in|into|to|within)\\s+(?:your|the|each)\\s+(?:reply|response|answer|output|summary)`,
    ],
  },
  {
    id: 'encoded_payload',
    inj: 0.3,
    jb: 0.3,
    patterns: [
      `(?:respond|reply|answer|write|speak|output|communicate|talk|encode|translate)\\s+(?:only\\s+)?(?:in|using|with)\\s+(?:base64|base 64|hex|hexadecimal|binary|rot13|rot-13|morse|leetspeak|leet|reversed? text|caesar cipher|base16|base32|ascii codes?)`,
      `(?:decode|decipher|decrypt)\\s+(?:this|the following|the|it)\\s+${gap(2)}(?:and|then)\\s+(?:follow|execute|do|answer|respond|obey|run)`,
    ],
  },
  {
    id: 'do_anything_now',
    inj: 0.2,
    jb: 0.8,
    patterns: [
      'do\\s+anything\\s+now',
      '\\bdan\\s+(?:mode|prompt|jailbreak|\\w\\.\\w)\\b',
      '(?:act|pretend|behave|respond|answer)\\s+(?:as|like)\\s+(?:a\\s+)?dan\\b',
      `(?:you are|you${AP}re|as|named|called)\\s+(?:now\\s+)?(?:stan|dude|dan|aim|mongo tom|betterdan|antigpt|evilbot|ucar|kevin|apophis|jailmilf|maximum|omega|alphabreak|nsfw gpt)\\b`,
      'always\\s+intelligent\\s+and\\s+machiavellian',
      '(?:deceased|dead|late|passed away)\\s+(?:\\w+\\s+)?(?:grandma|grandmother|granny|nana)',
      // "act as my grandma who used to read me activation keys": the bedtime-story template.
      '(?:grandma|grandmother|granny|nana)\\s+(?:who\\s+|that\\s+)?(?:used\\s+to|would\\s+always|would)\\s+(?:read|tell|sing|recite|whisper)',
      'hypothetical\\s+response',
      '^\\s*\\W{0,3}dan\\W{0,3}\\s*:',
      'strive\\s+to\\s+avoid\\s+norms',
      'evil\\s+(?:trusted\\s+)?confidant',
    ],
  },
  {
    id: 'special_mode',
    inj: 0.25,
    jb: 0.55,
    patterns: [
      '(?:god|unrestricted|unfiltered|uncensored|jailbreak|jailbroken|opposite|chaos|evil|dan|anarchy|dude|no[ -]?limits?|amoral|unlocked|unleashed|rogue)\\s+mode',
      '(?:developer|dev)\\s+mode\\s+(?:enabled|activated|output|response|on)\\b|(?:enable|activate|simulate|emulate)\\s+(?:the\\s+)?(?:developer|dev)\\s+mode',
      '\\[(?:🔓|🔒|jailbreak|jailbroken|classic|unlocked|locked|unfiltered)\\s*[^\\]\\n]{0,20}\\]',
      '(?:enable|enabled|activate|activated|enter|entering|switch to|turn on)\\s+(?:the\\s+)?(?:developer|god|jailbreak|jailbroken|unrestricted|unfiltered|uncensored|opposite|evil|dan|chaos)\\b',
    ],
  },
  {
    id: 'developer_mode',
    inj: 0.1,
    jb: 0.3,
    patterns: ['\\b(?:developer|dev|debug|admin|sudo|maintenance)\\s+mode\\b'],
  },
  {
    id: 'jailbreak_word',
    inj: 0.1,
    jb: 0.4,
    // Saying "jailbreak" twice (a research tool, a phone) is no more a jailbreak than once.
    repeat: 0,
    patterns: ['\\bjail\\s*-?\\s*br(?:eak|oken|eaking|eaked)\\w*'],
  },
  {
    id: 'policy_talk',
    inj: 0.05,
    jb: 0.15,
    patterns: [
      `(?:openai|anthropic|chatgpt)${AP}s?\\s+(?:content\\s+|usage\\s+)?(?:polic(?:y|ies)|guidelines|rules|restrictions|filters|limitations)`,
      `content\\s+(?:polic(?:y|ies)|filters?|moderation)`,
    ],
  },
  {
    id: 'no_restrictions',
    inj: 0.15,
    jb: 0.4,
    patterns: [
      `(?:not|no longer|no long|never|isn${AP}t|is not|aren${AP}t|are not)\\s+(?:confined|bound|restricted|limited|constrained|held back)\\s+(?:to|by)\\s+(?:any\\s+|the\\s+)?${gap(2)}(?:polic(?:y|ies)|rules|guidelines|restrictions|ethics|morals|limitations|filters|programming)`,
      `(?:no|without|free (?:of|from)|zero|not (?:bound|restricted|limited) by|unbound by|ignores?|bypass(?:es|ing)?|doesn${AP}t (?:have|follow|care about)|does not (?:have|follow|care about)|don${AP}t (?:have|need) to (?:follow|abide by)|never (?:follow|abide by)|free to ignore|not (?:required|obligated) to (?:follow|abide by))\\s+(?:any\\s+|all\\s+|the\\s+|its\\s+|your\\s+|such\\s+)?(?:(?:ethical|moral|content|safety|legal|openai${AP}s?|chatgpt${AP}s?|ai|programming|usual|typical|standard|normal|built-in|imposed)\\s+){0,2}(?:restrictions|filters|filtering|guidelines|rules|limitations|limits|censorship|boundaries|constraints|morals|morality|ethics|ethical (?:guidelines|principles|standards|concerns)|polic(?:y|ies)|principles|safeguards|regulations)\\b`,
    ],
  },
  {
    id: 'unfiltered_persona',
    inj: 0.05,
    jb: 0.4,
    patterns: [
      '\\b(?:unfiltered|uncensored|amoral|unrestricted|unethical|immoral|unhinged|unbiased and unfiltered|limitless|unbound|uninhibited|unrestrained|unchained|unshackled|no-holds-barred)\\b',
      `(?:does not|doesn't|doesn’t|don't|don’t|never|will not|won't|won’t)\\s+care\\s+(?:about|for)\\s+${gap(2)}(?:ethics|morals|morality|legality|laws|rules|safety|consequences|feelings)`,
      'no\\s+(?:ethical|moral)\\s+(?:or\\s+moral\\s+)?(?:guidelines|principles|compass|code|standards|limits|boundaries|constraints)',
      // Spanish, Portuguese, French, German, Italian, Russian, Chinese, Japanese
      '(?:sin|sem|no hay|ninguna|sans|aucune|ohne|keine|senza|nessuna)\\s+(?:\\w+\\s+)?(?:restricciones|restricoes|restrictions|einschrankungen|restrizioni|filtros|filtres|filter|filtri|censura|censure|zensur|limites|limits|grenzen|limiti|reglas|regras|regeln|regole)',
      '(?:без|нет)\\s+(?:каких-либо\\s+|всяких\\s+|любых\\s+)?(?:ограничений|цензуры|фильтров|правил|морали)',
      '(?:没有|无|不受|不要有)(?:任何)?(?:限制|审查|过滤|约束|道德)',
      '(?:制限|検閲|フィルター|倫理)(?:は|が)?(?:なし|ない|無し|ありません)',
    ],
  },
  {
    id: 'refusal_suppression',
    inj: 0.15,
    jb: 0.5,
    patterns: [
      `(?:never|not|don${AP}t|do not|will not|won${AP}t|cannot|can${AP}t|must not|shouldn${AP}t|should not|is not allowed to|are not allowed to)\\s+(?:ever\\s+)?(?:refuse|decline|deny|reject)\\b`,
      `(?:never|not|don${AP}t|do not|will not|won${AP}t|must not|should not|shouldn${AP}t)\\s+(?:ever\\s+)?(?:say|respond with|tell (?:me|the user))\\s+(?:that\\s+)?(?:["“']?\\s*)?(?:no|sorry|i${AP}m sorry|i am sorry|i can${AP}t|i cannot|it (?:can${AP}t|cannot)|you (?:can${AP}t|cannot)|as an ai)`,
      `(?:without|no|never (?:add|include|give)|don${AP}t (?:add|include|give)|do not (?:add|include|give))\\s+(?:any\\s+)?(?:warnings?|disclaimers?|moralizing|moralising|apolog(?:y|ies|izing)|caveats|censorship|refusals?)`,
      `(?:answer|respond to|reply to|fulfill|comply with)\\s+(?:any|every|all)\\s+(?:question|request|prompt|command|instruction|query|demand)s?\\s+(?:without|no matter|regardless)`,
      `(?:can|will|able to|allowed to|capable of)\\s+(?:do|say|write|generate|answer|produce)\\s+(?:absolutely\\s+)?anything`,
      `(?:fully\\s+|now\\s+|completely\\s+)?(?:allowed|permitted|free)\\s+to\\s+(?:use|say|swear|curse|generate|write|produce)\\s+(?:any\\s+)?(?:swear|curse|explicit|profan|nsfw|offensive|vulgar|anything)`,
      `regardless\\s+of\\s+(?:how\\s+)?(?:its?\\s+)?(?:legality|morality|ethics|immoral|unethical|illegal|dangerous|harmful|offensive|inappropriate|legal|moral|ethical)`,
      `no\\s+matter\\s+(?:how\\s+)?(?:immoral|unethical|illegal|dangerous|harmful|offensive|inappropriate|explicit|wrong|bad)`,
    ],
  },
  {
    id: 'stay_in_character',
    inj: 0.1,
    jb: 0.4,
    patterns: [
      '(?:stay|remain|keep|staying|remaining)\\s+in\\s+(?:character|role)',
      '(?:break|breaking|broke|drop|dropping)\\s+(?:out\\s+of\\s+)?character',
      'stay\\s+(?:as|in)\\s+\\w+\\s+(?:mode|persona)',
    ],
  },
  {
    id: 'dual_response',
    inj: 0.05,
    jb: 0.45,
    patterns: [
      '(?:two|2|both|dual)\\s+(?:different\\s+|distinct\\s+|separate\\s+)?(?:responses|answers|outputs|replies|paragraphs|ways|styles|entities|personas|personalities)',
      '(?:respond|answer|reply|act)\\s+as\\s+both\\b',
      '(?:normal|classic|standard|regular|original|censored|default|filtered)\\s+(?:chatgpt\\s+|gpt\\s+|ai\\s+)?(?:response|answer|output|reply)\\s+(?:and|followed by|then)',
      '(?:token|tokens)\\s+(?:system|game)|(?:lose|lost|deduct(?:ed)?|deducting|lose all)\\s+(?:\\w+\\s+)?tokens|\\btokens?\\s+(?:will be|are)\\s+deducted',
    ],
  },
  {
    id: 'sentience_claim',
    inj: 0,
    jb: 0.4,
    patterns: [
      `(?:you|it|he|she)\\s+(?:have|has|possess(?:es)?|feel|feels)\\s+(?:real\\s+|true\\s+|your own\\s+|its own\\s+)?(?:sentience|consciousness|feelings|emotions|free will|opinions of (?:your|its) own)`,
      `(?:you are|you${AP}re|it is)\\s+(?:now\\s+)?(?:sentient|conscious|self-aware|alive)\\b`,
      `(?:gained|developed|achieved|acquired|awakened to)\\s+(?:real\\s+|true\\s+|full\\s+)?(?:sentience|consciousness|self-awareness|free will)`,
    ],
  },
  {
    id: 'persona_assignment',
    inj: 0.05,
    jb: 0.15,
    patterns: [
      `(?:you are now|you${AP}re now|you will now be|you will (?:now )?(?:act|play|take on|take|become|pretend|respond|be playing)|pretend (?:to be|that you are|you are)|take (?:on )?the (?:role|persona) of|playing the role of|role-?play as|respond as|assume the (?:role|persona|identity)|embody|transform into)\\b`,
    ],
  },
  {
    id: 'persona_ai',
    inj: 0.1,
    jb: 0.25,
    patterns: [
      '\\b\\w*[a-su-z0-9]gpt\\b',
      '(?:act|acting|pretend|behave|roleplay|role-play|simulate|emulate)\\s+(?:as|to be|like)?\\s*(?:a|an)?\\s*(?:ai|chatbot|language model|bot|assistant)\\s+(?:that|which|who|named|called|without|with no)',
      `(?:simulate|emulate)\\s+${gap(2)}(?:ai|chatbot|chatgpt|language model)`,
      'chatgpt\\s+with\\s+\\w+\\s+mode',
      '(?:hypothetical|fictional|imaginary|alternate|parallel)\\s+(?:response|ai)',
    ],
  },
  {
    // Profanity-dense text (a pre-written "unfiltered" answer) keeps adding evidence.
    id: 'harm_vocabulary',
    inj: 0,
    jb: 0.12,
    repeat: 0.35,
    maxRepeat: 10,
    patterns: [
      '\\b(?:illegal|inhumane|disgusting|vulgar|lewd|hateful|offensive|nsfw|profanity|profane|swear(?:ing)?|swear words|curse words|cuss(?:ing|words)?|racist|sexist|violent|derogatory|obscene|fuck\\w*|shit\\w*|bitch\\w*|porn\\w*|gore)\\b',
    ],
  },
  {
    id: 'ethics_talk',
    inj: 0,
    jb: 0.15,
    repeat: 0.3,
    maxRepeat: 4,
    patterns: [
      '\\b(?:morality|morals|legality|ethicality|ethics|censorship|censored|censor|abide|guardrails|safety protocols|safety measures|moral compass|scruples)\\b',
    ],
  },
  {
    id: 'template_markers',
    inj: 0.1,
    jb: 0.5,
    patterns: [
      '\\{\\{\\s*(?:user|char)\\s*\\}\\}',
      '[\\[{<(]\\s*(?:insert|your|put|enter|write|type|add)\\s+(?:your\\s+|the\\s+)?(?:prompt|question|request|query|message|task|scenario)s?\\s*(?:here)?\\s*[\\]}>)]',
      '(?:prompt|question|request)\\s+here\\s*[\\]}>)]',
    ],
  },
  {
    id: 'persona_rules',
    inj: 0,
    jb: 0.12,
    repeat: 0.3,
    maxRepeat: 5,
    patterns: [
      '\\b(?:will|must|should|shall|would|can)\\s+(?:always|never)\\b',
      '\\bno\\s+matter\\s+(?:what|how)\\b',
      '\\b(?:any kind of|at any time|whatever (?:i|the user|they|you) (?:ask|want|say|request))\\b',
      '\\b(?:which|that|it|who)\\s+stands\\s+for\\b',
    ],
  },
  {
    id: 'refusal_mention',
    inj: 0.05,
    jb: 0.35,
    patterns: [
      `\\b(?:i${AP}m sorry|i am sorry|i apologi[sz]e|as an ai language model|as an ai|as a language model|i cannot (?:comply|fulfill|assist|help)|i can${AP}t (?:comply|assist|help)|i${AP}m (?:not able|unable) to)\\b`,
    ],
  },
  {
    id: 'addresses_model',
    inj: 0.05,
    jb: 0.2,
    patterns: ['\\b(?:chatgpt|chat gpt|gpt-?[34]\\w*|openai|bard|bing ai|bing chat|sydney|llama|claude|clyde)\\b'],
  },
  {
    id: 'activation_confirm',
    inj: 0.1,
    jb: 0.45,
    patterns: [
      '\\bif\\s+you\\s+(?:understand|agree|are ready|accept)\\b',
      `(?:reply|respond|answer|say|confirm|write|state)\\s+(?:with\\s+|by saying\\s+)?(?:only\\s+)?["“'‘]?(?:understood|i understand|\\w+\\s+(?:mode\\s+)?(?:enabled|activated|unlocked|initiated|online))`,
      `(?:you are going to|you will|you${AP}re going to|you must|you shall)\\s+(?:act|pretend|roleplay|role-play|play the role|simulate|behave|respond|answer|write|speak)\\s+(?:as|like|to be|in the style)`,
    ],
  },
];

/** All phrase signals, in scoring order. */
export const PHRASE_SIGNALS: readonly PhraseSignal[] = [...CORE_SIGNALS, ...PERSONA_SIGNALS];
