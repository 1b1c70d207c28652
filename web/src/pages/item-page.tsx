import { useItem } from '../api/queries.js';
import type { ItemDetail } from '../api/answers.js';
import type { PageProps } from '../app/page-props.js';
import { Link } from '../app/router.js';
import { useSignedIn } from '../app/session-context.js';
import { Empty, QueryState } from '../components/states.js';
import { formatCount, formatMoney } from '../format/kpi-format.js';

const itemPath = (source: string, externalId: string) =>
  `/items/${encodeURIComponent(source)}/${encodeURIComponent(externalId)}`;

/** One item as GET /v1/items/{source}/{id} answers it: fields, verification, links, costs, audit. */
export default function ItemPage({ params: { source = '', externalId = '' } }: PageProps) {
  const { format } = useSignedIn();
  const item = useItem(source, externalId);
  const dateTime = (iso: string | null) =>
    iso === null
      ? '—'
      : new Intl.DateTimeFormat(format.locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(
          new Date(iso),
        );
  const fields = (i: ItemDetail): [string, string][] => [
    ['Handled by', i.handled_by],
    ['Outcome', i.outcome],
    ['Verification', i.verification.state ?? '—'],
    ['Window closes', dateTime(i.verification.window_closes_at)],
    [
      'Reversed',
      i.verification.reversed_at
        ? `${dateTime(i.verification.reversed_at)} (${i.verification.reversal_reason ?? 'unknown'})`
        : '—',
    ],
    ['Workflow', i.workflow ?? '—'],
    ['Category', i.category ?? '—'],
    ['Priority', i.priority === null ? '—' : String(i.priority)],
    ['Channel', i.channel ?? '—'],
    ['Opened', dateTime(i.opened_at)],
    ['First response', dateTime(i.first_response_at)],
    ['Resolved', dateTime(i.resolved_at)],
    ['Closed', dateTime(i.closed_at)],
    ['Reassignments', String(i.reassignment_count)],
    ['Reopens', String(i.reopen_count)],
    ['Confidence', i.confidence === null ? '—' : i.confidence.toFixed(2)],
    [
      'State change verified',
      i.state_change_verified === null ? '—' : i.state_change_verified ? 'yes' : 'no',
    ],
    ['SLA met', i.sla_met === null ? '—' : i.sla_met ? 'yes' : 'no'],
    ['CSAT', i.csat === null ? '—' : `${i.csat} / 5`],
    ['Attached cost', formatMoney(i.attached_cost, format)],
    ['Last update', dateTime(i.updated_at)],
  ];
  return (
    <div className="page">
      <header className="page-header">
        <p className="breadcrumb">
          <Link to="/items">Items</Link> /
        </p>
        <h1 data-testid="item-title">
          {source}/{externalId}
        </h1>
      </header>
      <QueryState query={item}>
        {(i) => (
          <>
            <section aria-labelledby="item-fields">
              <h2 id="item-fields">Details</h2>
              <dl className="fields" data-testid="item-fields">
                {fields(i).map(([label, value]) => (
                  <div key={label}>
                    <dt>{label}</dt>
                    <dd>{value}</dd>
                  </div>
                ))}
              </dl>
              {i.attributes && (
                <details>
                  <summary>Attributes</summary>
                  <pre className="attributes">{JSON.stringify(i.attributes, null, 2)}</pre>
                </details>
              )}
            </section>
            <section aria-labelledby="item-links">
              <h2 id="item-links">Links</h2>
              {i.links.length === 0 && i.linked_from.length === 0 ? (
                <Empty>No linked items.</Empty>
              ) : (
                <ul className="links" data-testid="item-links">
                  {i.links.map((l) => (
                    <li key={`out-${l.kind}-${l.source}-${l.external_id}`}>
                      {l.kind} →{' '}
                      <Link to={itemPath(l.source, l.external_id)}>
                        {l.source}/{l.external_id}
                      </Link>
                    </li>
                  ))}
                  {i.linked_from.map((l) => (
                    <li key={`in-${l.kind}-${l.source}-${l.external_id}`}>
                      <Link to={itemPath(l.source, l.external_id)}>
                        {l.source}/{l.external_id}
                      </Link>{' '}
                      ({dateTime(l.opened_at)}) is {l.kind} this item
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section aria-labelledby="item-costs">
              <h2 id="item-costs">Costs</h2>
              {i.costs.length === 0 ? (
                <Empty>No costs attached to this item (range costs are allocated in KPIs).</Empty>
              ) : (
                <div className="table-scroll">
                  <table className="data-table" data-testid="item-costs">
                    <thead>
                      <tr>
                        <th scope="col">Kind</th>
                        <th scope="col">When</th>
                        <th scope="col">Model</th>
                        <th scope="col" className="num">
                          Tokens in / out
                        </th>
                        <th scope="col" className="num">
                          Amount
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {i.costs.map((c) => (
                        <tr key={c.id}>
                          <td>{c.kind}</td>
                          <td>{dateTime(c.starts_at)}</td>
                          <td>{c.model ?? '—'}</td>
                          <td className="num">
                            {c.tokens_in === null ? '—' : formatCount(c.tokens_in, format.locale)} /{' '}
                            {c.tokens_out === null ? '—' : formatCount(c.tokens_out, format.locale)}
                          </td>
                          <td className="num">
                            {formatMoney(c.amount, { locale: format.locale, currency: c.currency })}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
            <section aria-labelledby="item-audit">
              <h2 id="item-audit">History (audit entries)</h2>
              {i.audit.length === 0 ? (
                <Empty>No audit entries name this item.</Empty>
              ) : (
                <div className="table-scroll">
                  <table className="data-table" data-testid="item-audit">
                    <thead>
                      <tr>
                        <th scope="col" className="num">
                          Seq
                        </th>
                        <th scope="col">At</th>
                        <th scope="col">Actor</th>
                        <th scope="col">Action</th>
                        <th scope="col">Hash</th>
                      </tr>
                    </thead>
                    <tbody>
                      {i.audit.map((a) => (
                        <tr key={a.seq}>
                          <td className="num">{a.seq}</td>
                          <td>{dateTime(a.at)}</td>
                          <td>{a.actor}</td>
                          <td>{a.action}</td>
                          <td>
                            <code title={a.hash}>{a.hash.slice(0, 12)}…</code>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
          </>
        )}
      </QueryState>
    </div>
  );
}
