import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isRawOutputCommand, quoteBulk, renderReply } from '../../src/kvrocks/render.ts';
import { splitArgs } from '../../src/kvrocks/args.ts';
import { utf8ToBytes as b } from '../../src/protocol/bytes.ts';
import { NIL, OK, array, bulk, bulks, err, error, integer, status, type Reply } from '../../src/protocol/reply.ts';

const lines = (...rows: string[]): string => rows.join('\n');
const argvOf = (line: string): string[] => {
  const split = splitArgs(line);
  if (!split.ok) throw new Error(`bad test line: ${line}`);
  return split.args;
};

// Golden strings: what redis-cli 7.0.15 (Debian bookworm redis-tools) showed in a tmux TTY against
// redis-server 7.0.15, between the command line and the next prompt.
describe('renderReply matches redis-cli on a terminal', () => {
  it('renders a status as its text', () => {
    expect(renderReply(OK, ['SET', 'k', 'v'])).toBe('OK');
    expect(renderReply(status('PONG'), ['PING'])).toBe('PONG');
  });

  it('renders an error with "(error) " in front', () => {
    const unknown = error("ERR unknown command 'FOO', with args beginning with: 'bar' ");
    expect(renderReply(unknown, ['FOO', 'bar'])).toBe(
      "(error) ERR unknown command 'FOO', with args beginning with: 'bar' ",
    );
    expect(renderReply(err('This instance has cluster support disabled'), ['CLUSTER', 'MYID'])).toBe(
      '(error) ERR This instance has cluster support disabled',
    );
  });

  it('renders integers and nil', () => {
    expect(renderReply(integer(1), ['INCR', 'n'])).toBe('(integer) 1');
    expect(renderReply(integer(26), ['STRLEN', 'c'])).toBe('(integer) 26');
    expect(renderReply(integer(-2), ['TTL', 'k'])).toBe('(integer) -2');
    expect(renderReply(NIL, ['GET', 'nokey'])).toBe('(nil)');
  });

  it('quotes bulks with sdscatrepr escapes, byte by byte', () => {
    expect(renderReply(bulk('aA'), ['GET', 'k'])).toBe('"aA"');
    expect(renderReply(bulk(''), ['GET', 'k'])).toBe('""');
    expect(renderReply(bulk('it\'s \\n "x"'), ['GET', 'k'])).toBe('"it\'s \\\\n \\"x\\""');
    const binary = b('q"uo\\te\nnl\r\tT\x07\b\x00\x01\x1b\x7fZ é é');
    expect(renderReply(bulk(binary), ['GET', 'c'])).toBe(
      '"q\\"uo\\\\te\\nnl\\r\\tT\\a\\b\\x00\\x01\\x1b\\x7fZ \\xc3\\xa9 \\xc3\\xa9"',
    );
    expect(renderReply(bulk(b('🙂')), ['ECHO', '🙂'])).toBe('"\\xf0\\x9f\\x99\\x82"');
    expect(renderReply(bulk('\x00\x80\xff'), ['GET', 'k'])).toBe('"\\x00\\x80\\xff"');
    // Status, error and raw text reach the terminal as bytes, which it shows as UTF-8.
    expect(renderReply(error(`ERR ${b('é')}`), ['X'])).toBe('(error) ERR é');
    expect(renderReply(bulk(b('é')), ['INFO'])).toBe('é');
    expect(renderReply(bulk('tab\there'), ['ECHO', 'tab\there'])).toBe('"tab\\there"');
    // From sds.c sdscatrepr: C-locale isprint() is 0x20..0x7e, everything else is \xhh.
    expect(quoteBulk('\x7e\x7f\x80\u00ff\x0b\x0c\x1f ')).toBe('"~\\x7f\\x80\\xff\\x0b\\x0c\\x1f "');
  });

  it('renders an empty array', () => {
    expect(renderReply(array([]), ['LRANGE', 'nolist', '0', '-1'])).toBe('(empty array)');
  });

  it('numbers and indents nested arrays', () => {
    // EVAL "return {1,{2,{3,'a'}},'x'}" 0
    const nested = array([integer(1), array([integer(2), array([integer(3), bulk('a')])]), bulk('x')]);
    expect(renderReply(nested, argvOf(`EVAL "return {1,{2,{3,'a'}},'x'}" 0`))).toBe(
      lines('1) (integer) 1', '2) 1) (integer) 2', '   2) 1) (integer) 3', '      2) "a"', '3) "x"'),
    );
  });

  it('right-aligns indexes to the width of the item count', () => {
    // EVAL "local t={} for i=1,12 do t[i]=tostring(i) end return t" 0
    const twelve = bulks(Array.from({ length: 12 }, (_, i) => String(i + 1)));
    expect(renderReply(twelve, ['EVAL', '...', '0'])).toBe(
      lines(
        ' 1) "1"', ' 2) "2"', ' 3) "3"', ' 4) "4"', ' 5) "5"', ' 6) "6"',
        ' 7) "7"', ' 8) "8"', ' 9) "9"', '10) "10"', '11) "11"', '12) "12"',
      ),
    );
  });

  it('indents a nested array under a two-digit index', () => {
    // EVAL "local t={} for i=1,11 do t[i]=i end t[12]={'a',{},{1,...,10}} return t" 0
    const inner = array(Array.from({ length: 10 }, (_, i) => integer(i + 1)));
    const outer = array([
      ...Array.from({ length: 11 }, (_, i) => integer(i + 1)),
      array([bulk('a'), array([]), inner]),
    ]);
    expect(renderReply(outer, ['EVAL', '...', '0'])).toBe(
      lines(
        ' 1) (integer) 1', ' 2) (integer) 2', ' 3) (integer) 3', ' 4) (integer) 4',
        ' 5) (integer) 5', ' 6) (integer) 6', ' 7) (integer) 7', ' 8) (integer) 8',
        ' 9) (integer) 9', '10) (integer) 10', '11) (integer) 11',
        '12) 1) "a"',
        '    2) (empty array)',
        '    3)  1) (integer) 1',
        '        2) (integer) 2', '        3) (integer) 3', '        4) (integer) 4',
        '        5) (integer) 5', '        6) (integer) 6', '        7) (integer) 7',
        '        8) (integer) 8', '        9) (integer) 9',
        '       10) (integer) 10',
      ),
    );
  });

  it('renders nil and errors inside arrays', () => {
    // EVAL "return {1,false,redis.error_reply('boom'),{}}" 0
    const mixed = array([integer(1), NIL, err('boom'), array([])]);
    expect(renderReply(mixed, ['EVAL', '...', '0'])).toBe(
      lines('1) (integer) 1', '2) (nil)', '3) (error) ERR boom', '4) (empty array)'),
    );
  });
});

