// `npm run drills`: the fault drills of tests/faults-*.test.ts with a full outage (60 s unless
// --outage N), one drill at a time so each measures its own recovery, and their numbers in
// bench/results/faults.json. `npm test` runs the same files with a short outage.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT_DIR } from '../server/config.ts';
import type { DrillResult } from '../tests/support/faults.ts';

const arg = process.argv.indexOf('--outage');
const outageSec = arg > 0 ? Number(process.argv[arg + 1]) : 60;
if (!Number.isFinite(outageSec) || outageSec < 1) {
  process.stderr.write('usage: npm run drills -- [--outage SECONDS]\n');
  process.exit(2);
}

const dir = mkdtempSync(path.join(tmpdir(), 'opsdeck-drills-'));
const resultsFile = path.join(dir, 'results.jsonl');
writeFileSync(resultsFile, '');
const started = new Date();
const run = spawnSync(
  process.execPath,
  [path.join(ROOT_DIR, 'node_modules/vitest/vitest.mjs'), 'run', '--project', 'server', '--no-file-parallelism', 'tests/faults-'],
  { cwd: ROOT_DIR, stdio: 'inherit', env: { ...process.env, FAULT_OUTAGE_SEC: String(outageSec), FAULT_RESULTS_FILE: resultsFile } },
);
const drills = readFileSync(resultsFile, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as DrillResult);
rmSync(dir, { recursive: true, force: true });

if (run.status !== 0) {
  process.stderr.write(`\nA drill failed (vitest exit ${run.status}); bench/results/faults.json was not written.\n`);
  process.exit(1);
}
const out = path.join(ROOT_DIR, 'bench/results/faults.json');
const report = {
  ranAt: started.toISOString(),
  durationSec: Math.round((Date.now() - started.getTime()) / 1000),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  cpus: cpus().length,
  outageSec,
  drills,
};
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`\n${drills.length} drills passed; numbers in ${path.relative(process.cwd(), out)}\n`);
for (const d of drills) {
  process.stdout.write(
    `  ${d.drill}: outage ${(d.outageMs / 1000).toFixed(1)} s, ${d.acknowledged}/${d.requests} ${d.unit} ok, ${d.failures} failures, lost ${d.lost}, doubled ${d.doubled}, recovered ${(d.recoveredAfterFaultMs / 1000).toFixed(1)} s after\n`,
  );
}
