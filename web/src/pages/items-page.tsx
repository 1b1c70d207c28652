import { useItems, useKpiItems } from '../api/queries.js';
import { periodQuery, readPeriod } from '../app/period.js';
import { Link, useSearchParams } from '../app/router.js';
import { useSignedIn } from '../app/session-context.js';
import { QueryState } from '../components/states.js';
import { drillDownTitle } from '../kpi/drill-down.js';
import { ItemsTable } from './items/items-table.js';

export const PAGE_SIZE = 50;
const OUTCOMES = ['resolved', 'escalated', 'failed', 'abandoned', 'open'];

/**
 * Items opened in the period that match the filters, 50 a page; with `kpi` (a tile's "Items →"),
 * exactly the items one side of that KPI counts, as the server decides them.
 */
export default function ItemsPage() {
  const { format } = useSignedIn();
  const [params, update] = useSearchParams();
  const period = readPeriod(params);
  const kpi = params.get('kpi') ?? '';
  const part = params.get('part') ?? '';
  const outcome = params.get('outcome') ?? '';
  const handledBy = params.get('handled_by') ?? '';
  const cursor = params.get('cursor') ?? '';
  const page = { cursor, limit: String(PAGE_SIZE) };
  // The KPI decides outcome and handler itself: the server refuses them beside `kpi`.
  const drill = kpi !== '';
  const kpiItems = useKpiItems(drill ? periodQuery(period, params, { kpi, part, ...page }) : null);
  const items = useItems(
    drill ? null : periodQuery(period, params, { outcome, handled_by: handledBy, ...page }),
  );
  const goTo = (next: string | null) => update({ cursor: next });
  const isCustomOutcome = outcome !== '' && !OUTCOMES.includes(outcome);

  return (
    <div className="page">
      <header className="page-header">
        <h1>Items</h1>
        {!drill && <p>Work items opened in the period, oldest first.</p>}
        {drill && (
          <>
            <p>
              <span data-testid="drill-down-title">
                {kpiItems.data
                  ? drillDownTitle(kpiItems.data.kpi, kpiItems.data.part, kpiItems.data.count, format.locale)
                  : 'The items the KPI counts'}
              </span>
              , opened in the period, oldest first.
            </p>
            <p>
              <Link to={`/items?${periodQuery(period, params)}`} data-testid="drill-down-clear">
                All items of the period
              </Link>
            </p>
          </>
        )}
      </header>
      {!drill && (
        <div className="filter-bar" role="group" aria-label="Item filters">
          <label>
            Outcome
            <select
              value={outcome}
              onChange={(e) => update({ outcome: e.target.value || null, cursor: null })}
              data-testid="filter-outcome"
            >
              <option value="">Any</option>
              {isCustomOutcome && <option value={outcome}>{outcome.split(',').join(' or ')}</option>}
              {OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          </label>
          <label>
            Handled by
            <select
              value={handledBy}
              onChange={(e) => update({ handled_by: e.target.value || null, cursor: null })}
              data-testid="filter-handled-by"
            >
              <option value="">Agents and humans</option>
              <option value="agent">Agents</option>
              <option value="human">Humans</option>
            </select>
          </label>
        </div>
      )}
      {drill ? (
        <QueryState query={kpiItems} loadingLabel="Loading the KPI's items…">
          {(answer) => <ItemsTable page={answer} cursor={cursor} goTo={goTo} />}
        </QueryState>
      ) : (
        <QueryState query={items} loadingLabel="Loading items…">
          {(answer) => <ItemsTable page={answer} cursor={cursor} goTo={goTo} />}
        </QueryState>
      )}
    </div>
  );
}
