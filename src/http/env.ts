import type { Context } from 'hono';
import { WorkledgerError } from '../domain/errors.js';
import { textProblem } from '../domain/text.js';
import type { Ctx } from '../services/context.js';

export type AppEnv = { Variables: { requestId: string; ctx: Ctx } };

/** The query string as lists of values; a name or value that is not storable text is a 400 naming it. */
export function queryLists(c: Context<AppEnv>): Record<string, string[]> {
  const query = c.req.queries() ?? {};
  for (const [name, values] of Object.entries(query)) {
    const nameProblem = textProblem(name);
    if (nameProblem !== null)
      throw new WorkledgerError(
        'VALIDATION',
        `query parameter ${JSON.stringify(name)} ${nameProblem}`,
        '(query)',
      );
    for (const value of values) {
      const problem = textProblem(value);
      if (problem !== null) throw new WorkledgerError('VALIDATION', `${name}: ${problem}`, name);
    }
  }
  return query;
}
