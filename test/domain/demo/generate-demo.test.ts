import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemoHistory, type DemoHistory } from '../../../src/domain/demo/generate-demo.js';
import { isWorkledgerError } from '../../../src/domain/errors.js';
import { CostInput, ItemInput } from '../../../src/domain/item-input.js';
import { HUMAN } from '../../../src/domain/kpi-item.js';
import { DAY_MS, parseIsoTime } from '../../../src/domain/time.js';

const NOW = Date.UTC(2026, 10, 22);
const DAYS = 60 + 90;

function ms(text: string | null | undefined): number | null {
  if (text === null || text === undefined) return null;
  const parsed = parseIsoTime(text);
  if (parsed === null) throw new Error(`unreadable time ${text}`);
  return parsed;
}

function opened(item: ItemInput): number {
  return ms(item.opened_at) ?? Number.NaN;
}

const isAgent = (item: ItemInput): boolean => item.handled_by !== HUMAN;
const ratio = (part: number, whole: number): number => (whole === 0 ? Number.NaN : part / whole);

let history: DemoHistory;
beforeAll(() => {
  history = generateDemoHistory({ seed: 42, now: NOW });
});

describe('generateDemoHistory', () => {
  it('is reproducible for the same options and differs for another seed', () => {
    const options = { seed: 7, now: NOW, humanDays: 20, agentDays: 30, scale: 0.3 };
    const first = generateDemoHistory(options);
    expect(generateDemoHistory(options)).toEqual(first);
    expect(generateDemoHistory({ ...options, seed: 8 }).items).not.toEqual(first.items);
  });

  it('places go-live at the start of the UTC day agentDays before now', () => {
    expect(history.goLive).toBe(Date.UTC(2026, 7, 24));
    expect(generateDemoHistory({ seed: 1, now: NOW + 5 * 3_600_000, scale: 0.05 }).goLive).toBe(
      Date.UTC(2026, 7, 24),
    );
  });

  it('produces only records the writer schemas accept', () => {
    const badItem = history.items.find((item) => !ItemInput.safeParse(item).success);
    expect(badItem).toBeUndefined();
    const badCost = history.costs.find((cost) => !CostInput.safeParse(cost).success);
    expect(badCost).toBeUndefined();
  });

  it('produces 150–250 items a day and unique item keys', () => {
    expect(history.items.length).toBeGreaterThanOrEqual(150 * DAYS);
    expect(history.items.length).toBeLessThanOrEqual(250 * DAYS);
    const keys = new Set(history.items.map((item) => `${item.source}/${item.external_id}`));
    expect(keys.size).toBe(history.items.length);
    expect(history.items.some((item) => /^INC\d{7}$/.test(item.external_id))).toBe(true);
    const small = generateDemoHistory({ seed: 42, now: NOW, scale: 0.1 }).items.length;
    expect(ratio(small, history.items.length)).toBeGreaterThan(0.07);
    expect(ratio(small, history.items.length)).toBeLessThan(0.13);
  });

  it('has only human items before go-live, and after it only agents, control group, out-of-scope and rework', () => {
    const before = history.items.filter((item) => opened(item) < history.goLive);
    expect(before.every((item) => !isAgent(item) && item.attributes?.routing === 'baseline')).toBe(true);
    const humanAfter = history.items.filter((item) => !isAgent(item) && opened(item) >= history.goLive);
    const routings = new Set(humanAfter.map((item) => item.attributes?.routing));
    expect([...routings].sort()).toEqual(['control_group', 'out_of_scope', 'rework']);
    const control = humanAfter.filter((item) => item.attributes?.routing === 'control_group');
    expect(control.length).toBeGreaterThan(1000);
    const agentCategories = new Set(history.items.filter(isAgent).map((item) => item.category));
    for (const item of control) {
      expect(agentCategories.has(item.category)).toBe(true);
      expect(item.priority).toBeGreaterThanOrEqual(2);
      expect(item.channel).not.toBe('phone');
    }
    const agentIds = new Set(history.agents.map((agent) => agent.id));
    expect(history.items.filter(isAgent).every((item) => agentIds.has(item.handled_by))).toBe(true);
  });

  it('has a plausible outcome mix with the agent share rising', () => {
    const agentItems = history.items.filter(isAgent);
    const handled = agentItems.filter((item) => item.outcome !== 'open');
    const count = (outcome: string): number => handled.filter((item) => item.outcome === outcome).length;
    expect(ratio(count('resolved'), handled.length)).toBeGreaterThan(0.5);
    expect(ratio(count('resolved'), handled.length)).toBeLessThan(0.9);
    expect(ratio(count('escalated'), handled.length)).toBeGreaterThan(0.05);
    expect(ratio(count('failed'), handled.length)).toBeGreaterThan(0.01);
    expect(ratio(count('abandoned'), handled.length)).toBeGreaterThan(0.01);
    const open = agentItems.filter((item) => item.outcome === 'open');
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((item) => opened(item) >= NOW - 7 * DAY_MS)).toBe(true);
    const share = (from: number, to: number): number => {
      const window = history.items.filter((item) => opened(item) >= from && opened(item) < to);
      return ratio(window.filter(isAgent).length, window.length);
    };
    expect(share(history.goLive, history.goLive + 14 * DAY_MS)).toBeLessThan(share(NOW - 14 * DAY_MS, NOW));
  });

  it('gives lower confidence to escalated and failed items than to resolved ones', () => {
    const meanConfidence = (outcome: string): number => {
      const values = history.items
        .filter((item) => isAgent(item) && item.outcome === outcome)
        .map((item) => item.confidence ?? Number.NaN);
      return values.reduce((sum, v) => sum + v, 0) / values.length;
    };
    expect(meanConfidence('resolved')).toBeGreaterThan(meanConfidence('escalated') + 0.15);
    expect(meanConfidence('resolved')).toBeGreaterThan(meanConfidence('failed') + 0.15);
    expect(history.items.filter((item) => !isAgent(item)).every((item) => item.confidence === null)).toBe(
      true,
    );
  });

  it('links follow-ups only to earlier agent-resolved items', () => {
    const byKey = new Map(history.items.map((item) => [`${item.source}/${item.external_id}`, item]));
    const linked = history.items.filter((item) => (item.links?.length ?? 0) > 0);
    expect(linked.length).toBeGreaterThan(50);
    for (const item of linked) {
      for (const link of item.links ?? []) {
        const target = byKey.get(`${link.source}/${link.external_id}`);
        expect(target).toBeDefined();
        if (target === undefined) continue;
        expect(['follow_up_of', 'caused_by']).toContain(link.kind);
        expect(opened(target)).toBeLessThan(opened(item));
        expect(isAgent(target) && target.outcome === 'resolved').toBe(true);
      }
    }
  });

  it('has no time after now and every time in ISO-8601 UTC', () => {
    const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
    const bad: string[] = [];
    const check = (text: string | null | undefined): void => {
      if (text === null || text === undefined) return;
      if (!iso.test(text) || (ms(text) ?? Number.POSITIVE_INFINITY) > NOW) bad.push(text);
    };
    for (const item of history.items) {
      for (const text of [
        item.opened_at,
        item.first_response_at,
        item.resolved_at,
        item.closed_at,
        item.updated_at,
      ])
        check(text);
      for (const value of Object.values(item.attributes ?? {})) {
        if (typeof value === 'string' && value.endsWith('Z')) check(value);
      }
    }
    for (const cost of history.costs) {
      check(cost.starts_at);
      check(cost.ends_at);
    }
    expect(bad).toEqual([]);
  });

  it('orders times: opened ≤ first response ≤ resolved ≤ closed, and updated_at is the latest', () => {
    const bad: string[] = [];
    for (const item of history.items) {
      const times = [item.opened_at, item.first_response_at, item.resolved_at, item.closed_at]
        .map(ms)
        .filter((t): t is number => t !== null);
      const attributeTimes = Object.values(item.attributes ?? {})
        .filter((v): v is string => typeof v === 'string' && v.endsWith('Z'))
        .map((v) => ms(v) ?? Number.NaN);
      const ordered = times.every((t, i) => i === 0 || (times[i - 1] ?? Number.NaN) <= t);
      const latest = ms(item.updated_at) === Math.max(...times, ...attributeTimes);
      const outcomeFits =
        (item.outcome !== 'open' || (item.resolved_at ?? null) === null) &&
        (item.outcome !== 'resolved' || typeof item.resolved_at === 'string');
      if (!ordered || !latest || !outcomeFits) bad.push(item.external_id);
    }
    expect(bad).toEqual([]);
  });

  it('misses SLA for some human items and a few agent items', () => {
    const slaHours = new Map(history.workflows.map((w) => [w.id, w.sla_hours]));
    const missRate = (items: ItemInput[]): [number, number] => {
      const resolved = items.filter((item) => item.outcome === 'resolved');
      const missed = resolved.filter((item) => {
        const target = slaHours.get(item.workflow ?? '')?.[String(item.priority)] ?? Number.NaN;
        return ((ms(item.resolved_at) ?? 0) - opened(item)) / 3_600_000 > target;
      });
      return [missed.length, ratio(missed.length, resolved.length)];
    };
    const [, humanRate] = missRate(history.items.filter((item) => !isAgent(item)));
    const [agentMisses, agentRate] = missRate(history.items.filter(isAgent));
    expect(humanRate).toBeGreaterThan(0.05);
    expect(humanRate).toBeLessThan(0.5);
    expect(agentMisses).toBeGreaterThan(0);
    expect(agentRate).toBeLessThan(0.05);
  });

  it('puts reopens, reassignments, csat on ~30% and state checks on password/access items', () => {
    const agentResolved = history.items.filter((item) => isAgent(item) && item.outcome === 'resolved');
    expect(agentResolved.filter((item) => (item.reopen_count ?? 0) > 0).length).toBeGreaterThan(20);
    expect(history.items.filter((item) => (item.reassignment_count ?? 0) > 0).length).toBeGreaterThan(1000);
    const resolved = history.items.filter((item) => item.outcome === 'resolved');
    const rated = resolved.filter((item) => item.csat !== null && item.csat !== undefined).length;
    expect(ratio(rated, resolved.length)).toBeGreaterThan(0.25);
    expect(ratio(rated, resolved.length)).toBeLessThan(0.35);
    const checked = new Set(
      history.items
        .filter((item) => typeof item.state_change_verified === 'boolean')
        .map((item) => item.category),
    );
    expect([...checked].sort()).toEqual(['access_request', 'new_hire_accounts', 'password_reset']);
  });

  it('lets one agent drift: its failure rate rises in the last three weeks', () => {
    const driftStart = NOW - 21 * DAY_MS;
    const failureRate = (items: ItemInput[]): number =>
      ratio(items.filter((item) => item.outcome === 'failed').length, items.length);
    const access = history.items.filter(
      (item) => item.handled_by === 'access-agent' && item.outcome !== 'open',
    );
    const before = failureRate(access.filter((item) => opened(item) < driftStart));
    const after = failureRate(access.filter((item) => opened(item) >= driftStart));
    expect(after).toBeGreaterThan(before * 1.5);
  });

  it('produces integration, licensing, inference and outcome-fee costs', () => {
    const kinds = (kind: string): CostInput[] => history.costs.filter((cost) => cost.kind === kind);
    expect(kinds('integration').map((cost) => [cost.agent_id, ms(cost.starts_at)])).toEqual(
      history.agents.map((agent) => [agent.id, history.goLive]),
    );
    // Go-live 24 Aug, now 22 Nov: Aug (8 days), Sep, Oct, Nov (21 days) per agent.
    expect(kinds('licensing')).toHaveLength(4 * history.agents.length);
    expect(kinds('licensing').find((cost) => cost.id === 'licensing-helpdesk-bot-2026-08')?.amount).toBe(
      '1032.258065', // 4000 × 8 / 31
    );
    const models = new Set(history.modelPrices.map((price) => price.model));
    const inference = kinds('inference');
    const agentItems = history.items.filter(isAgent).length;
    expect(inference.length).toBeGreaterThan(0.8 * agentItems);
    for (const cost of inference) {
      expect(cost.item).toBeDefined();
      expect((cost.tokens_in ?? 0) + (cost.tokens_out ?? 0)).toBeGreaterThan(0);
      if (cost.amount === undefined) expect(models.has(cost.model ?? '')).toBe(true);
    }
    expect(inference.some((cost) => cost.amount !== undefined)).toBe(true);
    const fees = kinds('outcome_fee');
    expect(new Set(fees.map((cost) => cost.agent_id))).toEqual(new Set(['helpdesk-bot']));
    const resolvedByBot = history.items.filter(
      (i) => i.handled_by === 'helpdesk-bot' && i.outcome === 'resolved',
    );
    expect(fees).toHaveLength(resolvedByBot.length);
    const ids = history.costs.map((cost) => cost.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('rejects options that are not whole days or a positive scale', () => {
    const code = (run: () => unknown): string | null => {
      try {
        run();
        return null;
      } catch (error) {
        return isWorkledgerError(error) ? error.code : 'other';
      }
    };
    expect(code(() => generateDemoHistory({ seed: 1, now: NOW, agentDays: 1.5 }))).toBe('VALIDATION');
    expect(code(() => generateDemoHistory({ seed: 1, now: NOW, scale: 0 }))).toBe('VALIDATION');
    expect(code(() => generateDemoHistory({ seed: 1, now: Number.NaN }))).toBe('VALIDATION');
  });
});
