// Typing at an earlier time: the console asks before dropping the later inputs, and Undo gives
// the dropped branch back.
import { describe, expect, it } from 'vitest';
import { ConsoleState } from '../../../src/ui/console/console-state.svelte.ts';
import { Sandbox } from '../../../src/ui/state/sandbox.svelte.ts';

function scrubbedBack() {
  const sandbox = new Sandbox();
  const term = new ConsoleState(sandbox);
  for (const input of ['@kv1 SET a 1', '.wait 1s', '@kv1 SET b 2', '.wait 1s', '@kv1 SET c 3']) {
    term.draft = input;
    term.submit();
  }
  sandbox.seek(500);
  return { sandbox, term };
}

describe('typing at an earlier time', () => {
  it('the first Enter asks and runs nothing; the second drops the later inputs and runs', () => {
    const { sandbox, term } = scrubbedBack();
    expect(sandbox.futureInputs).toBe(4);
    term.draft = '@kv1 SET z 9';
    term.submit();
    expect(term.branchAsk).toEqual({ text: '@kv1 SET z 9', later: 4 });
    expect(sandbox.log).toHaveLength(5);
    expect(term.draft).toBe('@kv1 SET z 9');
    term.submit();
    expect(term.branchAsk).toBeNull();
    expect(sandbox.log.map((r) => r.input)).toEqual(['@kv1 SET a 1', '@kv1 SET z 9']);
    expect(sandbox.dropped?.count).toBe(4);
  });

  it('editing the line after the question asks again', () => {
    const { sandbox, term } = scrubbedBack();
    term.draft = '@kv1 GET a';
    term.submit();
    term.edited('@kv1 GET b');
    expect(term.branchAsk).toBeNull();
    term.submit();
    expect(term.branchAsk?.text).toBe('@kv1 GET b');
    expect(sandbox.log).toHaveLength(5);
  });

  it('Undo restores the dropped branch at the same time, and the input typed there goes', () => {
    const { sandbox, term } = scrubbedBack();
    const before = sandbox.snapshot();
    term.draft = '@kv1 SET z 9';
    term.submit();
    term.submit();
    expect(sandbox.undoDrop()).toBe(true);
    expect(sandbox.snapshot()).toEqual(before);
    expect(sandbox.futureInputs).toBe(4);
    expect(sandbox.dropped).toBeNull();
    sandbox.seek(sandbox.horizon);
    expect(sandbox.session.world.find('kv1')!.running).toBe(true);
    expect(sandbox.transcript.map((r) => r.input)).toEqual(['@kv1 SET a 1', '.wait 1s', '@kv1 SET b 2', '.wait 1s', '@kv1 SET c 3']);
  });

  it('at the end of the timeline nothing is asked and nothing dropped', () => {
    const sandbox = new Sandbox();
    const term = new ConsoleState(sandbox);
    term.draft = '@kv1 SET a 1';
    term.submit();
    expect(term.branchAsk).toBeNull();
    expect(sandbox.dropped).toBeNull();
    expect(sandbox.undoDrop()).toBe(false);
  });
});
