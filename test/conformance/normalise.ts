/**
 * What the comparison erases or reorders before two transcripts are compared, and why: only what
 * is legitimately run-dependent (a wall clock, a pid, a path, the machine's disk and memory), and
 * order where upstream's is unspecified. Everything else must be identical; a timing the model
 * claims is compared within the case's tolerance instead (compare.ts). docs/conformance.md lists
 * these rules from this table.
 */

export interface Rule {
  readonly id: string;
  /** What the rule does, for docs/conformance.md. */
  readonly does: string;
  readonly reason: string;
  /** Whether the rule applies to the output of `argv` (lower-cased command and subcommand). */
  applies(argv: readonly string[]): boolean;
  apply(text: string): string;
}

const lower = (argv: readonly string[]) => argv.map((a) => a.toLowerCase());
const isCommand = (argv: readonly string[], ...names: string[]) => {
  const l = lower(argv);
  return names.some((n) => {
    const [cmd, sub] = n.split(' ');
    return l[0] === cmd && (sub === undefined || l[1] === sub);
  });
};

/** `field:value` lines of INFO whose value is erased to `<erased>`. */
function eraseInfoFields(text: string, fields: RegExp): string {
  return text
    .split('\n')
    .map((line) => {
      const colon = line.indexOf(':');
      if (colon < 0 || line.startsWith('#')) return line;
      return fields.test(line.slice(0, colon)) ? `${line.slice(0, colon)}:<erased>` : line;
    })
    .join('\n');
}

/** Sorts the lines matching `pattern` among themselves, keeping the other lines in place. */
function sortLinesMatching(text: string, pattern: RegExp, key: (line: string) => string = (l) => l): string {
  const lines = text.split('\n');
  const picked = lines.filter((l) => pattern.test(l)).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  let next = 0;
  return lines.map((l) => (pattern.test(l) ? picked[next++]! : l)).join('\n');
}

const INFO_RUN_DEPENDENT = new RegExp(
  '^(' +
    [
      'process_id',
      'os',
      'uptime_in_seconds',
      'uptime_in_days',
      'git_sha1',
      'kvrocks_git_sha1',
      'used_memory_\\w+',
      'used_cpu_\\w+',
      'last_bgsave_time',
      'last_bgsave_time_sec',
      'last_scan_time',
      'disk_capacity',
      'used_disk_size',
      'used_disk_percent',
      'instantaneous_\\w+',
      'total_net_input_bytes',
      'total_net_output_bytes',
    ].join('|') +
    ')$',
);

