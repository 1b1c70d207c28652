import { useAgents, useWorkflows } from '../api/queries.js';
import { useSearchParams } from '../app/router.js';

/** Agent, workflow and priority filters, kept in the URL with the period. */
export function FilterBar({ showAgent = true }: { showAgent?: boolean }) {
  const [params, update] = useSearchParams();
  const agents = useAgents();
  const workflows = useWorkflows();
  const set = (name: string) => (event: { target: { value: string } }) =>
    update({ [name]: event.target.value || null, cursor: null });
  const extra = ['category', 'channel'].filter((name) => params.get(name));
  return (
    <div className="filter-bar" role="group" aria-label="Filters" data-testid="filter-bar">
      {showAgent && (
        <label>
          Agent
          <select value={params.get('agent') ?? ''} onChange={set('agent')} data-testid="filter-agent">
            <option value="">All agents</option>
            {(agents.data?.agents ?? []).map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        Workflow
        <select value={params.get('workflow') ?? ''} onChange={set('workflow')} data-testid="filter-workflow">
          <option value="">All workflows</option>
          {(workflows.data?.workflows ?? []).map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Priority
        <select value={params.get('priority') ?? ''} onChange={set('priority')} data-testid="filter-priority">
          <option value="">Any</option>
          {[1, 2, 3, 4, 5].map((p) => (
            <option key={p} value={String(p)}>
              P{p}
            </option>
          ))}
        </select>
      </label>
      {extra.map((name) => (
        <button key={name} type="button" className="chip" onClick={() => update({ [name]: null })}>
          {name}: {params.get(name)} <span aria-hidden="true">✕</span>
          <span className="visually-hidden"> (remove filter)</span>
        </button>
      ))}
    </div>
  );
}