describe('renderReply raw output (redis-cli output_raw commands)', () => {
  it('prints INFO unquoted, CRLF as LF, with no blank line after it', () => {
    const keyspace = bulk('# Keyspace\r\ndb0:keys=3,expires=0,avg_ttl=0\r\n');
    expect(renderReply(keyspace, ['INFO', 'keyspace'])).toBe('# Keyspace\ndb0:keys=3,expires=0,avg_ttl=0');
    const two = bulk('# Server\r\nredis_version:7.0.15\r\n\r\n# Clients\r\nconnected_clients:1\r\n');
    expect(renderReply(two, ['info', 'server', 'clients'])).toBe(
      lines('# Server', 'redis_version:7.0.15', '', '# Clients', 'connected_clients:1'),
    );
  });

  it('prints nothing for an empty raw bulk (INFO nosuchsection, CLIENT LIST ID 999)', () => {
    expect(renderReply(bulk(''), ['INFO', 'nosuchsection'])).toBe('');
    expect(renderReply(bulk(''), ['CLIENT', 'LIST', 'ID', '999'])).toBe('');
  });

  it('prints a raw error without "(error) "', () => {
    const disabled = err('This instance has cluster support disabled');
    expect(renderReply(disabled, ['CLUSTER', 'INFO'])).toBe('ERR This instance has cluster support disabled');
    expect(renderReply(disabled, ['cluster', 'nodes'])).toBe('ERR This instance has cluster support disabled');
    const notInitialized = error('CLUSTERDOWN The cluster is not initialized');
    expect(renderReply(notInitialized, ['CLUSTER', 'NODES'])).toBe('CLUSTERDOWN The cluster is not initialized');
  });

  it('is not raw for CLUSTER INFO with an extra argument (argc must be 2)', () => {
    const arity = err("wrong number of arguments for 'cluster|info' command");
    expect(renderReply(arity, ['CLUSTER', 'INFO', 'extra'])).toBe(
      "(error) ERR wrong number of arguments for 'cluster|info' command",
    );
  });

  it('prints CLIENT INFO and MEMORY DOCTOR text as-is', () => {
    const info = 'id=4 addr=127.0.0.1:45686 laddr=127.0.0.1:6399 fd=7 name= age=31 cmd=client|info\n';
    expect(renderReply(bulk(info), ['client', 'info'])).toBe(info.trimEnd());
    const doctor = 'Hi Sam, this instance is empty or is using very little memory.\n';
    expect(renderReply(bulk(doctor), ['MEMORY', 'DOCTOR'])).toBe(doctor.trimEnd());
  });

  it('prints raw integers bare, raw nil as nothing, raw arrays one item per line', () => {
    // Seen with ECHO/INCR/GET renamed to INFO/LOLWUT/PROXY on a second server.
    expect(renderReply(bulk('two\r\nlines'), ['INFO', 'two\r\nlines'])).toBe('two\nlines');
    expect(renderReply(integer(1), ['LOLWUT', 'n'])).toBe('1');
    expect(renderReply(NIL, ['PROXY', 'info'])).toBe('');
    expect(renderReply(array([bulk('a'), integer(2), array([bulk('b')])]), ['INFO'])).toBe('a\n2\nb');
  });
});

