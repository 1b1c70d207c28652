import { SeededRandom, type Weighted } from '../../src/domain/demo/seeded-random.js';

/** One kind of work an agent takes: how long it works on it, how often it waits, what it costs in tokens. */
export interface ScaleCategory {
  name: string;
  /** Median seconds of the agent's own work, before any approval wait. */
  agentMedianS: number;
  /** Chance the item waits for a human approval (hours to days): the latency tail. */
  approvalWaitChance: number;
  /** Multiplier on the human desk's resolution time. */
  humanFactor: number;
  /** A system check confirms the change (password really reset). */
  verifiesState: boolean;
  tokensIn: number;
  tokensOut: number;
}

/** A workflow of the scale tenant, with the categories its agents and the human desk work on. */
export interface ScaleWorkflow {
  id: string;
  name: string;
  department: string;
  slaHours: Record<'1' | '2' | '3' | '4' | '5', number>;
  categories: ScaleCategory[];
}

/** Outcome weights of one agent (they need not add up to 1). */
export interface ScaleMix {
  resolved: number;
  escalated: number;
  failed: number;
  abandoned: number;
}

/** One of the tenant's agents: one workflow, a few of its categories, one to three channels, one model. */
export interface ScaleAgent {
  id: string;
  name: string;
  vendor: string;
  version: string;
  source: string;
  idPrefix: string;
  workflow: ScaleWorkflow;
  categories: Weighted<ScaleCategory>[];
  channels: Weighted<string>[];
  model: ScaleModel;
  /** Share of agent work routed to this agent, before normalising. */
  volume: number;
  mix: ScaleMix;
  monthlyLicence: number;
  monthlyCompute: number;
}

/** A model price: decimal text, currency per one million tokens. */
export interface ScaleModel {
  model: string;
  inputPerMillion: string;
  outputPerMillion: string;
}

export interface ScaleCatalog {
  workflows: ScaleWorkflow[];
  agents: ScaleAgent[];
  models: ScaleModel[];
}

export const SCALE_MODELS: readonly ScaleModel[] = [
  { model: 'gpt-4.1-mini', inputPerMillion: '0.40', outputPerMillion: '1.60' },
  { model: 'gpt-4.1', inputPerMillion: '2.00', outputPerMillion: '8.00' },
  { model: 'claude-sonnet-4', inputPerMillion: '3.00', outputPerMillion: '15.00' },
  { model: 'llama-3.3-70b', inputPerMillion: '0.60', outputPerMillion: '0.80' },
];

const WORKFLOWS: readonly [string, string, string, readonly string[]][] = [
  ['it-helpdesk', 'IT helpdesk', 'IT', ['password_reset', 'vpn', 'software_install', 'hardware', 'email']],
  ['access-management', 'Access requests', 'IT', ['access_request', 'role_change', 'offboarding', 'mfa']],
  ['procurement', 'Purchase orders', 'Finance', ['purchase_order', 'vendor_onboarding', 'quote', 'renewal']],
  ['accounts-payable', 'Invoices', 'Finance', ['invoice_match', 'payment_query', 'expense', 'credit_note']],
  ['hr-onboarding', 'HR onboarding', 'People', ['new_hire_accounts', 'equipment', 'payroll_setup']],
  ['hr-cases', 'HR cases', 'People', ['leave', 'benefits', 'policy_question', 'address_change']],
  ['customer-support', 'Customer support', 'Support', ['order_status', 'refund', 'billing', 'bug_report']],
  ['facilities', 'Facilities', 'Operations', ['room_booking', 'maintenance', 'badge', 'parking']],
  ['security-ops', 'Security alerts', 'Security', ['phishing', 'malware_alert', 'dlp', 'vuln_ticket']],
  ['legal-intake', 'Legal intake', 'Legal', ['nda', 'contract_review', 'dpa', 'trademark']],
];
const DEPARTMENT_SLA: Readonly<Record<string, number>> = {
  IT: 1,
  Finance: 2,
  People: 2.5,
  Support: 0.8,
  Operations: 1.5,
  Security: 0.5,
  Legal: 4,
};
const CHANNELS: readonly Weighted<string>[] = [
  { value: 'portal', weight: 40 },
  { value: 'email', weight: 25 },
  { value: 'chat', weight: 20 },
  { value: 'api', weight: 10 },
  { value: 'phone', weight: 5 },
];
const VENDORS: readonly [string, string][] = [
  ['Acme AI', 'acme-ai'],
  ['Keystone Labs', 'keystone'],
  ['Procura', 'procura'],
  ['Northwind Agents', 'northwind'],
  ['In-house', 'agent'],
];

