import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { useHttpApp } from '../helpers/http.js';

const NOW = Date.UTC(2026, 10, 25);

describe('the weekly report of a tenant with no items yet', () => {
  const { tenant, call, open } = useHttpApp(NOW);

  it('still answers, every figure unavailable with its reason, the missing baseline as a risk', async () => {
    const { keys } = await tenant();
    const res = await call('/v1/reports/weekly?week=2026-W47', { key: keys.viewer });
    expect(res.status).toBe(200);
    const report = z
      .object({
        headline: z.array(z.object({ kpi: z.string(), shown: z.string() })),
        agents: z.array(z.unknown()),
        risks: z.array(z.object({ kind: z.string() })),
        better: z.array(z.unknown()),
        worse: z.array(z.unknown()),
      })
      .parse(res.body);
    expect(report.agents).toEqual([]);
    expect(report.better).toEqual([]);
    expect(report.worse).toEqual([]);
    expect(report.risks.map((r) => r.kind)).toContain('no_baseline');
    expect(report.headline.find((f) => f.kpi === 'containment_rate')?.shown).toBe('unavailable');
    const md = await open().app.request('/v1/reports/weekly?week=2026-W47&format=md', {
      headers: { authorization: `Bearer ${keys.viewer}` },
    });
    expect(md.status).toBe(200);
    expect(await md.text()).toContain('| Containment rate | unavailable (no handled items) |');
  });
});
