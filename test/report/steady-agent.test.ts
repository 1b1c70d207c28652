import { expect, it } from 'vitest';
import { periodKey } from '../../src/domain/period-key.js';
import { buildWeeklyReport } from '../../src/services/report/report-build.js';
import { closeDurabilityWindows } from '../../src/services/jobs/close-durability-windows.js';
import { forEachEngine } from '../helpers/engines.js';
import { at, DAY, ingest, newTenant } from '../helpers/ledger.js';
import { START, steadyLives, TRUE_ERROR_RATE, versionsAt, WEEKS } from './steady-agent.js';

const WEEK = 7 * DAY;

forEachEngine('the weekly report of an agent whose behaviour never changes', ({ store }) => {
  it('never recommends restricting it, and its error rate stays within the sampling interval of the truth', async () => {
    const lives = steadyLives();
    const ctx = await newTenant(store(), { now: START });
    const seen: { week: string; error: number | null; n: number; action: string }[] = [];
    for (let monday = START + 2 * WEEK; monday <= START + (WEEKS + 1) * WEEK; monday += WEEK) {
      const now = at(ctx, monday);
      // what the desk knew by this Monday: items are sent again whenever they change
      await ingest(now, versionsAt(lives, monday));
      await closeDurabilityWindows(now);
      const report = await buildWeeklyReport({ ctx: now, input: {} });
      // the default is the most recent settled week: the one that ended a durability window ago
      expect(report.week).toBe(periodKey(monday - 2 * WEEK, 'week', 'UTC'));
      expect(report.provisional).toBe(false);
      expect(report.settles_at).toBe(new Date(monday).toISOString());
      const steady = report.agents.find((a) => a.agent === 'steady');
      const error = steady?.figures.find((f) => f.kpi === 'error_rate')?.current;
      seen.push({
        week: report.week,
        error: error?.value ?? null,
        n: error?.n ?? 0,
        action: steady?.action ?? '',
      });

      // the week that has just ended is provisional: nothing is recommended from it, though its error
      // rate is inflated (its failures are final, its resolutions mostly still inside their window)
      if (monday - WEEK >= START + WEEKS * WEEK) continue; // after the twelve weeks: nothing just ended
      const justEnded = await buildWeeklyReport({
        ctx: now,
        input: { week: periodKey(monday - WEEK, 'week', 'UTC') },
      });
      expect(justEnded.provisional).toBe(true);
      expect(justEnded.agents.map((a) => a.action)).toEqual(['none']);
      const inflated = justEnded.agents[0]?.figures.find((f) => f.kpi === 'error_rate')?.current.value;
      expect(inflated).toBeGreaterThan(2 * TRUE_ERROR_RATE);
    }
    expect(seen).toHaveLength(WEEKS);
    for (const week of seen) {
      expect(week.action, `${week.week}: ${week.action}`).not.toBe('restrict');
      expect(week.n).toBeGreaterThan(250); // 280 handled a week, less the open tail
      // |observed − 7.52%| ≤ 1.96 × √(p(1 − p) ÷ n): about ±3.1 points at n = 280
      const margin = 1.96 * Math.sqrt((TRUE_ERROR_RATE * (1 - TRUE_ERROR_RATE)) / week.n);
      expect(Math.abs((week.error ?? Infinity) - TRUE_ERROR_RATE), week.week).toBeLessThanOrEqual(margin);
    }
  });
});
