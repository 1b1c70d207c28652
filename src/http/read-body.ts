import { createGunzip } from 'node:zlib';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
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
  const source = Readable.fromWeb(raw as import('node:stream/web').ReadableStream<Uint8Array>);
  // Destroying the web stream can surface as an AbortError, so the limit that stopped the read is kept.
  let overLimit: WorkledgerError | null = null;
  const stop = (limit: number): WorkledgerError => (overLimit = tooLarge(limit));
  let received = 0;
  const limitRaw = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      if (received > MAX_BODY_BYTES) done(stop(MAX_BODY_BYTES));
      else done(null, chunk);
    },
  });
  let inflated = 0;
  const chunks: Buffer[] = [];
  const collect = async (body: AsyncIterable<Buffer>) => {
    for await (const chunk of body) {
      inflated += chunk.length;
      if (inflated > MAX_INFLATED_BYTES) throw stop(MAX_INFLATED_BYTES);
      chunks.push(chunk);
    }
  };
  // pipeline, not pipe: an error in any stage (limit, gunzip) must end the read, not leave it waiting
  try {
    if (encoding === 'gzip') await pipeline(source, limitRaw, createGunzip(), collect);
    else await pipeline(source, limitRaw, collect);
  } catch (error) {
    if (overLimit) throw overLimit;
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
