import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The real ITSM and telemetry files of ../shared/data beside the repository (SOURCES.md there). */
export const SHARED_DATA = resolve(repoRoot, '..', 'shared', 'data');

/** Path of one file under ../shared/data; throws naming the path when it is missing. */
export function sharedDataFile(...parts: string[]): string {
  const path = resolve(SHARED_DATA, ...parts);
  if (!existsSync(path))
    throw new Error(`missing test data ${path}: tests expect ../shared/data beside the repository`);
  return path;
}
