/**
 * Which real Kvrocks runs a mode: `KVROCKS_BIN_BUGGY` / `KVROCKS_BIN_FIXED`, else `KVROCKS_BIN`
 * (one build for whatever modes are asked for), else the builds in ../shared/kvrocks:
 * `k2024` (apache/kvrocks 5fccd57c) for buggy, `post2643` (the same plus PR #2643) for fixed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RealMode } from '../cases.ts';
import { ROOT } from '../cases.ts';
import { type BinaryInfo, sha256 } from '../recording.ts';

export const SHARED_KVROCKS = join(ROOT, '..', 'shared', 'kvrocks');
const SHARED_VARIANT: Record<RealMode, string> = { buggy: 'k2024', fixed: 'post2643' };

export interface Binary extends BinaryInfo {
  readonly path: string;
}

export const sharedBuildsPresent = () => existsSync(join(SHARED_KVROCKS, 'bin.sh'));

export function binaryFor(mode: RealMode, env: NodeJS.ProcessEnv = process.env): Binary {
  const own = env[`KVROCKS_BIN_${mode.toUpperCase()}`] ?? env.KVROCKS_BIN;
  const path = own ?? execFileSync(join(SHARED_KVROCKS, 'bin.sh'), [SHARED_VARIANT[mode]], { encoding: 'utf8' }).trim();
  if (!existsSync(path)) throw new Error(`no Kvrocks binary at ${path}`);
  const version = execFileSync(path, ['-v'], { encoding: 'utf8' }).trim();
  return { path, variant: own ? 'custom' : SHARED_VARIANT[mode], version, sha256: sha256(readFileSync(path)) };
}
