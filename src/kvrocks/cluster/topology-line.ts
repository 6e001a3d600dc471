/**
 * One line of a CLUSTERX SETNODES payload: `<id> <host> <port> <role> <master_id|-> [slot ...]`,
 * checked in upstream's order. Slot claims go into a shared table so that overlap with an earlier
 * line is caught at the same token upstream would catch it.
 * // K-2024 src/cluster/cluster.cc parseClusterNodes
 */
import { parseCInt } from './c-int.ts';
import { MAX_SLOT } from './slots.ts';
import { equalsIgnoreAsciiCase, splitNonEmpty, byteLength } from './text.ts';
import { K2024_SYNTAX, NODE_ID_LENGTH, type SlotRange, type TopologyRole, type TopologySyntax } from './types.ts';

export const ERR_INVALID_NODES_INFO = 'Invalid cluster nodes info';
export const ERR_INVALID_NODE_ID = 'Invalid cluster node id';
export const ERR_INVALID_PORT = 'Invalid cluster node port';
export const ERR_INVALID_ROLE = 'Invalid cluster node role';
export const ERR_SLOT_OUT_OF_RANGE = 'Slot is out of range';
export const ERR_MISSING_NEWLINE = 'Invalid nodes definition: Missing newline between node entries.';
export const ERR_SLOT_OVERLAPPED = 'Slot distribution is overlapped';

/** A line that passed every check, before replicas are known. */
export interface ParsedLine {
  readonly id: string;
  readonly host: string;
  readonly port: number;
  readonly role: TopologyRole;
  readonly masterId: string | null;
  readonly slots: readonly SlotRange[];
  readonly failed?: true;
}

/** `slot -> claimed by an earlier master line` for the whole payload. */
export type SlotClaims = Uint8Array;

const SLOT_BOUNDS = [0, MAX_SLOT] as const;
// std::regex_match(token, "\b[a-fA-F0-9]{40}\b"): a whole token of 40 hex digits. // K-2024 #2538 f2bc224b
const NODE_ID_LIKE = /^[a-fA-F0-9]{40}$/;

/**
 * `slave,fail` came with #3386 (2026-03, switch fail-flag-3386): "Support the "slave,fail" role
 * token in CLUSTERX SETNODES". 5fccd57c, with or without #2643, rejects it as a role.
 */
function parseRole(token: string, syntax: TopologySyntax): { role: TopologyRole; failed: boolean } | null {
  if (equalsIgnoreAsciiCase(token, 'master')) return { role: 'master', failed: false };
  if (equalsIgnoreAsciiCase(token, 'slave') || equalsIgnoreAsciiCase(token, 'replica')) return { role: 'slave', failed: false };
  if (syntax.failFlag && equalsIgnoreAsciiCase(token, 'slave,fail')) return { role: 'slave', failed: true };
  return null;
}

/** Parse one non-empty line; returns the line or an error text (no `ERR ` prefix). */
export function parseTopologyLine(line: string, claims: SlotClaims, syntax: TopologySyntax = K2024_SYNTAX): ParsedLine | string {
  const fields = splitNonEmpty(line, ' ');
  const [id, host, portText, roleText, masterField] = fields;
  if (id === undefined || host === undefined || portText === undefined || roleText === undefined || masterField === undefined) {
    return ERR_INVALID_NODES_INFO;
  }
  if (byteLength(id) !== NODE_ID_LENGTH) return ERR_INVALID_NODE_ID; // length only, not hex
  const port = parseCInt(portText, 'uint16');
  if (!port.ok) return ERR_INVALID_PORT;
  const parsedRole = parseRole(roleText, syntax);
  if (parsedRole === null) return ERR_INVALID_ROLE;
  const role = parsedRole.role;
  if (role === 'master' ? masterField !== '-' : byteLength(masterField) !== NODE_ID_LENGTH) {
    return ERR_INVALID_NODE_ID;
  }
  const base = parsedRole.failed ? { id, host, port: port.value, role, failed: true as const } : { id, host, port: port.value, role };
  if (role === 'slave') {
    return fields.length === 5 ? { ...base, masterId: masterField, slots: [] } : ERR_INVALID_NODES_INFO;
  }
  const slots: SlotRange[] = [];
  for (const token of fields.slice(5)) {
    const range = parseSlotToken(token);
    if (typeof range === 'string') return range;
    if (!claimSlots(claims, range)) return ERR_SLOT_OVERLAPPED;
    slots.push(range);
  }
  return { ...base, masterId: null, slots };
}

/** `N` or `a-b` with a < b strictly; `-` pieces are dropped first, so `-5` and `5-` read as 5. */
function parseSlotToken(token: string): SlotRange | string {
  const ends = splitNonEmpty(token, '-');
  if (ends.length === 1) {
    if (NODE_ID_LIKE.test(token)) return ERR_MISSING_NEWLINE;
    const slot = parseCInt(ends[0] ?? '', 'int', SLOT_BOUNDS);
    return slot.ok ? { start: slot.value, end: slot.value } : ERR_SLOT_OUT_OF_RANGE;
  }
  if (ends.length === 2) {
    const start = parseCInt(ends[0] ?? '', 'int', SLOT_BOUNDS);
    const end = parseCInt(ends[1] ?? '', 'int', SLOT_BOUNDS);
    if (!start.ok || !end.ok || start.value >= end.value) return ERR_SLOT_OUT_OF_RANGE;
    return { start: start.value, end: end.value };
  }
  return ERR_SLOT_OUT_OF_RANGE; // no piece at all (`-`), or more than two
}

/** Claims every slot of the range, or returns false at the first slot an earlier line holds. */
function claimSlots(claims: SlotClaims, range: SlotRange): boolean {
  for (let slot = range.start; slot <= range.end; slot++) {
    if (claims[slot] === 1) return false;
    claims[slot] = 1;
  }
  return true;
}