export const RULES: readonly Rule[] = [
  {
    id: 'info-run-dependent',
    does: 'INFO: erases the values of process_id, os, uptime_in_seconds, uptime_in_days, git_sha1, kvrocks_git_sha1, used_memory_*, used_cpu_*, last_bgsave_time, last_bgsave_time_sec, last_scan_time, disk_capacity, used_disk_size, used_disk_percent, instantaneous_*, total_net_input_bytes, total_net_output_bytes',
    reason: "a pid, the host's kernel, wall-clock times since the process started, the build's commit (the model names itself), and this machine's memory, CPU, disk and byte counts",
    applies: (argv) => isCommand(argv, 'info'),
    apply: (text) => eraseInfoFields(text, INFO_RUN_DEPENDENT),
  },
  {
    id: 'info-scan-time',
    does: 'INFO keyspace: erases the date in `# Last DBSIZE SCAN time: ...`',
    reason: "the wall-clock time of the last DBSIZE SCAN, in the server's local time zone",
    applies: (argv) => isCommand(argv, 'info'),
    apply: (text) => text.replace(/^# Last DBSIZE SCAN time: .*$/m, '# Last DBSIZE SCAN time: <erased>'),
  },
  {
    id: 'last-io-never',
    does: 'INFO replication: a master_last_io_seconds_ago above 10^9 becomes <now>',
    reason: "a replication thread that has had no I/O yet prints now - 0, the wall clock's Unix seconds (K-2024 replication.cc: last_io_time_secs_ starts at 0)",
    applies: (argv) => isCommand(argv, 'info'),
    apply: (text) => text.replace(/^master_last_io_seconds_ago:\d{10,}$/m, 'master_last_io_seconds_ago:<now>'),
  },
  {
    id: 'info-rocksdb-values',
    does: 'INFO rocksdb: erases every value in the section',
    reason: "RocksDB's own memory, cache and compaction figures on this machine",
    applies: (argv) => isCommand(argv, 'info'),
    apply: (text) => {
      const out: string[] = [];
      let inRocksdb = false;
      for (const line of text.split('\n')) {
        if (line.startsWith('# ')) inRocksdb = line === '# RocksDB';
        const colon = line.indexOf(':');
        out.push(inRocksdb && colon > 0 && !line.startsWith('#') ? `${line.slice(0, colon)}:<erased>` : line);
      }
      return out.join('\n');
    },
  },
  {
    id: 'commandstats-usec',
    does: 'INFO commandstats: erases usec= and usec_per_call= (keeps calls=)',
    reason: 'microseconds of CPU spent on this machine',
    applies: (argv) => isCommand(argv, 'info'),
    apply: (text) => text.replace(/(cmdstat_[^:]+:calls=\d+),usec=\d+,usec_per_call=[\d.]+/g, '$1,usec=<erased>,usec_per_call=<erased>'),
  },
  {
    id: 'info-slave-order',
    does: 'INFO replication: compares the slave<i>: lines as a set',
    reason: 'they are numbered in the order replicas registered, which is the order their PSYNCs arrived (upstream slave_threads_ list)',
    applies: (argv) => isCommand(argv, 'info'),
    apply: (text) => sortLinesMatching(text.replace(/^slave\d+:/gm, 'slave<i>:'), /^slave<i>:/),
  },
  {
    id: 'role-replica-order',
    does: "ROLE on a master: compares its replicas' [ip, port, offset] entries as a set",
    reason: 'they come in the order replicas registered (the same list as the slave<i>: lines)',
    applies: (argv) => isCommand(argv, 'role'),
    apply: sortRoleReplicas,
  },
  {
    id: 'cluster-nodes-stamps',
    does: 'CLUSTER NODES, CLUSTER REPLICAS: erases the ping-sent and pong-received columns',
    reason: "Kvrocks prints the node's wall clock in ms there (now-1, now), not real ping times (K-2024 cluster.cc genNodesDescription)",
    applies: (argv) => isCommand(argv, 'cluster nodes', 'cluster replicas'),
    // Raw (CLUSTER NODES) or quoted on one line with \n escapes (CLUSTER REPLICAS).
    apply: (text) => text.replace(/ \d{13} \d{13} (?=\d+ connected)/g, ' <ping> <pong> '),
  },
  {
    id: 'config-paths',
    does: 'CONFIG GET: erases the values of dir, backup-dir, sync-checkpoint-dir, checkpoint-dir, log-dir, pidfile, db-name-dir',
    reason: "each real node runs in its own temporary directory",
    applies: (argv) => isCommand(argv, 'config get'),
    apply: (text) => text.replace(/^(\s*\d+\) "(?:dir|backup-dir|sync-checkpoint-dir|checkpoint-dir|log-dir|pidfile)"\n\s*\d+\) )"[^"\n]*"/gm, '$1"<path>"'),
  },
  {
    id: 'client-list-run-dependent',
    does: 'CLIENT LIST, CLIENT INFO: erases the port in addr=, and the fd=, age= and idle= values; compares the lines as a set',
    reason:
      "the peer's ephemeral port and the socket's fd are the kernel's; age and idle are differences of whole wall-clock seconds, whose phase differs from run to run; lines come per worker thread by fd, then replicas in registration order (K-2024 server.cc GetClientsStr)",
    applies: (argv) => isCommand(argv, 'client list', 'client info'),
    apply: (text) =>
      text
        .replace(/\baddr=(\S+):\d+ fd=\d+ (name=\S*) age=\d+ idle=\d+ /g, 'addr=$1:<port> fd=<fd> $2 age=<age> idle=<idle> ')
        .split('\n')
        .sort()
        .join('\n'),
  },
  {
    id: 'time-values',
    does: 'TIME: erases both values',
    reason: 'the wall clock in seconds and microseconds',
    applies: (argv) => isCommand(argv, 'time'),
    apply: (text) => text.replace(/^([12]\) )"\d+"$/gm, '$1"<time>"'),
  },
  {
    id: 'scan-cursor',
    does: 'SCAN: erases a cursor other than "0"',
    reason: "a cursor holds the wall clock's low 16 bits of seconds and libstdc++'s std::hash of the last key (K-2024 server.cc NumberCursor)",
    applies: (argv) => isCommand(argv, 'scan'),
    apply: (text) => text.replace(/^1\) "[1-9]\d*"$/m, '1) "<cursor>"'),
  },
];

