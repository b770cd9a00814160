// The binary COPY reader the ICS feed's restart path uses (server/copy-binary-out.ts), against
// the real test database: fields must come back byte for byte as PostgreSQL holds them.
import { describe, expect, it } from 'vitest';
import { getPool } from '../server/db.ts';
import { copyBinaryOut, inlineParameters, parseBinaryCopy } from '../server/copy-binary-out.ts';

describe('copyBinaryOut', () => {
  it('returns text as UTF-8 bytes, bytea as it is (every byte value), and NULL as null, in order', async () => {
    const rows = await copyBinaryOut(
      `SELECT t, b, n FROM (VALUES (1, 'ğüşıöç İ\n;,', decode(repeat('00', 3), 'hex') || (SELECT string_agg(set_byte('\\x00'::bytea, 0, i), ''::bytea ORDER BY i) FROM generate_series(0, 255) i), NULL::text),
                                   (2, '', ''::bytea, 'x')) v(i, t, b, n) ORDER BY i`,
    );
    expect(rows).toHaveLength(2);
    const [first, second] = rows as [Buffer[], (Buffer | null)[]];
    expect(first[0]!.toString('utf8')).toBe('ğüşıöç İ\n;,');
    expect([...first[1]!]).toEqual([0, 0, 0, ...Array.from({ length: 256 }, (_, i) => i)]);
    expect(first[2]).toBeNull();
    expect(second.map((f) => f?.toString('utf8'))).toEqual(['', '', 'x']);
  });

  it('inlines parameters as literals, so quotes and backslashes in values cannot change the query', async () => {
    const value = `it's \\ "quoted"; DROP TABLE x; --`;
    const rows = await copyBinaryOut('SELECT $1::text AS v, $2::text AS w', [value, '$1']);
    expect(rows.map((r) => r.map((f) => f!.toString('utf8')))).toEqual([[value, '$1']]);
    expect(() => inlineParameters('SELECT $2', ['only one'])).toThrow('no value for $2');
  });

  it('returns no rows for an empty result', async () => {
    expect(await copyBinaryOut('SELECT 1 WHERE false')).toEqual([]);
  });

  it('rejects with PostgreSQL\'s error and leaves the pool usable', async () => {
    await expect(copyBinaryOut('SELECT * FROM no_such_table')).rejects.toThrow(/no_such_table/);
    const { rows } = await getPool().query<{ ok: number }>('SELECT 1 AS ok');
    expect(rows).toEqual([{ ok: 1 }]);
    expect((await copyBinaryOut('SELECT $1::text', ['after'])).map((r) => r[0]!.toString())).toEqual(['after']);
  });

  it('refuses a stream that is not binary COPY', () => {
    expect(() => parseBinaryCopy(Buffer.from('1\tx\n'))).toThrow('not a binary COPY stream');
  });
});
