import { describe, expect, it } from 'vitest';
import { SimClock } from '../../src/engine/clock.ts';
import { KEEPALIVE_DETECT_MS, Network, type Socket } from '../../src/engine/network.ts';
import { Rng } from '../../src/engine/rng.ts';
import { Trace } from '../../src/engine/trace.ts';

function world() {
  const clock = new SimClock();
  const net = new Network<string>(clock, new Rng(1), new Trace(), { label: (m) => m, minLatencyMs: 2, maxLatencyMs: 2 });
  net.bind('a', '127.0.0.1:1');
  net.bind('b', '127.0.0.1:2');
  const log: string[] = [];
  const at = (text: string) => log.push(`${clock.now()} ${text}`);
  let server: Socket<string> | null = null;
  net.listen('127.0.0.1:2', (socket) => {
    server = socket;
    return { onMessage: (m) => at(`b got ${m}`), onClose: (r) => at(`b close ${r}`) };
  });
  const client = net.connect('a', '127.0.0.1:2', {
    onOpen: () => at('a open'),
    onRefused: () => at('a refused'),
    onMessage: (m) => at(`a got ${m}`),
    onClose: (r) => at(`a close ${r}`),
  }, true);
  return { clock, net, log, client, server: () => server! };
}

describe('Network', () => {
  it('opens after a round trip and delivers in order after the link latency', () => {
    const w = world();
    w.clock.advanceTo(4);
    w.client.send('one');
    w.client.send('two');
    w.clock.advanceTo(100);
    expect(w.log).toEqual(['4 a open', '6 b got one', '6 b got two']);
  });

  it('refuses a connection to a port nobody listens on', () => {
    const w = world();
    const log: string[] = [];
    w.net.connect('b', '127.0.0.1:1', { onOpen: () => log.push('open'), onRefused: () => log.push(`refused@${w.clock.now()}`), onMessage: () => undefined, onClose: () => undefined });
    w.clock.advanceTo(100);
    expect(log).toEqual(['refused@4']);
  });

  it('FIN reaches the peer as EOF; data sent to a closed end draws RST and the next send fails', () => {
    const w = world();
    w.clock.advanceTo(4);
    w.client.close();
    w.clock.advanceTo(10);
    expect(w.log).toContain('6 b close eof');
    expect(w.server().send('ping')).toBe(true); // goes out, draws RST
    w.clock.advanceTo(20);
    expect(w.server().reset).toBe(true);
    expect(w.server().send('ping')).toBe(false);
  });

  it('a partition holds packets until healed, then delivers them in order', () => {
    const w = world();
    w.clock.advanceTo(4);
    w.net.partition('a', 'b');
    w.client.send('held-1');
    w.client.send('held-2');
    w.clock.advanceTo(1000);
    expect(w.log.filter((l) => l.includes('got'))).toEqual([]);
    w.net.heal();
    w.client.send('after');
    w.clock.advanceTo(2000);
    expect(w.log.filter((l) => l.includes('got'))).toEqual(['1002 b got held-1', '1002 b got held-2', '1002 b got after']);
  });

  it('keepalive gives up on an outbound socket after 240 s of partition; the server side never notices', () => {
    const w = world();
    w.clock.advanceTo(4);
    w.net.partition('a', 'b');
    w.clock.advanceTo(4 + KEEPALIVE_DETECT_MS - 1);
    expect(w.log).not.toContain(`${4 + KEEPALIVE_DETECT_MS} a close timeout`);
    w.clock.advanceTo(4 + KEEPALIVE_DETECT_MS);
    expect(w.log).toContain(`${4 + KEEPALIVE_DETECT_MS} a close timeout`);
    expect(w.log.some((l) => l.includes('b close'))).toBe(false);
  });
});
