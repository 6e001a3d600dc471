/**
 * The iframe page's settings: the same names as the element's attributes, from its URL query
 * (`embed.html?scenario=issue-2618&mode=fixed&autoplay`). Unknown and repeated parameters are
 * errors; yes/no parameters also take 1/0, yes/no, true/false. Pure: no DOM.
 */
import { ATTRIBUTES, shown, type AttributeName, type SettingError } from './settings.ts';

export interface QuerySettings {
  read(name: AttributeName): string | null;
  readonly errors: readonly SettingError[];
}

const YES = ['', '1', 'yes', 'true', 'on'];
const NO = ['0', 'no', 'false', 'off'];
const FLAGS: readonly string[] = ['autoplay', 'readonly'];
/** A URL longer than this is refused before it is read (a script belongs in a file). */
export const MAX_QUERY_CHARS = 16_000;

export function readQuery(search: string, defaults: Partial<Record<AttributeName, string>> = {}): QuerySettings {
  const errors: SettingError[] = [];
  if (search.length > MAX_QUERY_CHARS) {
    return { read: () => null, errors: [{ attribute: 'URL', message: `the query is ${search.length} characters long; at most ${MAX_QUERY_CHARS}` }] };
  }
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(search);
  } catch {
    return { read: () => null, errors: [{ attribute: 'URL', message: 'the query cannot be read' }] };
  }
  const values = new Map<string, string>();
  for (const [key, value] of params) {
    if (!(ATTRIBUTES as readonly string[]).includes(key)) {
      errors.push({ attribute: key.slice(0, 40) || '(empty)', message: `unknown parameter ${shown(key)}: parameters are ${ATTRIBUTES.join(', ')}` });
    } else if (values.has(key)) {
      errors.push({ attribute: key, message: `'${key}' is given more than once` });
    } else {
      values.set(key, value);
    }
  }
  const read = (name: AttributeName): string | null => {
    const value = values.get(name);
    if (value === undefined) return defaults[name] ?? null;
    if (FLAGS.includes(name)) {
      const v = value.trim().toLowerCase();
      return YES.includes(v) ? '' : NO.includes(v) ? 'false' : null;
    }
    return value;
  };
  for (const name of FLAGS) {
    const value = values.get(name);
    const v = value?.trim().toLowerCase();
    if (v !== undefined && !YES.includes(v) && !NO.includes(v)) {
      errors.push({ attribute: name, message: `'${name}' is a yes/no parameter: write it bare (&${name}) or with 1/0, yes/no, true/false, not ${shown(value!)}` });
    }
  }
  return { read, errors };
}
