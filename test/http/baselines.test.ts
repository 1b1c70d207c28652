import { describe, expect, it } from 'vitest';
import { useHttpApp } from '../helpers/http.js';

const NOW = Date.UTC(2026, 6, 1);
const { call, tenant } = useHttpApp(NOW);

/** A human-handled password reset opened on May `day`, resolved `hours` later. */
function humanItem(n: number, day: number, hours: number) {
  const opened = Date.UTC(2026, 4, day, 9);
  return {
    source: 'itsm',
    external_id: `INC${n}`,
    workflow: 'it-helpdesk',
    category: 'password_reset',
    priority: 3,
    opened_at: new Date(opened).toISOString(),
    resolved_at: new Date(opened + hours * 3_600_000).toISOString(),
    handled_by: 'human',
    outcome: 'resolved',
  };
}

// Loaded hourly rate = 60 × (1 − 0) + 40 × 0 = 60; cost per item = 0.5 h × 60 × (1 + 0) = 30.
const RATE_CARD = {
  staff_hourly_rate: '60.00',
  contractor_hourly_rate: '40.00',
  contractor_share: 0,
  management_overhead: 0,
  fte_hours_per_month: 140,
  sla_penalty_per_breach: '0',
  handle_hours: { default: 0.5 },
  amortisation_months: 12,
};

describe('the baseline over HTTP, every answer on its declared schema', () => {
  it('previews, freezes and shows a baseline with its window as ISO text', async () => {
    const { keys } = await tenant();
    expect(
      (await call('/v1/rate-cards/default', { method: 'PUT', key: keys.operator, json: RATE_CARD })).status,
    ).toBe(200);
    const items = [humanItem(1, 4, 1), humanItem(2, 5, 2), humanItem(3, 6, 3), humanItem(4, 7, 4)];
    expect((await call('/v1/items', { key: keys.ingest, json: { items } })).status).toBe(200);

    const window = 'from=2026-05-01T00:00:00Z&to=2026-06-01T00:00:00Z';
    const preview = await call(`/v1/baselines/preview?${window}&cohort_by=category`, { key: keys.viewer });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      from: '2026-05-01T00:00:00.000Z',
      to: '2026-06-01T00:00:00.000Z',
      cohort_by: ['category'],
      rate_card_id: 'default',
      cohorts: [
        {
          key: { category: 'password_reset' },
          kpis: { items_handled: { value: 4 }, cost_per_item: { value: 30 } },
        },
      ],
    });

    const frozen = await call('/v1/baselines', {
      key: keys.operator,
      json: { from: '2026-05-01', to: '2026-06-01', cohort_by: ['category'], name: 'May' },
    });
    expect(frozen.status).toBe(201);
    expect(frozen.body).toMatchObject({ version: 1, from: '2026-05-01T00:00:00.000Z' });
    const current = await call('/v1/baselines/current', { key: keys.viewer });
    expect(current.status).toBe(200);
    expect(current.body).toMatchObject({ version: 1, cohorts: [{ kpis: { cost_per_item: { value: 30 } } }] });
    const listed = await call('/v1/baselines', { key: keys.viewer });
    expect(listed.body).toMatchObject({ baselines: [{ version: 1 }] });
    expect((await call('/v1/baselines/1', { key: keys.viewer })).status).toBe(200);
  });
});
