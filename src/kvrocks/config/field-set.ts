/**
 * `ConfigField::Set` per field type: the value as CONFIG GET will print it, or upstream's error.
 * // K-2024 src/config/config_type.h (YesNoField, IntegerField, OctalField, EnumField,
 * // IntWithUnitField, StringField)
 */
import { equalsIgnoreAsciiCase } from '../cluster/text.ts';
import type { FieldSpec } from './fields.ts';
import { parseConfigInt, parseSize } from './parse-int.ts';

export type SetResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string };

export function parseFieldValue(spec: FieldSpec, value: string): SetResult {
  switch (spec.kind) {
    case 'yesno':
      if (equalsIgnoreAsciiCase(value, 'yes')) return { ok: true, text: 'yes' };
      if (equalsIgnoreAsciiCase(value, 'no')) return { ok: true, text: 'no' };
      return { ok: false, message: "argument must be 'yes' or 'no'" };
    case 'string':
    case 'multi':
      return { ok: true, text: value };
    case 'int':
    case 'int64':
    case 'uint32':
      return asText(parseConfigInt(value, spec.kind, [spec.min, spec.max]));
    case 'octal': {
      const parsed = parseConfigInt(value, 'int', [spec.min, spec.max], 8);
      return parsed.ok ? { ok: true, text: parsed.value.toString(8) } : parsed;
    }
    case 'size':
      return asText(parseSize(value, [spec.min, spec.max]));
    case 'enum': {
      const option = spec.options.find((o) => equalsIgnoreAsciiCase(o, value));
      if (option !== undefined) return { ok: true, text: option };
      const acceptable = spec.options.map((o) => `'${o}'`).join(', ');
      return { ok: false, message: `invalid enum option, acceptable values are ${acceptable}` };
    }
  }
}

function asText(parsed: { ok: true; value: bigint } | { ok: false; message: string }): SetResult {
  return parsed.ok ? { ok: true, text: String(parsed.value) } : parsed;
}
