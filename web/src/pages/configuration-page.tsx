import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { answerOf, type DashboardApi } from '../api/client.js';
import { useAgents, useWorkflows } from '../api/queries.js';
import type { Agent, Workflow } from '../api/answers.js';
import { useSignedIn } from '../app/session-context.js';
import { Empty, QueryState } from '../components/states.js';

type SaveState =
  { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: string };

function useSave() {
  const { api } = useSignedIn();
  const queryClient = useQueryClient();
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  /** Run one PUT through the typed client, then refresh what it changed. */
  const save = async (put: (client: DashboardApi['client']) => Promise<unknown>) => {
    setState({ kind: 'saving' });
    try {
      await put(api.client);
      await queryClient.invalidateQueries();
      setState({ kind: 'saved' });
    } catch (error) {
      setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  };
  return { state, save };
}

function SaveStatus({ state, testId }: { state: SaveState; testId: string }) {
  if (state.kind === 'idle') return null;
  return (
    <span className={`save-status save-${state.kind}`} role="status" data-testid={testId}>
      {state.kind === 'saving' ? 'Saving…' : state.kind === 'saved' ? 'Saved' : `Not saved: ${state.message}`}
    </span>
  );
}

function WorkflowForm({ workflow }: { workflow: Workflow }) {
  const [name, setName] = useState(workflow.name);
  const [department, setDepartment] = useState(workflow.department ?? '');
  const [sla, setSla] = useState<Record<string, string>>(
    Object.fromEntries(['1', '2', '3', '4', '5'].map((p) => [p, workflow.sla_hours[p]?.toString() ?? ''])),
  );
  const { state, save } = useSave();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const slaHours = Object.fromEntries(
      Object.entries(sla)
        .filter(([, v]) => v.trim() !== '')
        .map(([p, v]) => [p, Number(v)]),
    );
    void save((client) =>
      answerOf(
        client.v1.workflows[':id'].$put({
          param: { id: workflow.id },
          json: { name, department: department.trim() === '' ? null : department, sla_hours: slaHours },
        }),
      ),
    );
  };
  return (
    <form
      className="config-form"
      onSubmit={submit}
      aria-label={`Workflow ${workflow.id}`}
      data-testid={`workflow-form-${workflow.id}`}
    >
      <h3>{workflow.id}</h3>
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} required data-testid="workflow-name" />
      </label>
      <label>
        Department
        <input value={department} onChange={(e) => setDepartment(e.target.value)} />
      </label>
      <fieldset>
        <legend>SLA target (hours) by priority</legend>
        {Object.keys(sla).map((p) => (
          <label key={p} className="sla-input">
            P{p}
            <input
              type="number"
              min="0"
              step="any"
              inputMode="decimal"
              value={sla[p]}
              onChange={(e) => setSla({ ...sla, [p]: e.target.value })}
            />
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={state.kind === 'saving'} data-testid="workflow-save">
        Save workflow
      </button>
      <SaveStatus state={state} testId={`workflow-status-${workflow.id}`} />
    </form>
  );
}

function AgentForm({ agent }: { agent: Agent }) {
  const [name, setName] = useState(agent.name);
  const [vendor, setVendor] = useState(agent.vendor ?? '');
  const [version, setVersion] = useState(agent.version ?? '');
  const { state, save } = useSave();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save((client) =>
      answerOf(
        client.v1.agents[':id'].$put({
          param: { id: agent.id },
          json: {
            name,
            ...(vendor.trim() ? { vendor } : {}),
            ...(version.trim() ? { version } : {}),
            ...(agent.scope ? { scope: agent.scope } : {}),
          },
        }),
      ),
    );
  };
  return (
    <form
      className="config-form"
      onSubmit={submit}
      aria-label={`Agent ${agent.id}`}
      data-testid={`agent-form-${agent.id}`}
    >
      <h3>{agent.id}</h3>
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} required />
      </label>
      <label>
        Vendor
        <input value={vendor} onChange={(e) => setVendor(e.target.value)} />
      </label>
      <label>
        Version
        <input value={version} onChange={(e) => setVersion(e.target.value)} />
      </label>
      <button type="submit" disabled={state.kind === 'saving'}>
        Save agent
      </button>
      <SaveStatus state={state} testId={`agent-status-${agent.id}`} />
    </form>
  );
}

/** Operators edit workflows (SLA targets) and agents; every save is a PUT the audit trail records. */
export default function ConfigurationPage() {
  const workflows = useWorkflows();
  const agents = useAgents();
  return (
    <div className="page">
      <header className="page-header">
        <h1>Configuration</h1>
        <p>Changes take effect at once and are recorded in the audit trail with their before and after.</p>
      </header>
      <section aria-labelledby="config-workflows">
        <h2 id="config-workflows">Workflows</h2>
        <QueryState query={workflows}>
          {(answer) =>
            answer.workflows.length === 0 ? (
              <Empty>No workflows yet (PUT /v1/workflows/&#123;id&#125;).</Empty>
            ) : (
              <div className="form-grid">
                {answer.workflows.map((w) => (
                  <WorkflowForm key={w.id} workflow={w} />
                ))}
              </div>
            )
          }
        </QueryState>
      </section>
      <section aria-labelledby="config-agents">
        <h2 id="config-agents">Agents</h2>
        <QueryState query={agents}>
          {(answer) =>
            answer.agents.length === 0 ? (
              <Empty>No agents yet (PUT /v1/agents/&#123;id&#125;).</Empty>
            ) : (
              <div className="form-grid">
                {answer.agents.map((a) => (
                  <AgentForm key={a.id} agent={a} />
                ))}
              </div>
            )
          }
        </QueryState>
      </section>
    </div>
  );
}
