import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { INVALID_ARGUMENTS, joinArgs, needsMoreInput, quoteArg, splitArgs } from '../../src/kvrocks/args.ts';
import { utf8ToBytes as b } from '../../src/protocol/bytes.ts';

const ok = (...args: string[]) => ({ ok: true, args });
const invalid = { ok: false, error: INVALID_ARGUMENTS };

// Golden cases: typed into redis-cli 7.0.15 in a tmux TTY; the stored value was read back with GET.
describe('splitArgs matches redis-cli', () => {
  it.each<[string, string[]]>([
    ['SET k v', ['SET', 'k', 'v']],
    ['SET k "a\\x41"', ['SET', 'k', 'aA']],
    [`SET k 'it\\'s \\n "x"'`, ['SET', 'k', 'it\'s \\n "x"']],
    ['SET k ab"cd"', ['SET', 'k', 'abcd']],
    ['SET k "\\q\\xZZ\\x4"', ['SET', 'k', 'qxZZx4']],
    ['SET k ""', ['SET', 'k', '']],
    ['ECHO a\\b"c d"', ['ECHO', 'a\\bc d']],
    ['ECHO "tab\\there"', ['ECHO', 'tab\there']],
    ['ECHO "a b"   c', ['ECHO', 'a b', 'c']],
    ['ECHO 🙂', ['ECHO', '\xf0\x9f\x99\x82']],
    ['SET k "\\xff A"', ['SET', 'k', '\xff A']],
    [
      'SET c "q\\"uo\\\\te\\nnl\\r\\tT\\a\\b\\x00\\x01\\x1b\\x7fZ \\xc3\\xa9 é"',
      ['SET', 'c', 'q"uo\\te\nnl\r\tT\x07\b\x00\x01\x1b\x7fZ \xc3\xa9 \xc3\xa9'],
    ],
  ])('%s', (line, args) => expect(splitArgs(line)).toEqual(ok(...args)));

  it.each([['SET k "abc'], ['SET k "a"b'], ["SET k 'a'b"], ["SET k 'a\\x41\\\\'"]])(
    '%s prints Invalid argument(s)',
    (line) => expect(splitArgs(line)).toEqual(invalid),
  );

  it('gives no arguments for a blank line', () => {
    expect(splitArgs('   ')).toEqual(ok());
    expect(splitArgs('')).toEqual(ok());
  });
});

// Cases read from sds.c sdssplitargs rather than typed (linenoise cannot enter these characters).
describe('splitArgs follows sdssplitargs in corners a terminal cannot reach', () => {
  it('skips every C isspace() between arguments but keeps \\v and \\f inside a bare token', () => {
    expect(splitArgs('\v\f a\vb\tc\r\nd ')).toEqual(ok('a\vb', 'c', 'd'));
  });

  it('accepts any C isspace() after a closing quote', () => {
    expect(splitArgs('"a"\vb')).toEqual(ok('a', 'b'));
    expect(splitArgs("'a'\fb")).toEqual(ok('a', 'b'));
  });

  it('keeps single-quoted text literal except \\\'', () => {
    expect(splitArgs("'a\\nb\\\\c\\'d'")).toEqual(ok("a\\nb\\\\c'd"));
  });

  it('treats a NUL as the end of the line, as the C loop does', () => {
    expect(splitArgs('GET a\0b c')).toEqual(ok('GET', 'a'));
  });

  it('gives escaped bytes as they are and typed text as its UTF-8 bytes, so both spell the same argument', () => {
    expect(splitArgs('"\\xf0\\x9f\\x99\\x82"')).toEqual(ok(b('🙂')));
    expect(splitArgs('"\\xef\\xbb\\xbf"')).toEqual(ok(b('\ufeff')));
    expect(splitArgs('"\\x80\\xffZ"')).toEqual(ok('\x80\xffZ'));
    expect(splitArgs('"é\\xff🙂"')).toEqual(ok(`${b('é')}\xff${b('🙂')}`));
  });

  it('reports an unterminated quote ending in a backslash as invalid', () => {
    expect(splitArgs('"abc\\')).toEqual(invalid);
  });
});

