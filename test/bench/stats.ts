/** Benchmark helpers: repeat, take the median (the machines are shared and noisy). */
import { performance } from 'node:perf_hooks';

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface Sample<T> {
  ms: number;
  value: T;
}

export function time<T>(fn: () => T): Sample<T> {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

export function repeat<T>(runs: number, fn: () => T): Sample<T>[] {
  return Array.from({ length: runs }, () => time(fn));
}

export const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