/**
 * The scale tenant's ten workflows and `agentCount` agents, drawn from `seed`: each agent on one workflow
 * with two to four of its categories, one to three channels and one model; volumes Zipf-like (a few
 * big agents, a long tail), outcome mixes spread around 75 / 12 / 5 / 3.
 */
export function scaleCatalog(seed: number, agentCount: number): ScaleCatalog {
  const rng = SeededRandom.derive(seed, 'scale-catalog');
  const workflows = WORKFLOWS.map(([id, name, department, names]) => {
    const factor = DEPARTMENT_SLA[department] ?? 1;
    return {
      id,
      name,
      department,
      slaHours: { '1': 4 * factor, '2': 8 * factor, '3': 24 * factor, '4': 72 * factor, '5': 120 * factor },
      categories: names.map((category) => ({
        name: category,
        agentMedianS: Math.round(rng.logNormal(240, 0.9)),
        approvalWaitChance: rng.chance(0.4) ? rng.uniform(0.05, 0.25) : 0,
        humanFactor: rng.uniform(0.5, 2),
        verifiesState: rng.chance(0.4),
        tokensIn: Math.round(rng.logNormal(6_000, 0.6)),
        tokensOut: Math.round(rng.logNormal(900, 0.5)),
      })),
    };
  });
  // Zipf-like volumes, shuffled so that the biggest agents are not all on the first workflows.
  const volumes = Array.from({ length: agentCount }, (_, i) => 1 / (1 + i) ** 0.8);
  shuffle(rng, volumes);
  const agents: ScaleAgent[] = [];
  for (let i = 0; i < agentCount; i++) {
    const workflow = workflows[i % workflows.length];
    if (workflow === undefined) throw new RangeError('no workflows');
    const [vendor, source] = VENDORS[i % VENDORS.length] ?? ['In-house', 'agent'];
    const quality = rng.normal();
    agents.push({
      id: `${workflow.id.split('-')[0]}-agent-${String(i + 1).padStart(2, '0')}`,
      name: `${workflow.name} agent ${i + 1}`,
      vendor,
      version: `${1 + (i % 3)}.${rng.int(0, 9)}`,
      source,
      idPrefix: `A${String(i + 1).padStart(2, '0')}`,
      workflow,
      categories: someOf(rng, workflow.categories, 2, 4).map((c) => ({
        value: c,
        weight: rng.uniform(1, 6),
      })),
      channels: someOf(rng, CHANNELS, 1, 3),
      model: SCALE_MODELS[rng.int(0, SCALE_MODELS.length - 1)] ?? (SCALE_MODELS[0] as ScaleModel),
      volume: volumes[i] ?? 1,
      mix: {
        resolved: Math.max(0.4, 0.75 + 0.06 * quality),
        escalated: Math.max(0.02, 0.12 - 0.03 * quality),
        failed: Math.max(0.01, 0.05 - 0.015 * quality),
        abandoned: 0.03,
      },
      monthlyLicence: 500 * rng.int(1, 12),
      monthlyCompute: 100 * rng.int(2, 25),
    });
  }
  return { workflows, agents, models: [...SCALE_MODELS] };
}

function someOf<T>(rng: SeededRandom, all: readonly T[], min: number, max: number): T[] {
  const copy = [...all];
  shuffle(rng, copy);
  return copy.slice(0, Math.min(copy.length, rng.int(min, max)));
}

function shuffle<T>(rng: SeededRandom, list: T[]): void {
  for (let i = list.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    const a = list[i];
    const b = list[j];
    if (a === undefined || b === undefined) continue;
    list[i] = b;
    list[j] = a;
  }
}
