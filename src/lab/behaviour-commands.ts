/**
 * `.mode` and `.switch`: the behaviour setting of a session, a preset (buggy, fixed, guarded)
 * with named behaviours turned on or off (kvrocks/behaviours/switches.ts).
 */
import { SWITCHES, findSwitch } from '../kvrocks/behaviours/switches.ts';
import { MODES, parseSetting, settingOf, settingSummary } from '../kvrocks/mode.ts';
import type { DotCommand, DotOutcome } from './dot-commands.ts';
import type { Session } from './session.ts';

const ok = (output = ''): DotOutcome => ({ ok: true, output });
const fail = (error: string): DotOutcome => ({ ok: false, error });

function switchLines(session: Session): string[] {
  const width = Math.max(...SWITCHES.map((s) => s.id.length));
  return SWITCHES.map((s) => {
    const state = session.world.has(s.id) ? 'on ' : 'off';
    const where = [s.layer, s.status === 'merged' ? `merged ${s.merged}` : s.status, ...s.upstream.map((u) => u.label)].join(', ');
    return `#   ${state}  ${s.id.padEnd(width)}  ${s.on} (${where})`;
  });
}

const announce = (session: Session) => `# mode ${session.world.mode}: ${settingSummary(session.world.mode)}`;

export const modeDotCommand: DotCommand = {
  name: '.mode',
  usage: '.mode [buggy|fixed|guarded[+switch|-switch...]]',
  summary: 'show or switch the behaviour: buggy (before #2643), fixed (#2643), guarded (#2850 proposal), each with named behaviours on or off',
  run: (s, args) => {
    if (args.length === 0) return ok([announce(s), '# switches (.switch <name> on|off):', ...switchLines(s)].join('\n'));
    if (args.length !== 1) return fail(`usage: .mode ${MODES.join('|')}, optionally with +switch or -switch`);
    const parsed = parseSetting(args[0]!);
    if (!parsed.ok) return fail(parsed.error);
    s.world.setMode(parsed.behaviour.setting);
    return ok(announce(s));
  },
};

export const switchDotCommand: DotCommand = {
  name: '.switch',
  usage: '.switch <name> on|off',
  summary: 'turn one named behaviour on or off (.mode lists them, with their upstream issues)',
  run: (s, args) => {
    const [id, state] = args;
    if (args.length !== 2 || (state !== 'on' && state !== 'off')) return fail('usage: .switch <name> on|off (.mode lists the names)');
    if (!findSwitch(id!)) return fail(`unknown switch '${id}': switches are ${SWITCHES.map((x) => x.id).join(', ')}`);
    const on = new Set(s.world.behaviour.on);
    if (state === 'on') on.add(id!);
    else on.delete(id!);
    s.world.setMode(settingOf(s.world.behaviour.preset, on));
    return ok(announce(s));
  },
};

/**
 * The behaviour setting a console input would switch to (`.mode fixed`, `.switch x on`), or null
 * when it is not a valid switch of the setting: lets a lab ask before the mode changes under it.
 */
export function settingAfter(session: Session, input: string): string | null {
  const words = input.trim().split(/\s+/);
  if (words[0] === '.mode' && words.length === 2) {
    const parsed = parseSetting(words[1]!);
    return parsed.ok ? parsed.behaviour.setting : null;
  }
  if (words[0] === '.switch' && words.length === 3 && findSwitch(words[1]!) && (words[2] === 'on' || words[2] === 'off')) {
    const on = new Set(session.world.behaviour.on);
    if (words[2] === 'on') on.add(words[1]!);
    else on.delete(words[1]!);
    return settingOf(session.world.behaviour.preset, on);
  }
  return null;
}
