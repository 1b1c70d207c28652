import type { CostComponent } from '../api/answers.js';
import { useSignedIn } from '../app/session-context.js';
import { formatMoney } from '../format/kpi-format.js';
import { costRows } from '../kpi/cost-components.js';

/** Every cost component side by side (zero ones too), and the total AI cost they add up to. */
export function CostComponentsTable({
  amounts,
  total,
  currency,
  testIdPrefix = 'cost',
  caption,
}: {
  amounts: Partial<Record<CostComponent, number>>;
  total: number;
  currency: string;
  testIdPrefix?: string;
  caption?: string;
}) {
  const { format } = useSignedIn();
  const money = (amount: number) => formatMoney(amount, { locale: format.locale, currency });
  return (
    <table className="data-table compact" data-testid={`${testIdPrefix}-table`}>
      {caption && <caption>{caption}</caption>}
      <thead>
        <tr>
          <th scope="col">Component</th>
          <th scope="col" className="num">
            Amount
          </th>
        </tr>
      </thead>
      <tbody>
        {costRows(amounts).map((row) => (
          <tr key={row.kind}>
            <td>{row.label}</td>
            <td className="num" data-testid={`${testIdPrefix}-${row.kind}`}>
              {money(row.amount)}
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Total AI cost</th>
          <td className="num" data-testid={`${testIdPrefix}-total`}>
            {money(total)}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
