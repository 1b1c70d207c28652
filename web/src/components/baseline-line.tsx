import type { KpiAnswer, KpiName } from '../api/answers.js';
import { useSignedIn } from '../app/session-context.js';
import { baselineText, hasBaselineBeside } from '../format/baseline-format.js';

/** The server's baseline figure beside a tile, for the KPIs GET /v1/kpis gives one for; nothing otherwise. */
export function BaselineLine({
  name,
  group,
}: {
  name: KpiName;
  group: KpiAnswer['groups'][number] | undefined;
}) {
  const { format } = useSignedIn();
  if (!hasBaselineBeside(name)) return null;
  return (
    <p className="tile-baseline" data-testid={`baseline-${name}`}>
      {baselineText(name, group, format)}
    </p>
  );
}
