import { z } from 'zod';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether `text` has no lone surrogate: the engine's own check where it has one (Node ≥ 20), else a regex. */
function isWellFormed(text: string): boolean {
  const native: unknown = Reflect.get(String.prototype, 'isWellFormed');
  return typeof native === 'function' ? native.call(text) === true : !LONE_SURROGATE.test(text);
}

/**
 * Why `text` cannot be stored as sent, or null when it can: PostgreSQL refuses NUL in text, and a lone
 * surrogate has no UTF-8 form (it would be stored as U+FFFD, another string).
 */
export function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  if (!isWellFormed(text)) return 'must not contain a lone surrogate (text that is not valid Unicode)';
  return null;
}

/** A string every engine stores exactly as sent; the base of every text field of every input schema. */
export const StoredText = z.string().check((ctx) => {
  const problem = textProblem(ctx.value);
  if (problem !== null) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
});
