/**
 * `${VAR}` / `${VAR:-default}` substitution, applied to parsed YAML string values (not the raw
 * text), so a variable's content can never inject YAML structure. `$${` escapes a literal `${`.
 */
export interface EnvProblem {
  readonly path: (string | number)[];
  readonly message: string;
}

const REF = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

function substituteString(s: string, env: NodeJS.ProcessEnv, path: (string | number)[], problems: EnvProblem[]): string {
  if (!s.includes('${')) return s;
  return s.replace(REF, (whole, name: string | undefined, def: string | undefined) => {
    if (whole === '$${') return '${';
    const v = env[name as string];
    if (v !== undefined && v !== '') return v;
    if (def !== undefined) return def;
    problems.push({ path, message: `environment variable ${name} is not set (use \${${name}:-default} for a default)` });
    return '';
  });
}

export function substituteEnv(value: unknown, env: NodeJS.ProcessEnv, problems: EnvProblem[], path: (string | number)[] = []): unknown {
  if (typeof value === 'string') return substituteString(value, env, path, problems);
  if (Array.isArray(value)) return value.map((v, i) => substituteEnv(v, env, problems, [...path, i]));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = substituteEnv(v, env, problems, [...path, k]);
    return out;
  }
  return value;
}
