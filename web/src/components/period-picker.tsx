import { useState, type FormEvent } from 'react';
import { useSearchParams } from '../app/router.js';
import { addDays, lastDays, periodDays, PERIOD_PRESETS, readPeriod } from '../app/period.js';

/** Presets and a custom range; the period lives in the URL (`from`, `to`), so the view is shareable. */
export function PeriodPicker() {
  const [params, update] = useSearchParams();
  const period = readPeriod(params);
  const [from, setFrom] = useState(period.from);
  const [through, setThrough] = useState(addDays(period.to, -1));
  const [shown, setShown] = useState(`${period.from}|${period.to}`);
  if (shown !== `${period.from}|${period.to}`) {
    // The URL changed (a preset, back/forward): the inputs follow it.
    setShown(`${period.from}|${period.to}`);
    setFrom(period.from);
    setThrough(addDays(period.to, -1));
  }
  const apply = (event: FormEvent) => {
    event.preventDefault();
    if (!from || !through || through < from) return;
    update({ from, to: addDays(through, 1), cursor: null });
  };
  const days = periodDays(period);
  const isLatest = (n: number) => {
    const preset = lastDays(n);
    return preset.from === period.from && preset.to === period.to;
  };
  return (
    <form className="period-picker" onSubmit={apply} aria-label="Period" data-testid="period-picker">
      <div className="presets" role="group" aria-label="Period presets">
        {PERIOD_PRESETS.map((n) => (
          <button
            key={n}
            type="button"
            aria-pressed={isLatest(n)}
            data-testid={`period-${n}`}
            onClick={() => update({ ...lastDays(n), cursor: null })}
          >
            {n} days
          </button>
        ))}
      </div>
      <label>
        From
        <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="period-from" />
      </label>
      <label>
        Through
        <input
          type="date"
          value={through}
          onChange={(e) => setThrough(e.target.value)}
          data-testid="period-through"
        />
      </label>
      <button type="submit" data-testid="period-apply">
        Apply
      </button>
      <span className="period-days" aria-live="polite">
        {days} {days === 1 ? 'day' : 'days'}
      </span>
    </form>
  );
}
