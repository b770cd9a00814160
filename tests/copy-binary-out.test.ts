// The binary COPY reader the ICS feed's restart path uses (server/copy-binary-out.ts), against
// the real test database: fields must come back byte for byte as PostgreSQL holds them.
import { describe, expect, it } from 'vitest';
import { getPool } from '../server/db.ts';
import { BinaryCopyParser, copyBinaryOut, inlineParameters, type BinaryRow } from '../server/copy-binary-out.ts';

// The fields as strings (or null), taken while they are valid.
const asText = (row: BinaryRow) => row.map((field) => (field ? field.toString('utf8') : null));

// A binary COPY stream written from the format's description (PostgreSQL's COPY docs), with a
// header extension, for feeding the parser in pieces.
function binaryStream(rows: (string | null)[][]): Buffer {
  const int16 = (n: number) => Buffer.from([(n >> 8) & 0xff, n & 0xff]);
  const int32 = (n: number) => { const b = Buffer.alloc(4); b.writeInt32BE(n); return b; };
  const parts = [Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), int32(0), int32(3), Buffer.from('ext')];
  for (const row of rows) {
    parts.push(int16(row.length));
    for (const field of row) parts.push(...(field === null ? [int32(-1)] : [int32(Buffer.byteLength(field)), Buffer.from(field)]));
  }
  parts.push(int16(-1));
  return Buffer.concat(parts);
}

describe('copyBinaryOut', () => {
  it('returns text as UTF-8 bytes, bytea as it is (every byte value), and NULL as null, in order', async () => {
    const rows = await copyBinaryOut(
      `SELECT t, b, n FROM (VALUES (1, 'ğüşıöç İ\n;,', decode(repeat('00', 3), 'hex') || (SELECT string_agg(set_byte('\\x00'::bytea, 0, i), ''::bytea ORDER BY i) FROM generate_series(0, 255) i), NULL::text),
                                   (2, '', ''::bytea, 'x')) v(i, t, b, n) ORDER BY i`,
      [],
      ([t, b, n]) => ({ t: t!.toString('utf8'), b: [...b!], n: n?.toString('utf8') ?? null }),
    );
    expect(rows).toEqual([
      { t: 'ğüşıöç İ\n;,', b: [0, 0, 0, ...Array.from({ length: 256 }, (_, i) => i)], n: null },
      { t: '', b: [], n: 'x' },
    ]);
  });

  it('hands over rows as they arrive, with fields that are views the caller copies', async () => {
    // 300 rows of 64 KiB each: far more than one socket read, so node-postgres's read buffer is
    // reused between rows; each row's own bytes must still be what PostgreSQL sent for it.
    const rows = await copyBinaryOut(
      `SELECT i, decode(repeat(lpad(to_hex(i % 256), 2, '0'), 65536), 'hex') FROM generate_series(1, 300) i ORDER BY i`,
      [],
      ([i, bytes]) => ({ i: i!.readInt32BE(0), length: bytes!.length, uniform: bytes!.every((byte) => byte === i!.readInt32BE(0) % 256) }),
    );
    expect(rows).toHaveLength(300);
    expect(rows.every((row, index) => row.i === index + 1 && row.length === 65536 && row.uniform)).toBe(true);
  });

  it('inlines parameters as literals, so quotes and backslashes in values cannot change the query', async () => {
    const value = `it's \\ "quoted"; DROP TABLE x; --`;
    expect(await copyBinaryOut('SELECT $1::text AS v, $2::text AS w', [value, '$1'], asText)).toEqual([[value, '$1']]);
    expect(() => inlineParameters('SELECT $2', ['only one'])).toThrow('no value for $2');
  });

  it('returns no rows for an empty result', async () => {
    expect(await copyBinaryOut('SELECT 1 WHERE false', [], asText)).toEqual([]);
  });

  it('rejects with PostgreSQL\'s error and leaves the pool usable', async () => {
    await expect(copyBinaryOut('SELECT * FROM no_such_table', [], asText)).rejects.toThrow(/no_such_table/);
    const { rows } = await getPool().query<{ ok: number }>('SELECT 1 AS ok');
    expect(rows).toEqual([{ ok: 1 }]);
    expect(await copyBinaryOut('SELECT $1::text', ['after'], asText)).toEqual([['after']]);
  });

  it('rejects with the error of a row handler that throws, after draining the stream, and the pool still works', async () => {
    let calls = 0;
    const failing = copyBinaryOut('SELECT i::text FROM generate_series(1, 5) i ORDER BY i', [], ([field]) => {
      calls++;
      if (field!.toString() === '2') throw new Error('handler failed on row 2');
    });
    await expect(failing).rejects.toThrow('handler failed on row 2');
    expect(calls).toBe(2);
    expect(await copyBinaryOut('SELECT $1::text', ['next'], asText)).toEqual([['next']]);
  });
});

describe('BinaryCopyParser', () => {
  const rows = [['ğüşıöç', null, ''], ['x', 'y', 'zz'.repeat(40)]];
  const stream = binaryStream(rows);

  it('gives the same rows however the stream is split into chunks', () => {
    const parse = (pieces: Buffer[]) => {
      const parser = new BinaryCopyParser();
      const seen: (string | null)[][] = [];
      for (const piece of pieces) parser.push(piece, (row) => seen.push(asText(row)));
      parser.finish();
      return seen;
    };
    for (let cut = 0; cut <= stream.length; cut++) expect(parse([stream.subarray(0, cut), stream.subarray(cut)]), `cut at ${cut}`).toEqual(rows);
    expect(parse(Array.from({ length: stream.length }, (_, i) => stream.subarray(i, i + 1)))).toEqual(rows);
  });

  it('refuses a stream that is not binary COPY, data after the trailer, and a stream cut short', () => {
    expect(() => new BinaryCopyParser().push(Buffer.from('1\tx\n'.repeat(10)), () => {})).toThrow('not a binary COPY stream');
    expect(() => new BinaryCopyParser().push(Buffer.concat([stream, Buffer.from([0, 1])]), () => {})).toThrow('data after the end');
    const short = new BinaryCopyParser();
    short.push(stream.subarray(0, stream.length - 5), () => {});
    expect(() => short.finish()).toThrow('ended early');
  });
});