/**
 * ROLE's third element, as redis-cli draws it: `3) 1) 1) "ip"` then `      2) "port"`,
 * `      3) "offset"`, and `   2) 1) "ip"` ... for the next replica. Re-drawn in sorted order.
 */
function sortRoleReplicas(text: string): string {
  const lines = text.split('\n');
  if (lines[0] !== '1) "master"' || !lines[2]?.startsWith('3) ')) return text;
  const body = lines.slice(2);
  if (body.length % 3 !== 0) return text;
  const triples: string[][] = [];
  for (let i = 0; i < body.length; i += 3) triples.push(body.slice(i, i + 3).map((l) => l.replace(/^.*\d\) (?=")/, '')));
  triples.sort((a, b) => (a.join() < b.join() ? -1 : a.join() > b.join() ? 1 : 0));
  const width = String(triples.length).length;
  const drawn = triples.flatMap((t, i) => {
    const index = `${String(i + 1).padStart(width)}) `;
    const head = i === 0 ? `3) ${index}` : `   ${index}`;
    const pad = ' '.repeat(head.length);
    return [`${head}1) ${t[0]}`, `${pad}2) ${t[1]}`, `${pad}3) ${t[2]}`];
  });
  return [...lines.slice(0, 2), ...drawn].join('\n');
}

/**
 * Fields whose real value may sit a stated amount below or above the model's. The model cannot
 * know where the wall-clock second boundaries fall, nor how much a loaded machine stretches the
 * real server's sleeps; each entry says why its bounds are what they are.
 */
export const TOLERANT_FIELDS: readonly { field: string; below: number; above: number; reason: string }[] = [
  {
    field: 'master_last_io_seconds_ago',
    below: 1,
    above: 2,
    reason:
      'whole wall-clock seconds (GetTimeStamp() on both ends) step at second boundaries, whose phase differs from run to run; and the master\'s liveness ping comes after 1,000 turns of a 2 ms sleep (replication.cc checkLivenessIfNeed), which a loaded machine stretches, so the real value may run a second further ahead',
  },
];

/** The model's output with each tolerant field set to the real value where the two are close enough. */
export function reconcileTolerantFields(real: string, model: string): string {
  let out = model;
  for (const { field, below, above } of TOLERANT_FIELDS) {
    const r = new RegExp(`^${field}:(\\d+)$`, 'm').exec(real);
    if (!r) continue;
    const realValue = Number(r[1]);
    out = out.replace(new RegExp(`^${field}:(\\d+)$`, 'm'), (line, value: string) => {
      const ahead = realValue - Number(value);
      return ahead >= -below && ahead <= above ? `${field}:${r[1]}` : line;
    });
  }
  return out;
}

/** The output as compared: every rule that applies to `argv`, in table order. */
export function normalise(argv: readonly string[] | null, output: string): string {
  if (argv === null) return output;
  let text = output;
  for (const rule of RULES) if (rule.applies(argv)) text = rule.apply(text);
  return text;
}
