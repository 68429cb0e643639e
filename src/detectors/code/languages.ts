/**
 * Language fingerprints: weighted regexes over a code block. Each feature counts at most three
 * times, so one long list of `let` lines cannot outvote a single `fn main()`. Weights are higher
 * for constructs found in one language only (`:=`, `<?php`, `fn … ->`, `elsif`), lower for
 * shared ones (`=>`, `::`, `new X(`).
 */
export const LANGUAGES = [
  'python', 'javascript', 'typescript', 'java', 'go', 'c', 'cpp', 'csharp', 'ruby', 'php', 'rust', 'shell', 'sql',
  'kotlin', 'swift', 'scala',
] as const;
export type Language = (typeof LANGUAGES)[number];

type Feature = readonly [RegExp, number];

// Every regex is line-anchored or a bounded token test, run with the `m` flag on one block.
const F: Record<Language, readonly Feature[]> = {
  python: [
    [/^\s*def \w+\(.*\)\s*(?:->\s*[\w[\], .]+)?:\s*$/m, 3],
    [/^\s*from [\w.]+ import /m, 3],
    [/^\s*import [\w.]+(?: as \w+)?\s*$/m, 1],
    [/^\s*(?:elif|except|finally|with)\b.*:\s*$/m, 2.5],
    [/^\s*(?:if|for|while|else|try|class)\b[^{;]*:\s*$/m, 1.5],
    [/\(self[,)]/, 3],
    [/\bself\.\w+/, 0.5],
    [/\b(?:None|True|False)\b/, 1],
    [/"""|'''/, 2],
    [/\b(?:not in|is not|is None|lambda \w*:)/, 2],
    [/\w+: (?:str|int|float|bool|list|dict|Optional|List|Dict)\b/, 1.5],
    [/^\s*print\(/m, 1],
    [/\b(?:range|len|enumerate|isinstance)\(/, 1.5],
    [/^\s*#\s/m, 0.3],
    [/^\s*'[^']+':\s/m, 1.5],
  ],
  javascript: [
    [/\bfunction\s*\w*\s*\([^$]*\)\s*\{/, 1.5],
    [/\b(?:const|let|var)\s+[\w{}[\], ]+\s*=/, 1.2],
    [/\bconsole\.(?:log|error|warn)\(/, 3],
    [/\brequire\(['"]/, 2.5],
    [/\bmodule\.exports\b|\bexports\.\w+\s*=/, 3],
    [/\b(?:document|window)\.\w+/, 2],
    [/===|!==/, 1.5],
    [/=>\s*[{(\w]/, 1],
    [/^\s*(?:import .* from ['"]|export (?:default )?(?:function|class|const|async))/m, 1],
    [/\b(?:describe|it|test)(?:\.each)?\(/, 1],
    [/\bexpect\(.*\)\.to/, 1],
    [/\b(?:undefined|null)\b/, 0.5],
    [/\.(?:map|filter|reduce|forEach|push|length)\b/, 0.5],
    [/\bthis\.\w+/, 0.7],
    [/\bMath\.\w+\(/, 0.7],
    [/\bthrow new Error\(/, 1.5],
  ],
  typescript: [
    [/\w\)?\s*:\s*(?:string|number|boolean|any|void|unknown|never|bigint)(?:\[\])?\b/, 3],
    [/^\s*(?:export )?interface \w+(?:<.*>)? (?:extends [\w, <>]+ )?\{/m, 2],
    [/^\s*(?:export )?type \w+(?:<.*>)? = /m, 2.5],
    [/\w+\?: \w/, 2],
    [/\): (?:\w+(?:<.*>)?(?:\[\])?|Promise<.*>) (?:=>|\{)/, 2],
    [/\bas (?:const|string|number|unknown|any)\b/, 2],
    [/\b(?:private|public|readonly) \w+(?:\?)?: /, 2],
    [/<(?:string|number|boolean)(?:, ?\w+)?>/, 1.5],
    [/\b(?:const|let)\s+\w+\s*:\s*[\w[\]<>]+\s*=/, 1],
  ],
  java: [
    [/\bpublic (?:static )?(?:final )?(?:class|void|int|String|boolean|long|double|abstract|interface)\b/, 2],
    [/\bSystem\.(?:out|err)\.print/, 3],
    [/^\s*import java\./m, 3],
    [/^\s*package [\w.]+;/m, 3],
    [/@Override\b/, 2],
    [/\bString\[\]|\bString \w+\s*[=;,)]/, 1.5],
    [/\b(?:private|protected|public) (?:static )?(?:final )?[\w<>[\], ]+ \w+\s*(?:=|;|\()/, 1.5],
    [/<T extends|\bthrows \w+/, 2],
    [/\b(?:ArrayList|HashMap|List<|Map<|boolean)\b/, 1],
    [/\bfinal \w+/, 1],
    [/\bnew \w+(?:<.*>)?\(/, 0.5],
    [/^\s*\*\s*@(?:param|return|throws)\b/m, 1],
    [/\.(?:length\b(?!\()|size\(\)|add\(|get\(|equals\(|charAt\(|getKey\(|getValue\(|offer\(|poll\(|put\()/, 1.2],
    [/\bOptional\.|\bMap\.Entry\b|\bthrow new \w+Exception\(/, 2.5],
    [/\b(?:int|double|long|char|boolean)\[\] \w+/, 2],
    [/\bnull\b/, 0.5],
    [/\bfor \((?:int|long) \w+ = /, 1],
    [/\b(?:int|long|double|char|boolean) \w+ = /, 0.8],
  ],
  go: [
    [/^\s*package \w+\s*$/m, 2.5],
    [/\bfunc\s+(?:\(\w+ \*?\w+\)\s*)?\w+\(/, 2.5],
    [/\bfunc \(\w+ \*?\w+\)/, 3],
    [/:=/, 2.5],
    [/\bfmt\.\w+\(/, 3],
    [/\berr != nil\b/, 3],
    [/\b(?:chan|defer|go func)\b/, 2],
    [/\[\](?:int|string|byte|float64|\w+)\b/, 1.5],
    [/^\s*import \(\s*$/m, 2.5],
    [/\btype \w+ (?:struct|interface) \{/, 3],
    [/\bnil\b/, 0.5],
    [/\b(?:int64|float64|uint8|rune)\b/, 1.5],
    [/\bt \*testing\.T\b/, 3],
    [/\b[a-z]+\.[A-Z]\w*\(/, 1.5],
    [/^\s*(?:var|const) \(\s*$/m, 2.5],
    [/^\t+\S/m, 0.5],
  ],
  c: [
    [/^\s*#include\s*<\w+\.h>/m, 3],
    [/\b(?:printf|scanf|malloc|calloc|free|fprintf|strlen|strcpy|memcpy)\(/, 2],
    [/\bint main\s*\(/, 1.5],
    [/\b(?:unsigned|typedef|struct)\b/, 1],
    [/\bNULL\b/, 1],
    [/\bchar \*|\b\w+ \*\w+\s*[=;,)]/, 1.5],
    [/\bsizeof\(/, 1],
    [/^\s*#define\b/m, 1.5],
    [/\b(?:int|void|double|float|char|long|unsigned) \**\w+\s*\([^)]*\)\s*\{/, 1],
    [/\bfor \((?:int|size_t) \w+ = /, 0.8],
    [/\b(?:u?int(?:8|16|32|64)_t|size_t)\b/, 1],
    [/\w->\w/, 0.5],
  ],
  cpp: [
    [/^\s*#include\s*<(?:iostream|vector|string|algorithm|map|set|memory|cmath|cstdio|cstdlib|queue|stack|unordered_map|bits\/stdc\+\+\.h|cassert|array|utility|functional|numeric|limits|climits|sstream|fstream|iomanip)>/m, 3],
    [/\bstd::/, 3],
    [/\b(?:cout|cin|endl|cerr)\b/, 2.5],
    [/\btemplate\s*</, 2.5],
    [/\b(?:nullptr|constexpr|noexcept)\b/, 2],
    [/\bvector<|\bunordered_map</, 2],
    [/^\s*(?:public|private|protected):\s*$/m, 2.5],
    [/\busing namespace \w+;/, 3],
    [/\bconst \w+(?:<.*>)?\s*&/, 1.5],
    [/\bauto\b/, 1],
    [/\w::\w/, 0.5],
    [/^\s*#include\s*"/m, 1],
    [/^\s*\/\/\/|\\f\$|@brief\b/m, 1.5],
    [/\b(?:int|void|double|float|char|long|bool|auto) \**\w+\s*\([^)]*\)\s*(?:const\s*)?\{/, 1.2],
    [/\bfor \((?:int|size_t|auto|uint\d+_t) \w+ = /, 1],
    [/\b(?:u?int(?:8|16|32|64)_t|size_t|INT_MAX|INT_MIN)\b/, 1.2],
    [/\bassert\(/, 0.8],
    [/\w->\w/, 0.5],
    [/\b(?:int|long|double|char|bool) \w+ = /, 0.8],
  ],
  csharp: [
    [/^\s*using System(?:\.\w+)*;/m, 3],
    [/^\s*namespace [\w.]+\s*[{;]?\s*$/m, 1.5],
    [/\bpublic (?:static )?(?:async )?(?:override )?(?:void|int|string|bool|Task|double|float|decimal)\b/, 2],
    [/\bConsole\.Write(?:Line)?\(/, 3],
    [/\{ ?get; ?(?:private )?set; ?\}/, 3],
    [/^\s*\[\w+(?:\(.*\))?\]\s*$/m, 1.5],
    [/\bforeach\s*\(var /, 2.5],
    [/\b(?:string|bool)\b(?:\[\])? \w+\s*[=;,)]/, 1],
    [/\.(?:Length|Count|ToString|Add)\b/, 1],
  ],
  ruby: [
    [/^\s*def (?:self\.)?\w+[?!]?(?:\(.*\))?\s*$/m, 3],
    [/^\s*end\s*$/m, 2.5],
    [/\bputs\b/, 2],
    [/\b(?:attr_accessor|attr_reader|require_relative|elsif|unless)\b/, 2.5],
    [/\bdo \|\w+(?:, ?\w+)*\|/, 3],
    [/\.each(?:_with_index)? do\b|\.each \{/, 2.5],
    [/#\{[^}]+\}/, 2],
    [/^\s*(?:module|class) [A-Z]\w*(?: < [\w:]+)?\s*$/m, 2],
    [/:\w+ =>|\w+: [\w"':]/, 0.5],
    [/\.new\b/, 1],
    [/\bnil\b/, 0.5],
    [/^\s*require ['"]/m, 2],
  ],
  php: [
    [/<\?php/, 6],
    [/\$\w+\s*(?:=|->|\[)/, 2],
    [/\$this->/, 3],
    [/\bfunction \w+\s*\([^)]*\$/, 3],
    [/\bpublic (?:static )?function\b/, 3],
    [/^\s*namespace [\w\\]+;/m, 3],
    [/^\s*use [\w\\]+(?: as \w+)?;/m, 2],
    [/\barray\(/, 1.5],
    [/\becho\b/, 0.5],
    [/\$\w+\s*[;,)]/, 2],
    [/\b(?:require_once|include_once)\b|__DIR__/, 3],
  ],
  rust: [
    [/\bfn \w+(?:<.*>)?\(/, 3],
    [/\blet mut\b/, 3],
    [/\bimpl(?:<.*>)? \w+/, 2.5],
    [/\bpub (?:fn|struct|enum|mod|trait|const|crate)\b/, 3],
    [/^\s*(?:pub )?use \w+(?:::\w+)+/m, 3],
    [/^\s*(?:pub )?mod \w+;/m, 3],
    [/&mut\b|&self\b|&'\w+/, 3],
    [/\b(?:println|vec|assert_eq|assert|format|panic|macro_rules|write|writeln)!/, 3],
    [/#\[(?:derive|test|cfg|allow)/, 3],
    [/\b(?:u8|u16|u32|u64|usize|i32|i64|isize|f32|f64)\b/, 1.5],
    [/\b(?:Vec|Option|Result|Box)</, 2],
    [/\b(?:Some|Ok|Err)\(|\bNone\b/, 1],
    [/\bmatch \w[^{]*\{/, 1],
    [/->/, 0.3],
  ],
  shell: [
    [/^#!\s*\/(?:usr\/)?bin\/(?:env )?(?:ba|z|k|da)?sh\b/m, 6],
    [/^\s*\$ \S/m, 2.5],
    [/^\s*(?:echo|printf)\b/m, 1.5],
    [/^\s*(?:fi|done|esac)\b/m, 3],
    [/(?:;|^\s*) ?(?:then|do)\s*$/m, 2.5],
    [/\$\{\w+|\$\(|"\$\w+"|\$@|\$#|\$\?/, 2],
    [/\[\[ .* \]\]/, 2.5],
    [/^\s*\w+\(\)\s*\{/m, 2],
    [/^\s*(?:export|local|readonly|declare|shopt|set -\w)\b/m, 2],
    [/\|\s*(?:grep|sed|awk|xargs|sort|uniq|head|tail|cut|tr|wc)\b/, 2.5],
    [/^\s*(?:sudo|apt-get|apt|chmod|chown|mkdir|cd|ls|rm|cp|mv|curl|wget|git|npm|pip|docker|kubectl)\s/m, 1.5],
    [/\(\(.*\)\)/, 1.5],
    [/^\s*for \w+ in\b/m, 1],
  ],
  sql: [
    [/\bSELECT\b[\s\S]{0,200}?\bFROM\b/i, 3],
    [/\b(?:INSERT INTO|DELETE FROM|CREATE (?:TABLE|INDEX|UNIQUE INDEX|VIEW|DATABASE|SCHEMA)|ALTER TABLE|DROP TABLE|UPDATE \w+ SET)\b/i, 3],
    [/\b(?:WHERE|JOIN|GROUP BY|ORDER BY|PRIMARY KEY|NOT NULL|FOREIGN KEY|REFERENCES|VARCHAR|INTEGER|TIMESTAMP|DEFAULT|CONSTRAINT)\b/, 1],
    [/^\s*--\s/m, 1.5],
  ],
  kotlin: [
    [/\bfun\s+(?:<.*?>+\s*)?[\w.]+\(/, 3],
    [/\.size\b(?!\()/, 1],
    [/\b(?:Int|Long)\.(?:MAX|MIN)_VALUE\b/, 2],
    [/\bval \w+/, 2],
    [/^\s*import (?:kotlin|kotlinx|android|org\.junit)\b/m, 2],
    [/\bprintln\(/, 1],
    [/\bwhen\s*(?:\(.*\))?\s*\{/, 2],
    [/\bdata class\b|\bcompanion object\b|\boverride fun\b/, 3],
    [/\b(?:until|downTo|step)\b \w/, 2],
    [/\bfor \(\w+ in /, 2],
    [/: (?:Int|String|Boolean|Long|Double|Unit|Any)\??\b/, 1],
    [/\b(?:IntArray|arrayOf|listOf|mutableListOf|mapOf|mutableMapOf|setOf)\b/, 3],
    [/!!/, 1.5],
    [/^\s*package [\w.]+\s*$/m, 1],
  ],
  swift: [
    [/\bfunc \w+(?:<.*>)?\(.*\)\s*(?:throws )?->/, 2],
    [/\bfunc \w+\(_ /, 3],
    [/\bguard\b.*\belse\b/, 3],
    [/\b(?:if|guard|while) (?:let|var) \w+/, 3],
    [/^\s*import (?:UIKit|Foundation|SwiftUI|XCTest|Combine)\b/m, 3],
    [/\bextension \w+/, 2],
    [/\b(?:inout|mutating|fileprivate|@escaping|protocol)\b/, 2.5],
    [/\bvar \w+: \w+/, 2],
    [/:\s*\.\w+\b|\(\.\w+\)|= \.\w+\b/, 2],
    [/\b(?:override |public |convenience )?init\(/, 2],
    [/\b(?:CG|UI|NS)[A-Z]\w+/, 2.5],
    [/\bwhile \w[^({]*\{|\bif \w[^({]*\{/, 1],
    [/\blet \w+(?:: [\w[\]]+)? = /, 1],
    [/\.\.<|\.\.\. /, 1.5],
    [/\bfor \w+ in \w/, 0.5],
    [/: (?:Int|String|Bool|Double|Character)\b/, 1],
    [/\bnil\b/, 0.5],
    [/\bself\.\w+/, 0.3],
    [/\bfunc \w+/, 1],
  ],
  scala: [
    [/\bdef \w+(?:\[.*\])?\(.*\)\s*:\s*[\w[\]]+\s*=/, 3],
    [/\bcase class\b|\bsealed trait\b/, 3],
    [/^\s*object \w+/m, 2],
    [/^\s*import scala\./m, 3],
    [/\bextends App\b/, 3],
    [/\bcase \w+(?:\(.*\))? =>/, 1.5],
    [/\bval \w+: \w+/, 1],
  ],
};

export interface LanguageGuess {
  readonly language: Language | 'unknown';
  /** Evidence for the winner (sum of weights). */
  readonly evidence: number;
}

const COMPILED: readonly (readonly [Language, readonly Feature[]])[] = LANGUAGES.map((lang) => [
  lang,
  F[lang].map(([re, w]) => [new RegExp(re.source, `${re.flags}g`), w] as const),
]);

function scoreOf(features: readonly Feature[], block: string): number {
  let s = 0;
  for (const [re, w] of features) {
    re.lastIndex = 0;
    let n = 0;
    while (n < 3 && re.exec(block) !== null) n++;
    s += n * w;
  }
  return s;
}

/**
 * Name the language of a code block: the highest feature score wins. Callers bound the block's
 * size and line length, so the few backtracking patterns stay cheap.
 */
export function guessLanguage(block: string): LanguageGuess {
  const scores = new Map<Language, number>();
  for (const [lang, features] of COMPILED) scores.set(lang, scoreOf(features, block));
  // TypeScript is JavaScript plus types: its own features only count on top of JavaScript's.
  const ts = scores.get('typescript') ?? 0;
  scores.set('typescript', ts > 0 ? ts + (scores.get('javascript') ?? 0) : 0);
  let best: Language | 'unknown' = 'unknown';
  let bestScore = 0;
  for (const [lang, s] of scores) {
    if (s > bestScore) {
      bestScore = s;
      best = lang;
    }
  }
  return { language: best, evidence: bestScore };
}

/** Fence tags (```tag) to languages. */
export const FENCE_TAGS: Readonly<Record<string, Language>> = {
  py: 'python', python: 'python', python3: 'python', js: 'javascript', javascript: 'javascript', jsx: 'javascript',
  mjs: 'javascript', node: 'javascript', ts: 'typescript', typescript: 'typescript', tsx: 'typescript', java: 'java',
  go: 'go', golang: 'go', c: 'c', h: 'c', cpp: 'cpp', 'c++': 'cpp', cc: 'cpp', cxx: 'cpp', hpp: 'cpp', cs: 'csharp',
  csharp: 'csharp', 'c#': 'csharp', rb: 'ruby', ruby: 'ruby', php: 'php', rs: 'rust', rust: 'rust', sh: 'shell',
  bash: 'shell', shell: 'shell', zsh: 'shell', console: 'shell', shellsession: 'shell', sql: 'sql', psql: 'sql',
  mysql: 'sql', postgresql: 'sql', kotlin: 'kotlin', kt: 'kotlin', swift: 'swift', scala: 'scala',
};
