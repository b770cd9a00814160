// How the dev services a server runs (mail catcher, Google stand-in) are found by the workers
// and CLIs on the same DATA_DIR: a small JSON file with the owner's pid and its addresses. A
// file left by a process that died is treated as absent, and only its owner removes it.
import { readFile, rm, writeFile } from 'node:fs/promises';

type Owned<T> = T & { pid: number };

export async function writeDiscovery<T extends object>(file: string, value: T): Promise<void> {
  await writeFile(file, JSON.stringify({ ...value, pid: process.pid }), { mode: 0o600 });
}

/** What a live process wrote to `file`, when `isValid` accepts it; else null. */
export async function findDiscovery<T extends object>(file: string, isValid: (value: Record<string, unknown>) => value is Owned<T>): Promise<Owned<T> | null> {
  const found = await readDiscovery(file, isValid);
  return found && isAlive(found.pid) ? found : null;
}

/** Removes `file` if this process wrote it (another server on the same DATA_DIR may own it now). */
export async function removeDiscoveryIfOurs(file: string): Promise<void> {
  const found = await readDiscovery(file, (v): v is Owned<object> => typeof v.pid === 'number');
  if (found?.pid === process.pid) await rm(file, { force: true });
}

async function readDiscovery<T extends object>(file: string, isValid: (value: Record<string, unknown>) => value is Owned<T>): Promise<Owned<T> | null> {
  try {
    const value = JSON.parse(await readFile(file, 'utf8')) as unknown;
    return value !== null && typeof value === 'object' && isValid(value as Record<string, unknown>) ? (value as Owned<T>) : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive but not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
