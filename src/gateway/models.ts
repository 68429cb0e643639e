/**
 * A key's model allow-list: `gpt-4o*` allows a family, anything else must match exactly. A model
 * call whose model cannot be read is refused for a restricted key (fail closed), so a body that
 * hides its model cannot slip past the list.
 */
export function modelAllowed(allow: readonly string[] | undefined, model: string | undefined): boolean {
  if (!allow) return true;
  if (model === undefined) return false;
  return allow.some((a) => (a.endsWith('*') ? model.startsWith(a.slice(0, -1)) : a === model));
}
