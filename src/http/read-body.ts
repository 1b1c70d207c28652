import { createGunzip } from 'node:zlib';
import { Readable } from 'node:stream';
import type { Context } from 'hono';
import { WorkledgerError } from '../domain/errors.js';

export const MAX_BODY_BYTES = 32 * 1024 * 1024;
export const MAX_INFLATED_BYTES = 128 * 1024 * 1024;

/** The request body as text, gunzipped when sent with Content-Encoding: gzip; 413 above the limits. */
export async function readBodyText(c: Context): Promise<string> {
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw tooLarge(MAX_BODY_BYTES);
  const raw = c.req.raw.body;
  if (!raw) return '';
  const encoding = (c.req.header('content-encoding') ?? 'identity').toLowerCase();
  if (encoding !== 'gzip' && encoding !== 'identity')
    throw new WorkledgerError(
      'UNSUPPORTED_MEDIA_TYPE',
      `content-encoding ${encoding} is not accepted: use gzip or none`,
    );
  let stream: NodeJS.ReadableStream = Readable.fromWeb(
    raw as import('node:stream/web').ReadableStream<Uint8Array>,
  );
  let received = 0;
  const chunks: Buffer[] = [];
  const counted = new Readable({ read() {} });
  stream.on('data', (chunk: Buffer) => {
    received += chunk.length;
    if (received > MAX_BODY_BYTES) counted.destroy(tooLarge(MAX_BODY_BYTES));
    else counted.push(chunk);
  });
  stream.on('end', () => counted.push(null));
  stream.on('error', (e) => counted.destroy(e));
  stream = encoding === 'gzip' ? counted.pipe(createGunzip()) : counted;
  let inflated = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      inflated += chunk.length;
      if (inflated > MAX_INFLATED_BYTES) throw tooLarge(MAX_INFLATED_BYTES);
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof WorkledgerError) throw error;
    throw new WorkledgerError('VALIDATION', `body: could not be read (${(error as Error).message})`, 'body');
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge(limit: number): WorkledgerError {
  return new WorkledgerError(
    'LIMIT_EXCEEDED',
    `body: larger than ${limit / 1024 / 1024} MiB; split the batch`,
  );
}
