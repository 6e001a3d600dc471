/**
 * Validation of the cron settings (compact-cron, bgsave-cron, dbsize-scan-cron,
 * compaction-checker-cron, compaction-checker-range) with Kvrocks' error texts. The model
 * never runs the jobs; it only accepts or refuses the expression.
 * // K-2024 src/common/cron.h CronPattern::Parse, src/common/cron.cc Cron::SetScheduleTime
 */
import { splitNonEmpty } from '../cluster/text.ts';
import { parseConfigInt } from './parse-int.ts';

/** minute, hour, day of month, month, day of week. */
const FIELD_RANGES: readonly (readonly [bigint, bigint])[] = [
  [0n, 59n],
  [0n, 23n],
  [1n, 31n],
  [1n, 12n],
  [0n, 6n],
];

/** Null when the schedule is valid (an empty list clears it). */
export function checkCronFields(fields: readonly string[]): string | null {
  if (fields.length === 0) return null;
  if (fields.length % 5 !== 0) return 'cron expression format error, should only contain 5x fields';
  for (let i = 0; i < fields.length; i++) {
    const problem = checkPattern(fields[i]!, FIELD_RANGES[i % 5]!);
    if (problem) return `cron expression format error: ${problem}`;
  }
  return null;
}

/** The value of a `*-cron` setting: fields separated by spaces or tabs. */
export function checkCronSetting(value: string): string | null {
  return checkCronFields(splitNonEmpty(value, ' \t'));
}

function checkPattern(text: string, range: readonly [bigint, bigint]): string | null {
  if (text === '*') return null;
  const number = (s: string, what: string) => {
    const n = parseConfigInt(s, 'int', range);
    return n.ok ? { ok: true as const, value: n.value } : { ok: false as const, message: `an integer is expected ${what} in a cron expression: ${n.message}` };
  };
  if (text.startsWith('*/')) {
    const interval = number(text.slice(2), 'after `*/`');
    if (!interval.ok) return interval.message;
    return interval.value === 0n ? 'interval value after `*/` cannot be zero' : null;
  }
  const items = splitNonEmpty(text, ',');
  for (const item of items) {
    const dash = item.indexOf('-');
    if (dash < 0) {
      const n = parseConfigInt(item, 'int', range);
      if (!n.ok) return `an integer is expected in a cron expression: ${n.message}`;
      continue;
    }
    const left = number(item.slice(0, dash), 'before `-`');
    if (!left.ok) return left.message;
    const right = number(item.slice(dash + 1), 'after `-`');
    if (!right.ok) return right.message;
    if (left.value >= right.value) return 'for pattern `l-r` in cron expression, r should be larger than l';
  }
  return items.length === 0 ? 'invalid cron expression' : null;
}
