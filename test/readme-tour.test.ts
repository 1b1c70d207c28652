import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { startServer } from '../src/cli/start-server.js';
import { openStore } from '../src/services/runtime.js';

const REPO = join(import.meta.dirname, '..');

/** The shell blocks of the README between its tour markers, in order. */
export function tourBlocks(readme: string): string[] {
  const begin = readme.indexOf('<!-- tour:begin -->');
  const end = readme.indexOf('<!-- tour:end -->');
  if (begin < 0 || end < begin) throw new Error('the README has no tour markers');
  return [...readme.slice(begin, end).matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function bash(script: string, cwd: string, env: Record<string, string>) {
  return new Promise<{ code: number | null; out: string; err: string }>((resolve, reject) => {
    const child = spawn('bash', ['-c', script], { cwd, env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

describe("the README's tour", () => {
  it('runs as written on a fresh database, and the TypeScript example sends an item', async () => {
    const blocks = tourBlocks(readFileSync(join(REPO, 'README.md'), 'utf8'));
    expect(blocks.length).toBe(5);
    // a fresh folder holding what the tour names: the vendored data and the examples
    const dir = mkdtempSync(join(tmpdir(), 'workledger-tour-'));
    symlinkSync(join(REPO, 'test'), join(dir, 'test'));
    symlinkSync(join(REPO, 'examples'), join(dir, 'examples'));
    const port = await freePort();
    const script = [
      'set -euo pipefail',
      // a step that fails must not leave the tour's server running (it would hold this test's pipes)
      "trap 'kill $(jobs -p) 2>/dev/null || true' EXIT",
      // `npx workledger` is this checkout's CLI (outside the checkout npx would look in the registry)
      `npx() { if [ "$1" = workledger ]; then shift; node ${JSON.stringify(join(REPO, 'bin', 'workledger.js'))} "$@"; else command npx "$@"; fi; }`,
      ...blocks,
      // the test's own plumbing: what the TypeScript example needs afterwards
      `echo "$AGENT_KEY" > agent-key.txt`,
    ].join('\n');
    const env = { PATH: process.env.PATH ?? '', HOME: dir, USER: 'tour', CI: 'true', PORT: String(port) };
    const tour = await bash(script, dir, env);
    expect(tour.err).not.toMatch(/workledger: /);
    expect(tour.code, tour.err).toBe(0);
    // the baseline froze over the UCI months, the agent's items were taken, and the reads saw them
    expect(tour.out).toMatch(/servicenow: read 141712 from 1 source, 24918 items/);
    expect(tour.out).toContain('"created":3');
    expect(tour.out).toContain('agent=helpdesk-bot');
    expect(tour.out).toMatch(/# Weekly report/i);

    // examples/send-items.ts, compiled as it is, against a server on the tour's database
    const source = readFileSync(join(REPO, 'examples', 'send-items.ts'), 'utf8');
    const compiled = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    writeFileSync(join(dir, 'send-items.mjs'), compiled);
    const store = await openStore({ sqlitePath: join(dir, 'tour.db') });
    const server = await startServer(store, 0, '127.0.0.1', true);
    try {
      const key = readFileSync(join(dir, 'agent-key.txt'), 'utf8').trim();
      const sent = await bash('node send-items.mjs', dir, {
        ...env,
        WORKLEDGER_URL: server.url,
        WORKLEDGER_KEY: key,
      });
      expect(sent.err).toBe('');
      // conv-1001 is new: 200 with one item created
      expect(sent.out).toMatch(/^200 \{.*"created":1.*\}\n$/);
    } finally {
      await server.close();
      await store.close();
    }
  }, 120_000);
});
