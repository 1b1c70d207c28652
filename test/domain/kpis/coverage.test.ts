import { describe, expect, it } from 'vitest';
import type { KpiItem } from '../../../src/domain/kpi-item.js';
import { coverageRate, type AgentScopeLookup } from '../../../src/domain/kpis/coverage.js';
import { wilsonInterval } from '../../../src/domain/stats/wilson.js';
import { makeItem } from './item-factory.js';

let next = 0;
function cohortItem(
  handledBy: string,
  category: string | null,
  priority: number | null,
  channel: string | null,
): KpiItem {
  next += 1;
  return makeItem({ id: `c${next}`, handledBy, category, priority, channel });
}

describe('coverageRate', () => {
  it("derives each agent's scope from the cohorts it handled", () => {
    const items = [
      cohortItem('agent-a', 'password', 3, 'portal'),
      cohortItem('agent-a', 'password', 3, 'portal'),
      cohortItem('agent-b', 'network', 2, 'email'),
      cohortItem('human', 'password', 3, 'portal'),
      cohortItem('human', 'password', 3, 'portal'),
      cohortItem('human', 'network', 2, 'email'),
      cohortItem('human', 'password', 3, 'phone'), // another channel: another cohort
      cohortItem('human', 'network', 3, 'email'),
      cohortItem('human', null, null, null),
    ];
    // in scope: (password,3,portal) 2 agent + 2 human, (network,2,email) 1 agent + 1 human = 6 → 3 ÷ 6
    expect(coverageRate(items)).toEqual({ value: 0.5, ci: wilsonInterval(3, 6), n: 6, low_n: true });
  });

  it('uses a configured scope where there is one and the handled cohorts elsewhere', () => {
    const scope: AgentScopeLookup = (agent) => (agent === 'agent-a' ? { categories: ['password'] } : null);
    const items = [
      cohortItem('agent-a', 'password', 3, 'portal'),
      cohortItem('agent-a', 'password', 1, 'phone'),
      cohortItem('agent-a', 'vpn', 2, 'email'), // outside its configured scope: left out of both sides
      cohortItem('agent-b', 'network', 2, 'email'), // no configured scope: its cohort counts
      cohortItem('human', 'password', 5, 'chat'), // in agent-a's categories, any priority and channel
      cohortItem('human', 'network', 2, 'email'), // in agent-b's handled cohort
      cohortItem('human', 'network', 3, 'email'), // in nobody's scope
      cohortItem('human', 'vpn', 2, 'email'), // in nobody's scope
      cohortItem('human', null, null, null), // a category list never matches a missing category
    ];
    // in scope: 2 agent-a password + agent-b + human password + human network/2/email = 5; agents 3 → 3 ÷ 5
    expect(coverageRate(items, scope)).toEqual({ value: 0.6, ci: wilsonInterval(3, 5), n: 5, low_n: true });
  });

  it('matches every listed field of a configured scope', () => {
    const scope: AgentScopeLookup = () => ({ priorities: [1, 2], channels: ['phone'] });
    const items = [
      cohortItem('agent-a', 'x', 1, 'phone'),
      cohortItem('human', 'y', 2, 'phone'), // in
      cohortItem('human', 'y', 3, 'phone'), // priority not listed
      cohortItem('human', 'y', null, 'phone'), // priority missing
      cohortItem('human', 'y', 1, 'email'), // channel not listed
    ];
    // in scope: the agent item and one human item → 1 ÷ 2
    expect(coverageRate(items, scope)).toEqual({ value: 0.5, ci: wilsonInterval(1, 2), n: 2, low_n: true });
  });

  it('treats an empty configured scope as everything', () => {
    const items = [
      cohortItem('agent-a', 'x', 1, 'phone'),
      cohortItem('human', 'y', 2, 'email'),
      cohortItem('human', null, null, null),
      cohortItem('human', 'z', 5, 'chat'),
    ];
    // 1 agent ÷ 4 items
    expect(coverageRate(items, () => ({})).value).toBe(0.25);
    // without the configured scope only the agent's own cohort counts: 1 ÷ 1
    expect(coverageRate(items).value).toBe(1);
  });

  it('has no value when no agent handled anything', () => {
    const items = [cohortItem('human', 'x', 1, 'phone')];
    expect(coverageRate(items)).toEqual({
      value: null,
      ci: null,
      n: 0,
      reason: "no items in the agents' scope",
    });
  });

  it('asks for each agent scope once', () => {
    const asked: string[] = [];
    const scope: AgentScopeLookup = (agent) => {
      asked.push(agent);
      return null;
    };
    coverageRate(
      [cohortItem('a', 'x', 1, 'p'), cohortItem('a', 'x', 1, 'p'), cohortItem('b', 'x', 1, 'p')],
      scope,
    );
    expect(asked).toEqual(['a', 'b']);
  });
});
