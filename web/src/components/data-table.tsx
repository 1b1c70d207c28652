import { useState, type ReactNode } from 'react';

export interface Column<Row> {
  id: string;
  label: string;
  /** The value sorted by; null sorts last. */
  sortValue: (row: Row) => number | string | null;
  render: (row: Row) => ReactNode;
  numeric?: boolean;
}

/** A table whose column headers are buttons that sort it (aria-sort tells screen readers how). */
export function DataTable<Row>({
  columns,
  rows,
  rowKey,
  initialSort,
  caption,
  testId,
}: {
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  initialSort?: { id: string; direction: 'ascending' | 'descending' };
  caption: string;
  testId: string;
}) {
  const [sort, setSort] = useState(initialSort ?? null);
  const column = columns.find((c) => c.id === sort?.id);
  const sorted = column
    ? [...rows].sort((a, b) => {
        const x = column.sortValue(a);
        const y = column.sortValue(b);
        if (x === y) return 0;
        if (x === null) return 1;
        if (y === null) return -1;
        const order = x < y ? -1 : 1;
        return sort?.direction === 'descending' ? -order : order;
      })
    : rows;
  const toggle = (id: string) =>
    setSort((current) =>
      current?.id === id
        ? { id, direction: current.direction === 'ascending' ? 'descending' : 'ascending' }
        : { id, direction: 'descending' },
    );
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="data-table" data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th
                key={c.id}
                scope="col"
                className={c.numeric ? 'num' : undefined}
                aria-sort={sort?.id === c.id ? sort.direction : 'none'}
              >
                <button
                  type="button"
                  className="sort-button"
                  onClick={() => toggle(c.id)}
                  data-testid={`sort-${c.id}`}
                >
                  {c.label}
                  <span aria-hidden="true" className="sort-mark">
                    {sort?.id === c.id ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ' ↕'}
                  </span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c) => (
                <td key={c.id} className={c.numeric ? 'num' : undefined}>
                  {c.render(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
