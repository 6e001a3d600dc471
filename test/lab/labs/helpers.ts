/** Small lab files for the lab tests: front matter from lines, a body, and the error a bad one gives. */
import { parseLab } from '../../../src/lab/labs/parse.ts';
import { LabError, type Lab } from '../../../src/lab/labs/types.ts';

export const FRONT = ['id: t', 'title: T', 'summary: S'];

/** A lab file: `---`, the front-matter lines, `---`, then the body. */
export function labText(body: string, front: readonly string[] = FRONT): string {
  return ['---', ...front, '---', body].join('\n');
}

export function lab(body: string, front: readonly string[] = FRONT): Lab {
  return parseLab(labText(body, front), 't.md');
}

/** The LabError a lab file gives, as `file:line: reason`; fails the test if it parses. */
export function labError(text: string): string {
  try {
    parseLab(text, 't.md');
  } catch (e) {
    if (e instanceof LabError) return e.message;
    throw e;
  }
  throw new Error('the lab parsed without error');
}

/** One step with the given checks and an optional kvlab block. */
export function checksLab(checks: readonly string[], block = '', front: readonly string[] = [...FRONT, 'bootstrap: s1']): Lab {
  const commands = block === '' ? '' : `\`\`\`kvlab\n${block}\n\`\`\`\n\n`;
  return lab(`\n## Step\n\n${commands}\`\`\`check\n${checks.join('\n')}\n\`\`\`\n`, front);
}
