// `COPY (<query>) TO STDOUT (FORMAT binary)` on the shared pool, for results that are mostly
// bytes. node-postgres's ordinary queries bring every field as text, so a bytea column arrives
// as hex: twice the bytes for PostgreSQL to print and send, and a decode in node. The binary
// COPY format sends a bytea as it is (a 10k-event feed's stored text: 27 ms less wall time,
// a third less node CPU; bench/README.md, ICS feed). pg-copy-streams is not a dependency, and
// the part needed here (read CopyData, split the binary tuples) is small.
//
// COPY takes no bind parameters, so values are inlined with pg's escapeLiteral: pass the query
// with $n placeholders and the values, as for pool.query.
import pg from 'pg';
import { getPool } from './db.ts';

/** A row: each field's bytes in PostgreSQL's binary send format (text and bytea: the raw bytes), or null. */
export type BinaryRow = (Buffer | null)[];

// "PGCOPY\n\377\r\n\0", then a 32-bit flags field and a header extension length.
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

/** Inlines $1..$n as SQL literals (strings only: what callers here pass). */
export function inlineParameters(text: string, values: readonly string[]): string {
  return text.replace(/\$(\d+)/g, (placeholder, n: string) => {
    const value = values[Number(n) - 1];
    if (value === undefined) throw new Error(`no value for ${placeholder}`);
    return pg.escapeLiteral(value);
  });
}

/** Splits the binary COPY stream into rows. Field slices share the one buffer. */
export function parseBinaryCopy(data: Buffer): BinaryRow[] {
  if (data.length < SIGNATURE.length + 8 || !data.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw new Error('not a binary COPY stream');
  let offset = SIGNATURE.length + 4;
  offset += 4 + data.readInt32BE(offset);
  const rows: BinaryRow[] = [];
  for (;;) {
    const fields = data.readInt16BE(offset);
    offset += 2;
    if (fields === -1) return rows;
    const row: BinaryRow = new Array(fields);
    for (let i = 0; i < fields; i++) {
      const length = data.readInt32BE(offset);
      offset += 4;
      if (length === -1) {
        row[i] = null;
        continue;
      }
      row[i] = data.subarray(offset, offset + length);
      offset += length;
    }
    rows.push(row);
  }
}

type Connection = { query(text: string): void };

/** Runs `text` (a SELECT, with $n placeholders for `values`) as a binary COPY and returns its rows. */
export async function copyBinaryOut(text: string, values: readonly string[] = []): Promise<BinaryRow[]> {
  const sql = `COPY (${inlineParameters(text, values)}) TO STDOUT (FORMAT binary)`;
  const client = await getPool().connect();
  const chunks: Buffer[] = [];
  const data = await new Promise<Buffer>((resolve, reject) => {
    let failed: Error | undefined;
    // node-postgres calls these on its active query ("submittable"). A CopyData chunk is a view
    // into the socket's read buffer, which is reused: each one is copied before the next read.
    const submittable = {
      text: sql,
      callback: undefined,
      submit: (connection: Connection) => connection.query(sql),
      handleRowDescription: () => {},
      handleDataRow: () => {},
      handleCommandComplete: () => {},
      handleEmptyQuery: () => {},
      handleCopyData: (message: { chunk: Buffer }) => void chunks.push(Buffer.from(message.chunk)),
      handleError: (error: Error) => {
        // A dead connection never sends ReadyForQuery: settle now. The client is released with
        // the error below, so the pool ends it rather than handing out a busy connection.
        failed = error;
        reject(error);
      },
      handleReadyForQuery: () => {
        if (!failed) resolve(Buffer.concat(chunks));
      },
    };
    (client as unknown as { query(submittable: object): void }).query(submittable);
  }).then(
    (buffer) => {
      client.release();
      return buffer;
    },
    (error: Error) => {
      client.release(error);
      throw error;
    },
  );
  return parseBinaryCopy(data);
}
