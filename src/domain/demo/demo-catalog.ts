/** A workflow of the demo tenant; `sla_hours` is the resolution target per priority "1".."5". */
export interface DemoWorkflow {
  id: string;
  name: string;
  department: string;
  sla_hours: Record<string, number>;
}

/** An agent of the demo tenant. */
export interface DemoAgent {
  id: string;
  name: string;
  vendor: string;
  version: string;
}

/** A model price row: decimal text, currency per one million tokens. */
export interface DemoModelPrice {
  model: string;
  input_per_million: string;
  output_per_million: string;
}

/** Where an agent's items are keyed, what it runs on and what it costs (whole currency units). */
export interface DemoAgentProfile {
  agent: DemoAgent;
  source: string;
  idPrefix: string;
  model: string;
  monthlyLicence: number;
  integrationCost: number;
  /** Vendor fee per agent-resolved item, or null when the vendor charges none. */
  outcomeFee: number | null;
}

const hours = (p1: number, p2: number, p3: number, p4: number, p5: number): Record<string, number> => ({
  '1': p1,
  '2': p2,
  '3': p3,
  '4': p4,
  '5': p5,
});

export const DEMO_WORKFLOWS: readonly DemoWorkflow[] = [
  { id: 'it-helpdesk', name: 'IT helpdesk', department: 'IT', sla_hours: hours(4, 8, 24, 72, 120) },
  {
    id: 'procurement',
    name: 'Purchase orders',
    department: 'Finance',
    sla_hours: hours(8, 24, 72, 120, 168),
  },
  {
    id: 'hr-onboarding',
    name: 'HR onboarding',
    department: 'People',
    sla_hours: hours(24, 48, 72, 120, 168),
  },
];

export const DEMO_MODEL_PRICES: readonly DemoModelPrice[] = [
  { model: 'gpt-4.1-mini', input_per_million: '0.40', output_per_million: '1.60' },
  { model: 'gpt-4.1', input_per_million: '2.00', output_per_million: '8.00' },
  { model: 'claude-sonnet-4', input_per_million: '3.00', output_per_million: '15.00' },
];

/** The agent whose quality drifts in the last weeks; its version changes when the drift starts. */
export const DRIFTING_AGENT = { id: 'access-agent', versionBefore: '1.4', versionAfter: '1.5', days: 21 };

export const DEMO_AGENTS: readonly DemoAgentProfile[] = [
  {
    agent: { id: 'helpdesk-bot', name: 'Helpdesk Bot', vendor: 'Acme AI', version: '2.1' },
    source: 'acme-ai',
    idPrefix: 'HB',
    model: 'gpt-4.1-mini',
    monthlyLicence: 4000,
    integrationCost: 30000,
    outcomeFee: 0.9,
  },
  {
    agent: {
      id: 'access-agent',
      name: 'Access Agent',
      vendor: 'Keystone Labs',
      version: DRIFTING_AGENT.versionAfter,
    },
    source: 'agent',
    idPrefix: 'ACC',
    model: 'claude-sonnet-4',
    monthlyLicence: 2500,
    integrationCost: 18000,
    outcomeFee: null,
  },
  {
    agent: { id: 'po-agent', name: 'PO Agent', vendor: 'Procura', version: '0.9' },
    source: 'agent',
    idPrefix: 'PO',
    model: 'gpt-4.1',
    monthlyLicence: 3000,
    integrationCost: 22000,
    outcomeFee: null,
  },
];

/** Human tickets live in ServiceNow; the number prefix depends on the workflow. */
export const HUMAN_SOURCE = 'servicenow';
export const HUMAN_ID_PREFIX: Readonly<Record<string, string>> = {
  'it-helpdesk': 'INC',
  procurement: 'RITM',
  'hr-onboarding': 'HRC',
};

/** The agent profile with this id; throws if the catalog names an unknown agent. */
export function agentProfile(agentId: string): DemoAgentProfile {
  const profile = DEMO_AGENTS.find((p) => p.agent.id === agentId);
  if (profile === undefined) throw new RangeError(`unknown demo agent ${agentId}`);
  return profile;
}
