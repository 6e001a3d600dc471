/**
 * Suggested 40-hex node ids, stable per node name, so scripts and labs can use the same ids on
 * every run. Kvrocks only checks the length (§1.2); the controller makes random hex ids.
 */
import { Rng } from '../engine/rng.ts';

export function suggestedNodeId(name: string): string {
  const rng = new Rng(`node-id:${name}`);
  let out = '';
  while (out.length < 40) out += Math.floor(rng.next() * 0x100000000).toString(16).padStart(8, '0');
  return out;
}
