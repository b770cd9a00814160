// `COPY (<query>) TO STDOUT (FORMAT binary)` on the shared pool, for results that are mostly
// bytes. node-postgres's ordinary queries bring every field as text, so a bytea column arrives
// as hex: twice the bytes for PostgreSQL to print and send, and a decode in node. The binary
// COPY format sends a bytea as it is. pg-copy-streams is not a dependency, and the part needed
// here (read CopyData, split the binary tuples) is small.
//
// Rows are handed to the caller as they arrive, with fields that are views into node-postgres's
// read buffer: the caller keeps what it needs (a string, a small copy) and nothing large is
// allocated. Collecting the stream first and splitting it after cost twice the node CPU of the
// hex path at 50,000 events: every CopyData message copied, then all of them concatenated, each
// a fresh allocation whose pages are faulted in (bench/README.md, ICS feed, 3 Dec).
//
// COPY takes no bind parameters, so values are inlined with pg's escapeLiteral: pass the query
// with $n placeholders and the values, as for pool.query.
import pg from 'pg';
import { getPool } from './db.ts';

/**
 * A row: each field's bytes in PostgreSQL's binary send format (text and bytea: the raw bytes),
 * or null. The buffers are only valid during the call that receives them.
 */
export type BinaryRow = (Buffer | null)[];

// "PGCOPY\n\377\r\n\0", then a 32-bit flags field and a header extension length.
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const HEADER = SIGNATURE.length + 8;

/** Inlines $1..$n as SQL literals (strings only: what callers here pass). */
export function inlineParameters(text: string, values: readonly string[]): string {
  return text.replace(/\$(\d+)/g, (placeholder, n: string) => {
    const value = values[Number(n) - 1];
    if (value === undefined) throw new Error(`no value for ${placeholder}`);
    return pg.escapeLiteral(value);
  });
}

/**
 * Splits a binary COPY stream into rows, chunk by chunk. PostgreSQL sends one tuple per
 * CopyData message, so a tuple normally lies within one chunk; one that does not is carried
 * (copied) to the next.
 */
export class BinaryCopyParser {
  private carried: Buffer | undefined;
  private headerRead = false;
  private ended = false;

  push(chunk: Buffer, onRow: (row: BinaryRow) => void): void {
    const data = this.carried ? Buffer.concat([this.carried, chunk]) : chunk;
    this.carried = undefined;
    let offset = 0;
    if (!this.headerRead) {
      if (data.length >= SIGNATURE.length && !data.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw new Error('not a binary COPY stream');
      if (data.length < HEADER || data.length < HEADER + data.readInt32BE(HEADER - 4)) {
        this.carried = Buffer.from(data);
        return;
      }
      offset = HEADER + data.readInt32BE(HEADER - 4);
      this.headerRead = true;
    }
    while (offset < data.length) {
      if (this.ended) throw new Error('data after the end of the binary COPY stream');
      const next = readTuple(data, offset, onRow);
      if (next === undefined) break;
      if (next < 0) {
        this.ended = true;
        offset = -next;
      } else offset = next;
    }
    if (offset < data.length) this.carried = Buffer.from(data.subarray(offset));
  }

  /** Throws unless the stream ended with its trailer. */
  finish(): void {
    if (!this.ended || this.carried) throw new Error('the binary COPY stream ended early');
  }
}

// The offset after the tuple at `offset` (negated for the trailer), or undefined if it is incomplete.
function readTuple(data: Buffer, offset: number, onRow: (row: BinaryRow) => void): number | undefined {
  if (data.length - offset < 2) return undefined;
  const fields = data.readInt16BE(offset);
  offset += 2;
  if (fields === -1) return -offset;
  const row: BinaryRow = new Array(fields);
  for (let i = 0; i < fields; i++) {
    if (data.length - offset < 4) return undefined;
    const length = data.readInt32BE(offset);
    offset += 4;
    if (length === -1) {
      row[i] = null;
      continue;
    }
    if (data.length - offset < length) return undefined;
    row[i] = data.subarray(offset, offset + length);
    offset += length;
  }
  onRow(row);
  return offset;
}

type Connection = { query(text: string): void };

/**
 * Runs `text` (a SELECT, with $n placeholders for `values`) as a binary COPY and returns what
 * `mapRow` makes of each row, in order. `mapRow` runs as the rows arrive; if it throws, the rest
 * of the stream is drained and the promise rejects with that error.
 */
export async function copyBinaryOut<T>(text: string, values: readonly string[], mapRow: (row: BinaryRow) => T): Promise<T[]> {
  const sql = `COPY (${inlineParameters(text, values)}) TO STDOUT (FORMAT binary)`;
  const client = await getPool().connect();
  const parser = new BinaryCopyParser();
  const results: T[] = [];
  let failed: Error | undefined;
  let serverError: Error | undefined;
  const onRow = (row: BinaryRow) => void results.push(mapRow(row));
  const done = new Promise<void>((resolve, reject) => {
    // node-postgres calls these on its active query ("submittable"). A CopyData chunk is a view
    // into the socket's read buffer, which is reused once the handler returns.
    const submittable = {
      text: sql,
      callback: undefined,
      submit: (connection: Connection) => connection.query(sql),
      handleRowDescription: () => {},
      handleDataRow: () => {},
      handleCommandComplete: () => {},
      handleEmptyQuery: () => {},
      handleCopyData: (message: { chunk: Buffer }) => {
        if (failed) return;
        try {
          parser.push(message.chunk, onRow);
        } catch (error) {
          failed = error as Error;
        }
      },
      handleError: (error: Error) => {
        // A dead connection never sends ReadyForQuery: settle now. The client is released with
        // the error below, so the pool ends it rather than handing out a busy connection.
        failed = serverError = error;
        reject(error);
      },
      handleReadyForQuery: () => {
        if (!failed) {
          try {
            parser.finish();
          } catch (error) {
            failed = error as Error;
          }
        }
        if (failed) reject(failed);
        else resolve();
      },
    };
    (client as unknown as { query(submittable: object): void }).query(submittable);
  });
  try {
    await done;
  } catch (error) {
    // After a server or connection error the client is released with it, so the pool ends it
    // rather than hand out a connection still in the query. A parse or mapRow error waited for
    // ReadyForQuery: that connection is idle and goes back as it is.
    client.release(serverError);
    throw error;
  }
  client.release();
  return results;
}
