/**
 * Differences between the model and the real server that are known, explained and left as they
 * are: each is a simplification documented in docs/model.md, where the console also tells the
 * user. A difference that matches none of these fails the comparison.
 */

export interface KnownDifference {
  readonly id: string;
  /** What differs and why it is left, for docs/conformance.md. */
  readonly summary: string;
  /** Where docs/model.md explains it. */
  readonly doc: string;
  matches(d: { caseId: string; argv: readonly string[] | null; real: string; model: string }): boolean;
}

export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [];

export function knownDifference(d: { caseId: string; argv: readonly string[] | null; real: string; model: string }): KnownDifference | null {
  return KNOWN_DIFFERENCES.find((k) => k.matches(d)) ?? null;
}
