/** Embed programs from attributes, for tests of what an element refuses before it plays. */
import { labIds, scenarioIds } from '../../src/embed/catalogue.ts';
import { loadProgram } from '../../src/embed/program.ts';
import { parseSettings, type AttributeName } from '../../src/embed/settings.ts';

export const catalogueIds = () => ({ scenarios: scenarioIds(), labs: labIds() });

export function program(attrs: Partial<Record<AttributeName, string>>, child: string | null = null) {
  const parsed = parseSettings((n) => attrs[n] ?? null, child, catalogueIds());
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return loadProgram(parsed.settings);
}