describe('isRawOutputCommand', () => {
  const raw = 'INFO|info server|LOLWUT VERSION 5|CLUSTER NODES|cluster info|CLIENT LIST|client list id 1|' +
    'CLIENT INFO|MEMORY DOCTOR|memory malloc-stats|DEBUG HTSTATS 0|debug htstats-key k|' +
    'DEBUG CLIENT-EVICTION|LATENCY DOCTOR|LATENCY GRAPH command|PROXY INFO';
  const notRaw = 'GET k|CLUSTER|CLUSTER NODES x|CLUSTER INFO x|CLUSTER SLOTS|CLUSTER MYID|CLIENT|' +
    'CLIENT KILL x|MEMORY USAGE k|LATENCY GRAPH|LATENCY DOCTOR x|DEBUG SLEEP 0|CLUSTERX INFO|';
  it.each(raw.split('|'))('%s is raw', (line) => expect(isRawOutputCommand(argvOf(line))).toBe(true));
  it.each(notRaw.split('|'))('%s is not raw', (line) => expect(isRawOutputCommand(argvOf(line))).toBe(false));
});

// A lone surrogate has no UTF-8 form; encoding turns it into U+FFFD.

const replyArbitrary: fc.Arbitrary<Reply> = fc.letrec<{ reply: Reply }>((tie) => ({
  reply: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string({ unit: 'binary' }).map(status),
    fc.string({ unit: 'binary' }).map(error),
    fc.oneof(fc.integer(), fc.double()).map(integer),
    fc.string({ unit: 'binary' }).map(bulk),
    fc.constant(NIL),
    fc.array(tie('reply'), { maxLength: 12 }).map(array),
  ),
})).reply;

describe('renderReply properties', () => {
  it('never throws on arbitrary nested replies, raw or not', () => {
    const argv = fc.oneof(fc.constant([] as string[]), fc.constant(['INFO']), fc.array(fc.string()));
    fc.assert(
      fc.property(replyArbitrary, argv, (reply, args) => {
        expect(typeof renderReply(reply, args)).toBe('string');
      }),
    );
  });

  it('renders a quoted bulk on one line that splits back to the same bytes', () => {
    const anyBytes = fc.oneof(fc.string({ unit: 'binary' }).map(b), fc.string({ unit: fc.integer({ min: 0, max: 0xff }).map((c) => String.fromCharCode(c)) }));
    fc.assert(
      fc.property(anyBytes, (bytes) => {
        const shown = renderReply(bulk(bytes));
        expect(shown).not.toContain('\n');
        expect(splitArgs(shown)).toEqual({ ok: true, args: [bytes] });
      }),
    );
  });
});
