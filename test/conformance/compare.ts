/**
 * Comparing a real transcript with the model's, input by input. A node command's normalised
 * output must be identical; where it is not, the model is asked the same thing at moments up to
 * the case's tolerance earlier and later (a timing the model claims: a link up or down, a replica
 * listed or dropped), and the nearest moment that gives the real reply is reported. How long a
 * command blocked is compared within the tolerance too; where a `.wait` ends is reported.
 * Dot-command texts other than `.wait`'s are the console's own words and are not compared.
 */
import type { SessionOptions } from '../../src/lab/session.ts';
import type { Entry } from './entry.ts';
import { knownDifference } from './known-differences.ts';
import { runModelShifted, runModelWithMoments } from './model-run.ts';
import { normalise, reconcileTolerantFields } from './normalise.ts';

/** At most this many shifted looks per differing reply. */
const MAX_LOOKS = 80;

/**
 * The moments tried around a differing reply at `at`, nearest first: just after each moment the
 * model changed something within the tolerance (on loopback a handshake state lasts well under a
 * millisecond, so fixed steps would miss it), then fine and 25 ms steps.
 */
function looks(at: number, toleranceMs: number, moments: readonly number[]): number[] {
  const candidates = new Set<number>();
  for (const m of moments) if (Math.abs(m - at) <= toleranceMs && m !== at) candidates.add(m + 0.001);
  for (const d of [0.1, 0.2, 0.5, 1, 2, 3, 5, 7, 10, 15, 20]) if (d <= toleranceMs) candidates.add(at - d).add(at + d);
  for (let d = 25; d <= toleranceMs; d += 25) candidates.add(at - d).add(at + d);
  return [...candidates]
    .filter((t) => t >= 0 && Math.abs(t - at) <= toleranceMs)
    .sort((a, b) => Math.abs(a - at) - Math.abs(b - at))
    .slice(0, MAX_LOOKS);
}

export type EntryVerdict =
  | { readonly kind: 'identical' }
  /** A `.wait` that ended `byMs` later on the real side (the harness's timeline, not a reply). */
  | { readonly kind: 'timeline'; readonly byMs: number }
  | { readonly kind: 'shifted'; readonly byMs: number }
  | { readonly kind: 'listed'; readonly id: string }
  | { readonly kind: 'different'; readonly what: string; readonly real: string; readonly model: string };

export interface EntryComparison {
  readonly real: Entry;
  readonly model: Entry;
  readonly verdict: EntryVerdict;
}

export type CaseStatus = 'identical' | 'within-tolerance' | 'listed' | 'different';

export interface CaseComparison {
  readonly entries: readonly EntryComparison[];
  readonly status: CaseStatus;
}

const NOW = /now t=(\d+\.\d+)s$/;

/**
 * Where a `.wait` ends on each side, reported as a shift. It is not a claim about the server:
 * how long each command blocks is compared command by command (with its tolerance), so what is
 * left here is the harness's own time (process exits, a busy machine's scheduling).
 */
function compareWait(real: Entry, model: Entry): EntryVerdict {
  const r = NOW.exec(real.output);
  const m = NOW.exec(model.output);
  if (!r || !m) return { kind: 'identical' };
  const delta = Math.round(Number(r[1]) * 1000 - Number(m[1]) * 1000);
  return delta === 0 ? { kind: 'identical' } : { kind: 'timeline', byMs: delta };
}

export function compareCase(script: string, options: SessionOptions, real: readonly Entry[], toleranceMs: number, caseId: string): CaseComparison {
  const { entries: model, moments } = runModelWithMoments(script, options);
  if (model.length !== real.length) throw new Error(`${caseId}: ${real.length} real inputs but ${model.length} in the model`);
  const entries: EntryComparison[] = real.map((r, i) => {
    const m = model[i]!;
    return { real: r, model: m, verdict: compareEntry(script, options, i, r, m, toleranceMs, caseId, moments) };
  });
  return { entries, status: statusOf(entries) };
}

function statusOf(entries: readonly EntryComparison[]): CaseStatus {
  const kinds = new Set(entries.map((e) => e.verdict.kind));
  if (kinds.has('different')) return 'different';
  if (kinds.has('listed')) return 'listed';
  if (kinds.has('shifted')) return 'within-tolerance';
  return 'identical';
}

function compareEntry(
  script: string,
  options: SessionOptions,
  index: number,
  real: Entry,
  model: Entry,
  toleranceMs: number,
  caseId: string,
  moments: readonly number[],
): EntryVerdict {
  if (real.input !== model.input) return { kind: 'different', what: 'the inputs differ (harness error)', real: real.input, model: model.input };
  if (real.kind === 'comment') return { kind: 'identical' };
  if (real.kind === 'dot') return real.input.trim().toLowerCase().startsWith('.wait') ? compareWait(real, model) : { kind: 'identical' };
  const took = real.tookMs - model.tookMs;
  const tookVerdict: EntryVerdict | null =
    Math.abs(took) > toleranceMs
      ? { kind: 'different', what: `the command took ${Math.round(real.tookMs)} ms on the real server, ${Math.round(model.tookMs)} ms in the model`, real: real.output, model: model.output }
      : null;
  const argv = real.argv;
  const realText = normalise(argv, real.output);
  // 'exact', 'tolerant' (equal once the tolerant fields are reconciled), or false.
  const match = (m: Entry): 'exact' | 'tolerant' | false => {
    if (m.prompt !== real.prompt) return false;
    if (normalise(argv, m.output) === realText) return 'exact';
    return normalise(argv, reconcileTolerantFields(real.output, m.output)) === realText ? 'tolerant' : false;
  };
  let verdict: EntryVerdict | null = null;
  const here = match(model);
  if (here === 'exact') verdict = { kind: 'identical' };
  else if (here === 'tolerant') verdict = { kind: 'shifted', byMs: 0 };
  else {
    for (const t of looks(model.at, toleranceMs, moments)) {
      if (match(runModelShifted(script, options, index, t))) {
        verdict = { kind: 'shifted', byMs: Math.round((t - model.at) * 1000) / 1000 };
        break;
      }
    }
  }
  if (verdict === null) {
    const known = knownDifference({ caseId, argv, real: real.output, model: model.output });
    verdict = known
      ? { kind: 'listed', id: known.id }
      : {
          kind: 'different',
          what: model.prompt !== real.prompt ? `the prompts differ: real '${real.prompt}', model '${model.prompt}'` : `the replies differ, also ${toleranceMs} ms either side`,
          real: real.output,
          model: model.output,
        };
  }
  return tookVerdict && verdict.kind !== 'different' ? tookVerdict : verdict;
}
