import { z } from 'zod';
import { WorkledgerError, type ErrorCode } from '../../domain/errors.js';

const KNOWN_CODES: readonly ErrorCode[] = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'LIMIT_EXCEEDED',
];

/** Call a running server and answer the raw body; its error body becomes a WorkledgerError. */
export async function remoteCall(
  target: { url: string; key: string },
  path: string,
  init: { method?: string; json?: unknown } = {},
): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(`${target.url}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${target.key}`,
        ...(init.json === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
    });
  } catch (error) {
    throw new WorkledgerError('INTERNAL', `cannot reach ${target.url}: ${(error as Error).message}`);
  }
  const body = new Uint8Array(await response.arrayBuffer());
  if (response.ok) return body;
  const parsed = z
    .object({ error: z.object({ code: z.string(), message: z.string() }) })
    .safeParse(JSON.parse(new TextDecoder().decode(body) || 'null'));
  const code = KNOWN_CODES.find((k) => parsed.success && k === parsed.data.error.code) ?? 'INTERNAL';
  throw new WorkledgerError(code, parsed.success ? parsed.data.error.message : `HTTP ${response.status}`);
}
