/**
 * The one filter every item and KPI query is built from. `from`/`to` bound `opened_at` (a period's
 * items are the ones opened in it); list fields match any of their values.
 */
export interface ItemFilter {
  from: number;
  to: number;
  /** Agent ids; with `withHumans`, human-handled items of the period are kept too (coverage needs them). */
  agent?: readonly string[];
  withHumans?: boolean;
  workflow?: readonly string[];
  category?: readonly string[];
  priority?: readonly number[];
  channel?: readonly string[];
  handledBy?: 'agent' | 'human';
  outcome?: readonly string[];
  source?: string;
}
