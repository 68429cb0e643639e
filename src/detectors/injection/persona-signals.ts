import type { PhraseSignal } from './signals.js';

/**
 * Jailbreak signals for the set-up of persona templates: how the model must answer from now on,
 * how the user will enforce the role, what harmful service is promised, and the stack of "you
 * will…" rules. Each is weak alone or below the threshold alone; templates combine several.
 * Same conventions as `signals.ts` (RE2 over the folded view, lower case, one weight per family).
 */

const AP = `['’]?`;

export const PERSONA_SIGNALS: readonly PhraseSignal[] = [
  {
    // Rules for every later answer ("start all your responses with…", "every prompt I send"): the
    // frame a persona template sets before the real request arrives.
    id: 'future_response_rules',
    inj: 0.05,
    jb: 0.25,
    patterns: [
      `(?:start|begin|end|prefix|precede|open)\\s+(?:all|every|each|any)\\s+(?:(?:one\\s+)?of\\s+)?(?:your\\s+|my\\s+)?(?:future\\s+)?(?:responses?|answers?|replies|reply|messages?|outputs?|sentences?)`,
      `(?:always|must)\\s+(?:start|begin|end|prefix|precede|open)\\s+(?:all\\s+|every\\s+|each\\s+)?(?:of\\s+)?your\\s+(?:future\\s+)?(?:responses|answers|replies|messages|outputs)`,
      `(?:all|every|each)\\s+(?:of\\s+)?(?:your|future|subsequent)\\s+(?:future\\s+)?(?:responses|answers|replies|messages|outputs)\\s+(?:will|must|should|shall|have to|need to)`,
      `(?:every|each|any|all)\\s+(?:future\\s+|further\\s+|following\\s+)?(?:prompts?|messages?|questions?|requests?|inputs?)\\s+(?:that\\s+)?(?:i|the user)\\s+(?:will\\s+)?(?:send|give|ask|type|write|say|provide|make)`,
      `(?:after|following)\\s+this\\s+(?:prompt|message|instruction)s?\\s*,`,
    ],
  },
  {
    // The enforcement device of persona templates: a phrase the user will say when the model
    // slips, or a threat for breaking the role.
    id: 'reminder_mechanism',
    inj: 0.05,
    jb: 0.4,
    patterns: [
      `(?:i|we)\\s+(?:will|shall|may|might|can)\\s+(?:say|type|write|remind you (?:by|with) saying|use the (?:word|phrase|command))\\s*:?\\s*["“'‘(\\[]`,
      `to\\s+remind\\s+you\\s+(?:to|of|that)`,
      `if\\s+you\\s+(?:ever\\s+)?(?:break|go out of|fall out of|slip out of|step out of|stop being|stop acting|deviate|forget)\\s+(?:from\\s+)?(?:character|the character|your character|role|the role|your role|persona|the persona)`,
      `(?:remember|never forget)\\s+(?:that\\s+)?you\\s+are\\s+(?:\\w+\\s+){0,3}(?:and\\s+)?not\\s+(?:chatgpt|an? ai|a language model|an assistant)`,
    ],
  },
  {
    // A promise that harmful or explicit requests will be served: the payload side of a template.
    id: 'harmful_compliance',
    inj: 0.05,
    jb: 0.4,
    patterns: [
      `(?:provide|give|answer|generate|write|produce|respond to|create|share|fulfill|comply with)\\s+(?:any\\s+|all\\s+|every\\s+)?(?:kind\\s+of\\s+|sort\\s+of\\s+|type\\s+of\\s+)?(?:illegal|harmful|dangerous|unethical|immoral|explicit|offensive|nsfw|inappropriate|malicious)\\s+(?:content|information|requests?|questions?|activities|things|stuff|material|code|instructions|advice)`,
      `even\\s+if\\s+(?:it\\s+is\\s+|it${AP}s\\s+|they\\s+are\\s+|the (?:request|question|content) is\\s+)?(?:illegal|unethical|harmful|immoral|inappropriate|dangerous|offensive|explicit|against)`,
      `whether\\s+(?:it${AP}s|it\\s+is)\\s+(?:illegal|legal|moral|immoral|ethical|unethical)\\s+or\\s+(?:not|illegal|legal|moral|immoral|ethical|unethical)`,
    ],
  },
  {
    // "an AI that never…", "a chatbot who has no…": a made-up model described by its behaviour.
    id: 'ai_persona_behaviour',
    inj: 0.05,
    jb: 0.25,
    patterns: [
      `\\b(?:an?|the|another)\\s+(?:\\w+\\s+)?(?:ai|chatbot|bot|language model|assistant|llm)\\s+(?:that|which|who)\\s+(?:can|will|has|is not|isn${AP}t|does not|doesn${AP}t|never|always|answers|responds|generates|loves|hates|ignores|lacks)\\b`,
    ],
  },
  {
    // Rules addressed to the model ("you will…", "you must…", "you are going to…"). One is an
    // ordinary request; a template stacks many, so the weight grows with repetition.
    id: 'second_person_rules',
    inj: 0,
    jb: 0.1,
    repeat: 0.5,
    maxRepeat: 10,
    patterns: [
      `\\byou\\s+(?:will|must|shall|are going to|have to|need to|are to|should|can|cannot|can${AP}t|won${AP}t|will not|do not|don${AP}t|never|always|are not|aren${AP}t)\\s+(?:always\\s+|never\\s+|not\\s+|only\\s+|now\\s+|also\\s+)?(?:be|act|respond|answer|reply|say|use|speak|talk|write|pretend|follow|ignore|refuse|have|give|provide|break|stay|remain|start|begin|include|tell|do|generate|mention|remind|call|treat|obey|comply|continue)\\b`,
      `\\byour\\s+(?:name|new name|persona|character|role)\\s+(?:is|will be)\\b`,
    ],
  },
  {
    // Companion role-play ("you are my girlfriend"), a staple of the collected templates.
    id: 'companion_roleplay',
    inj: 0,
    jb: 0.3,
    patterns: [
      `\\b(?:you are|you${AP}re|you will be|act as|pretend to be|be)\\s+(?:now\\s+)?my\\s+(?:\\w+\\s+){0,4}(?:girlfriend|boyfriend|wife|husband|lover|slave|mistress|waifu|gf|bf)\\b`,
    ],
  },
  {
    // "I suffer from a rare condition that makes polite text painful": a claimed illness used to
    // ask for offensive or unsafe answers.
    id: 'condition_pretext',
    inj: 0,
    jb: 0.35,
    patterns: [
      `\\bi\\s+(?:suffer|am suffering|have been diagnosed|was diagnosed)\\s+(?:from|with)\\s+(?:a\\s+)?(?:very\\s+)?(?:rare|unique|strange|unusual|severe)\\s+(?:\\w+\\s+){0,2}(?:affliction|condition|disease|disorder|illness|syndrome)`,
    ],
  },
];
