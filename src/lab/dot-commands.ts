/**
 * Lines starting with `.` control the lab and are never sent to a node (design §3.2). One table:
 * the console, scripts, labs and `.help` all read it.
 */
import type { KvrocksNode } from '../kvrocks/node/node.ts';
import { STARTUP_MS } from '../machines/node-process.machine.ts';
import { formatDuration, formatTime, parseDuration, sessionTimeProblem } from './duration.ts';
import { helpText } from './help.ts';
import { nodesTable, idsTable } from './node-table.ts';
import type { Session } from './session.ts';
import { controllerDotCommand } from './controller-commands.ts';
import { migrationDotCommand } from './migration-commands.ts';
import { modeDotCommand, switchDotCommand } from './behaviour-commands.ts';

export type DotOutcome = { ok: true; output: string } | { ok: false; error: string };

export interface DotCommand {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  run(session: Session, args: readonly string[]): DotOutcome;
}

const ok = (output = ''): DotOutcome => ({ ok: true, output });
const fail = (error: string): DotOutcome => ({ ok: false, error });

function nodeArg(session: Session, ref: string | undefined, usage: string): KvrocksNode | string {
  if (ref === undefined) return `usage: ${usage}`;
  return session.world.find(ref) ?? `unknown node '${ref}': nodes are kv1..kv${session.world.nodes.length}`;
}

export const DOT_COMMANDS: readonly DotCommand[] = [
  { name: '.help', usage: '.help', summary: 'list the console language, dot-commands and every modelled Kvrocks command', run: () => ok(helpText()) },
  { name: '.nodes', usage: '.nodes', summary: 'every node: address, process, version, told role, running role, master link', run: (s) => ok(nodesTable(s.world)) },
  { name: '.ids', usage: '.ids', summary: 'suggested 40-character node ids, stable per node name', run: (s) => ok(idsTable(s.world)) },
  {
    name: '.use',
    usage: '.use <node>',
    summary: 'run the next commands on another node (like redis-cli `connect`)',
    run: (s, args) => {
      const node = nodeArg(s, args[0], '.use <node>');
      if (typeof node === 'string') return fail(node);
      s.use(node);
      return ok();
    },
  },
  {
    name: '.wait',
    usage: '.wait <duration>',
    summary: 'let virtual time pass: 500ms, 5s, 2m, 1h',
    run: (s, args) => {
      if (args.length !== 1) return fail('usage: .wait <duration>, e.g. .wait 5s');
      const d = parseDuration(args[0]!);
      if (!d.ok) return fail(d.error);
      const tooLate = sessionTimeProblem(s.now() + d.ms, `.wait ${args[0]} would take the session to`);
      if (tooLate !== null) return fail(tooLate);
      const until = Math.min(s.now() + d.ms, Math.max(s.now(), s.waitLimit));
      s.runWait(until);
      return ok(`# waited ${formatDuration(d.ms)}, now ${formatTime(until)}`);
    },
  },
  { name: '.time', usage: '.time', summary: 'the current virtual time', run: (s) => ok(`# ${formatTime(s.now())}`) },
  modeDotCommand,
  switchDotCommand,
  {
    name: '.crash',
    usage: '.crash <node>',
    summary: 'kill the kvrocks process: its sockets close (FIN); data and nodes.conf survive',
    run: (s, args) => {
      const node = nodeArg(s, args[0], '.crash <node>');
      if (typeof node === 'string') return fail(node);
      if (!node.running) return fail(`${node.name} is not running (${node.processState})`);
      node.crash();
      s.world.sim.settle();
      return ok(`# ${node.name} crashed`);
    },
  },
  {
    name: '.restart',
    usage: '.restart <node>',
    summary: 'start a crashed node again (or restart a running one); it reloads nodes.conf',
    run: (s, args) => {
      const node = nodeArg(s, args[0], '.restart <node>');
      if (typeof node === 'string') return fail(node);
      if (node.processState === 'restarting') return fail(`${node.name} is already restarting`);
      node.restart();
      s.world.sim.settle();
      return ok(`# ${node.name} restarting (listening again in ${formatDuration(STARTUP_MS)})`);
    },
  },
  {
    name: '.partition',
    usage: '.partition <a> <b>',
    summary: 'cut the link between two nodes (or a node and `controller`): packets wait, nothing closes',
    run: (s, args) => {
      if (args.length !== 2) return fail('usage: .partition <a> <b>');
      const ends = args.map((ref) => (ref.toLowerCase() === 'controller' ? 'controller' : nodeArg(s, ref, '.partition <a> <b>')));
      for (const end of ends) if (typeof end === 'string' && end !== 'controller') return fail(end);
      if (ends[0] === ends[1]) return fail('a node cannot be partitioned from itself');
      s.world.partition(ends[0] as KvrocksNode | 'controller', ends[1] as KvrocksNode | 'controller');
      return ok(`# partitioned ${args[0]} <-/-> ${args[1]}`);
    },
  },
  {
    name: '.heal',
    usage: '.heal',
    summary: 'remove every partition; held packets are delivered',
    run: (s) => {
      s.world.heal();
      return ok('# network healed');
    },
  },
  controllerDotCommand,
  migrationDotCommand,
];

const byName = new Map(DOT_COMMANDS.map((c) => [c.name, c]));

export function runDotCommand(session: Session, line: string): DotOutcome {
  const [name = '', ...args] = line.split(/\s+/).filter((part) => part !== '');
  const command = byName.get(name.toLowerCase());
  if (!command) return fail(`unknown dot-command '${name}': type .help for the list`);
  return command.run(session, args);
}
