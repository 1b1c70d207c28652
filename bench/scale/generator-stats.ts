import { percentiles } from './samples.js';
import { scaleItemVersions, type ScaleOptions } from './scale-items.js';

/** The shape of what the generator made, measured on its output (for the method of RESULTS.md). */
export interface GeneratorStats {
  ms: number;
  items: number;
  records: number;
  humanShare: number;
  linkShare: number;
  /** Agent items by outcome, as shares of agent items. */
  agentOutcomes: Record<string, number>;
  /** Share of resolved items (anyone's) with a csat rating. */
  csatShare: number;
  /** Agent resolution latency (opened to resolved), seconds: p50, p90, p99. */
  latencyS: number[];
  agents: number;
}

const MAX_LATENCY_SAMPLES = 500_000;

/** One pass over the generator (timed: how fast it feeds a load), counting what it makes. */
export function measureGenerator(settings: ScaleOptions): GeneratorStats {
  const started = performance.now();
  let items = 0;
  let records = 0;
  let human = 0;
  let linked = 0;
  let rated = 0;
  let resolved = 0;
  const outcomes: Record<string, number> = {};
  const agents = new Set<string>();
  const latencies: number[] = [];
  const every = Math.max(1, Math.ceil(settings.items / MAX_LATENCY_SAMPLES));
  for (const { item, version } of scaleItemVersions(settings)) {
    records += 1;
    if (version !== 1) continue;
    items += 1;
    if (item.outcome === 'resolved') resolved += 1;
    if (item.csat !== undefined) rated += 1;
    if (item.links !== undefined) linked += 1;
    if (item.handled_by === 'human') {
      human += 1;
      continue;
    }
    agents.add(item.handled_by);
    const outcome = item.outcome ?? 'open';
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    if (outcome === 'resolved' && items % every === 0 && typeof item.resolved_at === 'string')
      latencies.push((Date.parse(item.resolved_at) - Date.parse(item.opened_at)) / 1000);
  }
  const agentItems = items - human;
  return {
    ms: performance.now() - started,
    items,
    records,
    humanShare: human / items,
    linkShare: linked / items,
    agentOutcomes: Object.fromEntries(Object.entries(outcomes).map(([k, n]) => [k, n / agentItems])),
    csatShare: rated / resolved,
    latencyS: percentiles(latencies, [0.5, 0.9, 0.99]),
    agents: agents.size,
  };
}
