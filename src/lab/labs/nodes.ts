/** Node references in lab files, resolved statically against the lab's node count. */
import { suggestedNodeId } from '../../protocol/node-ids.ts';
import { BASE_PORT } from '../../kvrocks/world.ts';

export interface NodeRef {
  readonly name: string;
  readonly address: string;
}

/** A node by name (`kv2`, any case) or address (`127.0.0.1:30002`, `localhost:30002`), as World.find. */
export function resolveNode(ref: string, nodes: number): NodeRef | null {
  const byName = /^kv([1-9]\d*)$/i.exec(ref);
  const byAddress = /^(?:127\.0\.0\.1|localhost):([1-9]\d*)$/i.exec(ref);
  const n = byName ? Number(byName[1]) : byAddress ? Number(byAddress[1]) - BASE_PORT + 1 : 0;
  if (!Number.isInteger(n) || n < 1 || n > nodes) return null;
  return { name: `kv${n}`, address: `127.0.0.1:${BASE_PORT + n - 1}` };
}

export function unknownNode(ref: string, nodes: number): string {
  return `unknown node '${ref}': this lab has ${nodes === 1 ? 'kv1' : `kv1..kv${nodes}`}`;
}

/** `{kv1}` in a check stands for kv1's stable node id (the one `.ids` suggests and the controller uses). */
export function expandIds(text: string, nodes: number): { ok: true; text: string } | { ok: false; error: string } {
  let error: string | null = null;
  const out = text.replace(/\{([^{}\s]*)\}/g, (whole, ref: string) => {
    const node = resolveNode(ref, nodes);
    if (!node) {
      error ??= `${unknownNode(ref, nodes)} in ${whole}`;
      return whole;
    }
    return suggestedNodeId(node.name);
  });
  return error === null ? { ok: true, text: out } : { ok: false, error };
}
