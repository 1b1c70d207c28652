// npm run bench: times `workledger import servicenow` of the full UCI event log (141,712 rows) on SQLite,
// first import and re-import, and writes the figures into bench/RESULTS.md between its own markers.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../src/cli/main.js';
import type { Io } from '../src/cli/output.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const logFile = resolve(repo, 'test', 'fixtures', 'data', 'itsm', 'uci_incident_event_log.csv.gz');
const results = resolve(repo, 'bench', 'RESULTS.md');
const BEGIN = '<!-- import-bench:begin -->';
const END = '<!-- import-bench:end -->';

async function cli(args: string[]): Promise<string> {
  let out = '';
  const io: Io = { out: (t) => (out += t + '\n'), err: () => undefined, env: { CI: 'true' }, cwd: tmpdir() };
  const code = await main(['node', 'workledger', ...args], io);
  if (code !== 0) throw new Error(`workledger ${args.join(' ')} exited ${code}`);
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

async function once(): Promise<{ first: number; again: number; items: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'workledger-import-bench-'));
  try {
    const db = join(dir, 'bench.db');
    const { id } = JSON.parse(await cli(['tenants', 'create', 'bench', '--db', db, '--json'])) as {
      id: string;
    };
    const args = ['import', 'servicenow', logFile, '--db', db, '--tenant', id, '--json'];
    let started = performance.now();
    const summary = JSON.parse(await cli(args)) as { created: number; unchanged: number };
    const first = performance.now() - started;
    started = performance.now();
    const replay = JSON.parse(await cli(args)) as { created: number; unchanged: number };
    const again = performance.now() - started;
    if (replay.created !== 0 || replay.unchanged !== summary.created)
      throw new Error('re-import changed something');
    return { first, again, items: summary.created };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function run(): Promise<void> {
  if (!existsSync(logFile))
    throw new Error(`missing ${logFile}: the shared data must sit beside the repository`);
  const runs = [];
  for (let i = 0; i < 3; i += 1) runs.push(await once());
  const first = median(runs.map((r) => r.first)) / 1000;
  const again = median(runs.map((r) => r.again)) / 1000;
  const section = [
    BEGIN,
    '## Import: the full UCI ServiceNow event log',
    '',
    `Run ${new Date().toISOString()} by bench/import-bench.ts on ${cpus().length} CPUs, Node ${process.version}.`,
    '`workledger import servicenow uci_incident_event_log.csv.gz` in-process into a fresh SQLite file',
    '(WAL, synchronous=FULL): gunzip, CSV parse, reduce 141,712 update rows to the latest row per incident,',
    'convert, validate and ingest through the one ingestion core with audit entries. Median of 3.',
    '',
    '| step | seconds | rows/s |',
    '|---|--:|--:|',
    `| first import (${runs[0]?.items ?? 0} incidents created) | ${first.toFixed(2)} | ${Math.round(141_712 / first).toLocaleString('en-US')} |`,
    `| re-import (all unchanged) | ${again.toFixed(2)} | ${Math.round(141_712 / again).toLocaleString('en-US')} |`,
    END,
  ].join('\n');
  const text = existsSync(results) ? readFileSync(results, 'utf8') : '# Benchmarks\n';
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  const next =
    start >= 0 && end > start
      ? text.slice(0, start) + section + text.slice(end + END.length)
      : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(results, next);
  process.stdout.write(section + '\n');
}

await run();