describe('multi-line input', () => {
  const payload = 'aaaa 127.0.0.1 30001 master - 0-8191\nbbbb 127.0.0.1 30002 master - 8192-16383';

  it('keeps a newline inside quotes and treats one outside as whitespace', () => {
    expect(splitArgs(`CLUSTERX SETNODES "${payload}" 1`)).toEqual(ok('CLUSTERX', 'SETNODES', payload, '1'));
    expect(splitArgs(`CLUSTERX SETNODES '${payload}'\n1`)).toEqual(ok('CLUSTERX', 'SETNODES', payload, '1'));
  });

  it('needsMoreInput says whether a quote is still open', () => {
    expect(needsMoreInput('CLUSTERX SETNODES "aaaa 127.0.0.1 30001 master - 0-8191')).toBe(true);
    expect(needsMoreInput(`CLUSTERX SETNODES "${payload}`)).toBe(true);
    expect(needsMoreInput(`CLUSTERX SETNODES "${payload}" 1`)).toBe(false);
    expect(needsMoreInput("SET k 'it\\'s")).toBe(true);
    expect(needsMoreInput('SET k "ends in backslash\\')).toBe(true);
    expect(needsMoreInput('SET k v')).toBe(false);
    expect(needsMoreInput('')).toBe(false);
  });

  it('needsMoreInput is false for a line that is already invalid before the open quote', () => {
    expect(needsMoreInput('SET "a"b "open')).toBe(false);
    expect(splitArgs('SET "a"b "open')).toEqual(invalid);
  });
});

describe('quoteArg', () => {
  it.each<[string, string]>([
    ['GET', 'GET'],
    ['127.0.0.1:30001', '127.0.0.1:30001'],
    ['0-8191', '0-8191'],
    [b('é🙂'), 'é🙂'],
    ['\xff A', '"\\xff A"'],
    [`${b('é')}\x80`, '"\\xc3\\xa9\\x80"'],
    ['', '""'],
    ['a b', '"a b"'],
    ["it's", '"it\'s"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['a\\b', '"a\\\\b"'],
    ['l1\nl2\r\n', '"l1\\nl2\\r\\n"'],
    ['\t\x07\b\x00\x1b\x7f\v', '"\\t\\a\\b\\x00\\x1b\\x7f\\x0b"'],
  ])('%j becomes %s', (arg, token) => expect(quoteArg(arg)).toBe(token));

  it('joinArgs writes a one-line command that splits back', () => {
    const args = ['CLUSTERX', 'SETNODES', 'aaaa 127.0.0.1 30001 master - 0-16383\n', '1'];
    const line = joinArgs(args);
    expect(line).toBe('CLUSTERX SETNODES "aaaa 127.0.0.1 30001 master - 0-16383\\n" 1');
    expect(splitArgs(line)).toEqual(ok(...args));
  });
});

// Arguments are byte strings: any bytes, any text's UTF-8 bytes, and the characters quoting is about.
const anyText = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0, max: 0xff }).map((unit) => String.fromCharCode(unit)) }),
  fc.string({ unit: 'binary' }).map(b),
  fc.string({ unit: fc.constantFrom('"', "'", '\\', 'x', '4', 'f', ' ', '\n', '\r', '\t', '\v', '\0', 'a', '\xff', '\xc3') }),
);

describe('properties', () => {
  it('splitArgs(quoteArg(s)) gives [s] for any byte string, on one line', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const token = quoteArg(text);
        expect(token).not.toMatch(/[\n\r]/);
        expect(splitArgs(token)).toEqual(ok(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('joinArgs round-trips any argument list', () => {
    fc.assert(
      fc.property(fc.array(anyText, { maxLength: 6 }), (args) => {
        expect(splitArgs(joinArgs(args))).toEqual(ok(...args));
      }),
    );
  });

  it('splitArgs and needsMoreInput never throw, and an open quote is always invalid', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const split = splitArgs(text);
        expect(split.ok || split.error === INVALID_ARGUMENTS).toBe(true);
        if (needsMoreInput(text)) expect(split.ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
