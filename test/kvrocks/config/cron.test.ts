// Cron validation for the *-cron settings: K-2024 src/common/cron.h CronPattern::Parse and
// src/common/cron.cc SetScheduleTime, with the texts checked in config-set-strings.kvlab.
import { describe, expect, it } from 'vitest';
import { checkCronFields, checkCronSetting } from '../../../src/kvrocks/config/cron.ts';

const PREFIX = 'cron expression format error: ';

describe('checkCronSetting', () => {
  it('accepts *, numbers, lists, ranges, intervals, several schedules, and empty', () => {
    expect(checkCronSetting('0 3 * * *')).toBeNull();
    expect(checkCronSetting('0,15,30-45 */2 1-31 1,12 0-6')).toBeNull();
    expect(checkCronSetting('0 3 * * * 0 4 * * *')).toBeNull();
    expect(checkCronSetting('')).toBeNull();
    expect(checkCronSetting(' \t ')).toBeNull();
  });

  it('refuses with upstream texts', () => {
    expect(checkCronSetting('0 3 * *')).toBe('cron expression format error, should only contain 5x fields');
    expect(checkCronSetting('x 3 * * *')).toBe(`${PREFIX}an integer is expected in a cron expression: not started as an integer`);
    expect(checkCronSetting('60 3 * * *')).toBe(`${PREFIX}an integer is expected in a cron expression: out of numeric range`);
    expect(checkCronSetting('*/0 3 * * *')).toBe(`${PREFIX}interval value after \`*/\` cannot be zero`);
    expect(checkCronSetting('*/x 3 * * *')).toBe(`${PREFIX}an integer is expected after \`*/\` in a cron expression: not started as an integer`);
    expect(checkCronSetting('5-3 3 * * *')).toBe(`${PREFIX}for pattern \`l-r\` in cron expression, r should be larger than l`);
    expect(checkCronSetting('a-3 3 * * *')).toBe(`${PREFIX}an integer is expected before \`-\` in a cron expression: not started as an integer`);
    expect(checkCronSetting('3-a 3 * * *')).toBe(`${PREFIX}an integer is expected after \`-\` in a cron expression: not started as an integer`);
    expect(checkCronSetting(', 3 * * *')).toBe(`${PREFIX}invalid cron expression`);
  });

  it('each field has its own range: day of month and month start at 1, day of week ends at 6', () => {
    expect(checkCronSetting('0 1 0 1 *')).toBe(`${PREFIX}an integer is expected in a cron expression: out of numeric range`);
    expect(checkCronSetting('0 1 1 13 *')).toBe(`${PREFIX}an integer is expected in a cron expression: out of numeric range`);
    expect(checkCronSetting('0 1 1 1 7')).toBe(`${PREFIX}an integer is expected in a cron expression: out of numeric range`);
    expect(checkCronFields(['*', '24', '*', '*', '*'])).toBe(`${PREFIX}an integer is expected in a cron expression: out of numeric range`);
  });
});
