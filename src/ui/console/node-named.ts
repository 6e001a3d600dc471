/**
 * The node a console input is about, so the page can select (and the graph frame) it: `@kv8 INFO`
 * and `@127.0.0.1:30008 PING` name kv8 for one command; `.use kv8` and `connect 127.0.0.1 30008`
 * point the console at it. Anything else names no node.
 */
import type { World } from '../../kvrocks/world.ts';

export function nodeNamedBy(input: string, world: World): string | null {
  const words = input.trim().split(/\s+/);
  const [first = '', second, third] = words;
  if (first.startsWith('@')) return world.find(first.slice(1))?.name ?? null;
  if (first === '.use' && second) return world.find(second)?.name ?? null;
  if (first.toLowerCase() === 'connect' && second && third) return world.find(`${second}:${third}`)?.name ?? null;
  return null;
}
