import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The real ITSM and telemetry files vendored under test/fixtures/data (SOURCES.md there). */
export const FIXTURE_DATA = resolve(repoRoot, 'test', 'fixtures', 'data');

/** Data whose licence forbids vendoring (the Zendesk captures): ../shared/data beside the repository. */
export const SHARED_DATA = resolve(repoRoot, '..', 'shared', 'data');

/** Path of one vendored file under test/fixtures/data; throws naming the path when it is missing. */
export function fixtureFile(...parts: string[]): string {
  const path = resolve(FIXTURE_DATA, ...parts);
  if (!existsSync(path)) throw new Error(`missing test data ${path}`);
  return path;
}

/** Path of one file under ../shared/data; throws naming the path when it is missing. */
export function sharedDataFile(...parts: string[]): string {
  const path = resolve(SHARED_DATA, ...parts);
  if (!existsSync(path))
    throw new Error(`missing test data ${path}: tests expect ../shared/data beside the repository`);
  return path;
}

/** Whether the Zendesk captures (GPL-3.0, never vendored) are beside the repository. */
export const HAS_ZENDESK_DATA = existsSync(resolve(SHARED_DATA, 'zendesk'));
