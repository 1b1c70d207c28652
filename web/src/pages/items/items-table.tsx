import type { ItemPage } from '../../api/answers.js';
import { Link } from '../../app/router.js';
import { useSignedIn } from '../../app/session-context.js';
import { Empty } from '../../components/states.js';
import { formatMoney } from '../../format/kpi-format.js';

/** One page of items, oldest first, with the pager; `goTo(null)` is the first page. */
export function ItemsTable({
  page,
  cursor,
  goTo,
}: {
  page: ItemPage;
  cursor: string;
  goTo: (cursor: string | null) => void;
}) {
  const { format } = useSignedIn();
  const dateTime = new Intl.DateTimeFormat(format.locale, { dateStyle: 'medium', timeStyle: 'short' });
  if (page.items.length === 0) return <Empty>No items match these filters in this period.</Empty>;
  return (
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
        <button type="button" disabled={!cursor} onClick={() => goTo(null)} data-testid="page-first">
          First page
        </button>
        <button
          type="button"
          disabled={!page.next_cursor}
          onClick={() => goTo(page.next_cursor)}
          data-testid="page-next"
        >
          Next page
        </button>
      </nav>
    </>
  );
}
