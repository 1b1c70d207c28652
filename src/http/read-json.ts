import type { Context } from 'hono';
import { WorkledgerError } from '../domain/errors.js';
import { readBodyText } from './read-body.js';

/** A small JSON body (configuration requests); 400 naming the body when it is not JSON. */
export async function readJson(c: Context): Promise<unknown> {
  const text = await readBodyText(c);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new WorkledgerError('VALIDATION', `body: not valid JSON (${(error as Error).message})`, 'body');
  }
}
