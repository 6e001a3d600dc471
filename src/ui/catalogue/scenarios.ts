/**
 * The scenario scripts (labs/scenarios/*.kvlab), each loaded on demand as its own small chunk,
 * split into console inputs the way `kvlab run` reads them. A scenario that needs more than the
 * default three nodes says so as the conformance harness reads it: `# conformance: nodes 4`.
 */
import { scriptInputs } from '../../lab/script.ts';

export type ScenarioSources = Record<string, () => Promise<string>>;

export interface Scenario {
  /** As the repository names it: labs/scenarios/issue-2618.kvlab. */
  readonly file: string;
  readonly inputs: readonly string[];
  readonly nodes: number;
}

const SOURCES: ScenarioSources = import.meta.glob<string>('/labs/scenarios/*.kvlab', { query: '?raw', import: 'default' });

export const DEFAULT_SCENARIO_NODES = 3;

/** The cluster size a scenario asks for (test/conformance/cases.ts reads the same directive). */
export function scenarioNodes(text: string): number {
  const match = /^#\s*conformance:\s*nodes\s+(\d+)\s*$/m.exec(text);
  const n = match ? Number(match[1]) : DEFAULT_SCENARIO_NODES;
  return n >= 1 ? n : DEFAULT_SCENARIO_NODES;
}

/** Every scenario in this build, as the repository names it (labs/scenarios/issue-2618.kvlab). */
export const scenarioFiles = (sources: ScenarioSources = SOURCES): string[] => Object.keys(sources).map((path) => path.replace(/^\//, '')).sort();

/** `labs/scenarios/issue-2618.kvlab` -> `issue-2618`. */
export const scenarioName = (file: string): string => /([^/]+?)(\.kvlab)?$/.exec(file)?.[1] ?? file;

/** Loads and splits one scenario; rejects with a `file: reason` message when it cannot. */
export async function loadScenario(file: string, sources: ScenarioSources = SOURCES): Promise<Scenario> {
  const load = sources[`/${file.replace(/^\//, '')}`];
  if (!load) throw new Error(`${file}: not in this build`);
  const text = await load();
  return { file, inputs: scriptInputs(text, file).map((input) => input.text), nodes: scenarioNodes(text) };
}
