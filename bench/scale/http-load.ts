import type { CostInput } from '../../src/domain/item-input.js';
import { DAY_MS } from '../../src/domain/time.js';
import { request } from './http-client.js';
import type { ScaleCatalog } from './scale-catalog.js';
import { inferenceCost, rangeCosts } from './scale-costs.js';
import { scaleItemVersions, type ItemVersion, type ScaleOptions } from './scale-items.js';

/** What loading over HTTP took: each items request on its own, the costs beside them. */
export interface HttpLoadFigures {
  /** Records sent (first versions and later ones), and the distinct items among them. */
  records: number;
  items: number;
  /** Per POST /v1/items: records in the body and ms from sending it to the whole answer. */
  batches: { records: number; ms: number }[];
  costs: number;
  costMs: number;
  wallMs: number;
}

interface BatchAnswer {
  accepted: number;
  errors: unknown[];
}

/** Consecutive runs of `size` values (the last one shorter). */
export function* batchesOf<T>(source: Iterable<T>, size: number): Generator<T[]> {
  let batch: T[] = [];
  for (const value of source) {
    batch.push(value);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** POST a JSON body and check that every record was accepted; returns the ms until the answer was read. */
async function post(url: string, key: string, path: string, body: string, size: number): Promise<number> {
  const { status, text, ms } = await request(`${url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body,
  });
  const answer = JSON.parse(text) as BatchAnswer;
  if (status !== 200 || answer.accepted !== size || answer.errors.length > 0)
    throw new Error(`${path}: expected 200 with ${size} accepted, got ${status} ${text.slice(0, 400)}`);
  return ms;
}

/** The inference costs of a batch's first versions: what the agents' platform sends beside the items. */
export function costsOfBatch(
  seed: number,
  catalog: ScaleCatalog,
  batch: readonly ItemVersion[],
): CostInput[] {
  const agents = new Map(catalog.agents.map((a) => [a.id, a]));
  const costs: CostInput[] = [];
  for (const { item, version } of batch) {
    const cost = version === 1 ? inferenceCost(seed, agents, item) : null;
    if (cost !== null) costs.push(cost);
  }
  return costs;
}

/**
 * Send the scale history to a running server as a writer would: the agents' range costs first, then
 * JSON bodies of `batchSize` records one request at a time, each followed by its inference costs.
 * Bodies are generated and serialised between requests, outside the timed span of each request.
 */
export async function loadOverHttp(
  url: string,
  ingestKey: string,
  settings: Required<ScaleOptions>,
  catalog: ScaleCatalog,
  batchSize: number,
  progress: (records: number) => void,
): Promise<HttpLoadFigures> {
  const started = performance.now();
  const figures: HttpLoadFigures = { records: 0, items: 0, batches: [], costs: 0, costMs: 0, wallMs: 0 };
  const range = rangeCosts(catalog, settings.now - settings.days * DAY_MS, settings.now);
  for (const batch of batchesOf(range, batchSize)) {
    figures.costMs += await post(url, ingestKey, '/v1/costs', JSON.stringify({ costs: batch }), batch.length);
    figures.costs += batch.length;
  }
  for (const batch of batchesOf(scaleItemVersions(settings), batchSize)) {
    const body = JSON.stringify({ items: batch.map((v) => v.item) });
    const ms = await post(url, ingestKey, '/v1/items', body, batch.length);
    figures.batches.push({ records: batch.length, ms });
    figures.records += batch.length;
    figures.items += batch.filter((v) => v.version === 1).length;
    const costs = costsOfBatch(settings.seed, catalog, batch);
    if (costs.length > 0) {
      figures.costMs += await post(url, ingestKey, '/v1/costs', JSON.stringify({ costs }), costs.length);
      figures.costs += costs.length;
    }
    progress(figures.records);
  }
  figures.wallMs = performance.now() - started;
  return figures;
}
