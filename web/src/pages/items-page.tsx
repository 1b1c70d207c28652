import { useItems } from '../api/queries.js';
import { periodQuery, readPeriod } from '../app/period.js';
import { Link, useSearchParams } from '../app/router.js';
import { useSignedIn } from '../app/session-context.js';
import { Empty, QueryState } from '../components/states.js';
import { formatMoney } from '../format/kpi-format.js';

export const PAGE_SIZE = 50;
const OUTCOMES = ['resolved', 'escalated', 'failed', 'abandoned', 'open'];

/** Items opened in the period that match the filters (a KPI's "Items →" lands here), 50 a page. */
export default function ItemsPage() {
  const { format } = useSignedIn();
  const [params, update] = useSearchParams();
  const period = readPeriod(params);
  const outcome = params.get('outcome') ?? '';
  const handledBy = params.get('handled_by') ?? '';
  const cursor = params.get('cursor') ?? '';
  const query = periodQuery(period, params, {
    outcome,
    handled_by: handledBy,
    cursor,
    limit: String(PAGE_SIZE),
  });
  const items = useItems(query);
  const dateTime = new Intl.DateTimeFormat(format.locale, { dateStyle: 'medium', timeStyle: 'short' });
  const isCustomOutcome = outcome !== '' && !OUTCOMES.includes(outcome);

  return (
    <div className="page">
      <header className="page-header">
        <h1>Items</h1>
        <p>Work items opened in the period, oldest first.</p>
      </header>
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
      <QueryState query={items} loadingLabel="Loading items…">
        {(page) =>
          page.items.length === 0 ? (
            <Empty>No items match these filters in this period.</Empty>
          ) : (
            <>
              <div className="table-scroll" tabIndex={0} role="region" aria-label="Items">
                <table className="data-table" data-testid="items-table">
                  <thead>
                    <tr>
                      <th scope="col">Item</th>
                      <th scope="col">Opened</th>
                      <th scope="col">Handled by</th>
                      <th scope="col">Outcome</th>
                      <th scope="col">Verification</th>
                      <th scope="col">Workflow · category</th>
                      <th scope="col" className="num">
                        Priority
                      </th>
                      <th scope="col" className="num">
                        Attached cost
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((item) => (
                      <tr
                        key={item.id}
                        data-testid="item-row"
                        data-outcome={item.outcome}
                        data-handled-by={item.handled_by}
                      >
                        <td className="nowrap">
                          <Link
                            to={`/items/${encodeURIComponent(item.source)}/${encodeURIComponent(item.external_id)}`}
                            data-testid="item-link"
                          >
                            {item.source}/{item.external_id}
                          </Link>
                        </td>
                        <td className="nowrap">{dateTime.format(new Date(item.opened_at))}</td>
                        <td>{item.handled_by}</td>
                        <td>{item.outcome}</td>
                        <td>{item.verification.state ?? '—'}</td>
                        <td>
                          {item.workflow ?? '—'} · {item.category ?? '—'}
                        </td>
                        <td className="num">{item.priority ?? '—'}</td>
                        <td className="num">{formatMoney(item.attached_cost, format)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <nav className="pager" aria-label="Pages of items">
                <button
                  type="button"
                  disabled={!cursor}
                  onClick={() => update({ cursor: null })}
                  data-testid="page-first"
                >
                  First page
                </button>
                <button
                  type="button"
                  disabled={!page.next_cursor}
                  onClick={() => update({ cursor: page.next_cursor })}
                  data-testid="page-next"
                >
                  Next page
                </button>
              </nav>
            </>
          )
        }
      </QueryState>
    </div>
  );
}
