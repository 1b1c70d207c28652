import type { Weighted } from './seeded-random.js';

/** Agent outcome probabilities before trend and drift. */
export interface OutcomeMix {
  resolved: number;
  escalated: number;
  failed: number;
  abandoned: number;
}

/** How one category of work arrives and behaves, for humans and (if in scope) for its agent. */
export interface DemoCategory {
  workflow: string;
  category: string;
  /** Share of all arriving work. */
  share: number;
  channels: readonly Weighted<string>[];
  agentId: string | null;
  agentMix: OutcomeMix;
  /** Median seconds the agent works on an item, before any approval wait. */
  agentMedianS: number;
  /** Chance an agent item waits for a human approval (hours), which makes the latency tail. */
  approvalWaitChance: number;
  /** Multiplier on the human resolution time of the priority. */
  humanFactor: number;
  reopenChance: number;
  reworkChance: number;
  /** A system check confirms the change (password really reset, access really granted). */
  verifiesState: boolean;
  tokensIn: number;
  tokensOut: number;
}

/** Priorities skewed to 3–4; agents never take priority 1. */
export const PRIORITY_WEIGHTS: readonly Weighted<number>[] = [
  { value: 1, weight: 2 },
  { value: 2, weight: 10 },
  { value: 3, weight: 40 },
  { value: 4, weight: 38 },
  { value: 5, weight: 10 },
];
/** Channels an agent takes work from; phone calls stay with the human desk. */
export const AGENT_CHANNELS: ReadonlySet<string> = new Set(['portal', 'email', 'chat']);

const helpdeskChannels: readonly Weighted<string>[] = [
  { value: 'portal', weight: 45 },
  { value: 'email', weight: 22 },
  { value: 'chat', weight: 22 },
  { value: 'phone', weight: 11 },
];
const formChannels: readonly Weighted<string>[] = [
  { value: 'portal', weight: 80 },
  { value: 'email', weight: 20 },
];

const base = {
  channels: helpdeskChannels,
  approvalWaitChance: 0,
  reopenChance: 0.04,
  reworkChance: 0.03,
  verifiesState: false,
  tokensIn: 3000,
  tokensOut: 500,
};
const noAgent = {
  agentId: null,
  agentMix: { resolved: 0, escalated: 0, failed: 0, abandoned: 0 },
  agentMedianS: 0,
};

export const DEMO_CATEGORIES: readonly DemoCategory[] = [
  {
    ...base,
    workflow: 'it-helpdesk',
    category: 'password_reset',
    share: 28,
    agentId: 'helpdesk-bot',
    agentMix: { resolved: 0.85, escalated: 0.07, failed: 0.03, abandoned: 0.05 },
    agentMedianS: 70,
    humanFactor: 0.35,
    reopenChance: 0.02,
    reworkChance: 0.012,
    verifiesState: true,
    tokensIn: 1800,
    tokensOut: 250,
  },
  {
    ...base,
    workflow: 'it-helpdesk',
    category: 'access_request',
    share: 15,
    agentId: 'access-agent',
    agentMix: { resolved: 0.7, escalated: 0.21, failed: 0.05, abandoned: 0.04 },
    agentMedianS: 360,
    approvalWaitChance: 0.12,
    humanFactor: 1.1,
    verifiesState: true,
    tokensIn: 4200,
    tokensOut: 700,
  },
  {
    ...base,
    workflow: 'it-helpdesk',
    category: 'software_install',
    share: 14,
    agentId: 'helpdesk-bot',
    agentMix: { resolved: 0.67, escalated: 0.2, failed: 0.07, abandoned: 0.06 },
    agentMedianS: 240,
    humanFactor: 1,
    reopenChance: 0.05,
    reworkChance: 0.05,
  },
  {
    ...base,
    workflow: 'it-helpdesk',
    category: 'vpn',
    share: 10,
    agentId: 'helpdesk-bot',
    agentMix: { resolved: 0.62, escalated: 0.24, failed: 0.08, abandoned: 0.06 },
    agentMedianS: 180,
    humanFactor: 0.8,
    reopenChance: 0.06,
    reworkChance: 0.06,
  },
  { ...base, ...noAgent, workflow: 'it-helpdesk', category: 'hardware', share: 11, humanFactor: 2 },
  {
    ...base,
    workflow: 'procurement',
    category: 'purchase_order',
    share: 12,
    channels: formChannels,
    agentId: 'po-agent',
    agentMix: { resolved: 0.66, escalated: 0.27, failed: 0.05, abandoned: 0.02 },
    agentMedianS: 900,
    approvalWaitChance: 0.2,
    humanFactor: 1.5,
    reopenChance: 0.03,
    reworkChance: 0.02,
    tokensIn: 6000,
    tokensOut: 900,
  },
  {
    ...base,
    workflow: 'hr-onboarding',
    category: 'new_hire_accounts',
    share: 5,
    channels: formChannels,
    agentId: 'access-agent',
    agentMix: { resolved: 0.72, escalated: 0.22, failed: 0.04, abandoned: 0.02 },
    agentMedianS: 900,
    approvalWaitChance: 0.1,
    humanFactor: 1.3,
    verifiesState: true,
    tokensIn: 5000,
    tokensOut: 1200,
  },
  {
    ...base,
    ...noAgent,
    workflow: 'hr-onboarding',
    category: 'equipment',
    share: 5,
    channels: formChannels,
    humanFactor: 2,
  },
];

/** Median human resolution hours by priority, before the category factor. */
export const HUMAN_MEDIAN_HOURS: Readonly<Record<number, number>> = { 1: 3, 2: 6, 3: 14, 4: 30, 5: 60 };
