import { Buffer } from 'node:buffer';
import { WorkledgerError } from '../../domain/errors.js';
import { binSample, cloneSample, emptySample, EXACT_LIMIT, type Sample } from '../../domain/stats/sample.js';

/**
 * The stored form of a sample, text so both engines keep it alike: `count;sum;sumSquares;e;…` while
 * exact (up to EXACT_LIMIT values: the values ascending as little-endian float64, base64), else
 * `…;b;zeros;…` (bin index and count pairs, ascending by index, as little-endian int32, base64) — a
 * stored sample above the limit is binned, so a row never grows with its item count. Sorted, so a bucket
 * reads the same however its values arrived; binary, because printing and parsing decimal numbers cost
 * ten times more on every write of a rollup row.
 */
export function encodeSample(sample: Sample): string {
  const head = `${sample.count};${sample.sum};${sample.sumSquares}`;
  if (sample.exact && sample.exact.length <= EXACT_LIMIT)
    return `${head};e;${base64Of(Float64Array.from(sample.exact).sort())}`;
  const binned = sample.exact ? cloneSample(sample) : sample;
  binSample(binned);
  const bins = binned.bins ?? new Map<number, number>();
  const indexes = Int32Array.from(bins.keys()).sort();
  const pairs = new Int32Array(indexes.length * 2);
  for (let i = 0; i < indexes.length; i++) {
    const index = indexes[i] as number;
    pairs[2 * i] = index;
    pairs[2 * i + 1] = bins.get(index) ?? 0;
  }
  return `${head};b;${binned.zeros};${base64Of(pairs)}`;
}

/** Read a sample written by encodeSample; null or empty text is the empty sample. */
export function decodeSample(text: string | null): Sample {
  if (text === null || text === '') return emptySample();
  const parts = text.split(';');
  const [count, sum, sumSquares, kind] = parts;
  const sample: Sample = {
    count: Number(count),
    sum: Number(sum),
    sumSquares: Number(sumSquares),
    exact: null,
    bins: null,
    zeros: 0,
  };
  if (kind === 'e') {
    sample.exact = Array.from(new Float64Array(bytesOf(parts[4] ?? '', 8, 8)));
  } else if (kind === 'b') {
    sample.zeros = Number(parts[4]);
    const pairs = new Int32Array(bytesOf(parts[5] ?? '', 8, 4));
    const bins = new Map<number, number>();
    for (let i = 0; i < pairs.length; i += 2) bins.set(pairs[i] as number, pairs[i + 1] as number);
    sample.bins = bins;
  } else throw new WorkledgerError('INTERNAL', `not a stored sample: ${text.slice(0, 40)}`);
  if (!Number.isFinite(sample.count)) throw new WorkledgerError('INTERNAL', 'a stored sample has no count');
  return sample;
}

// Typed arrays use the platform's byte order; the stored form is little-endian on every platform.
const BIG_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 0;

function base64Of(values: Float64Array | Int32Array): string {
  const bytes = Buffer.from(values.buffer, values.byteOffset, values.byteLength);
  if (!BIG_ENDIAN) return bytes.toString('base64');
  const copy = Buffer.from(bytes);
  return (values instanceof Float64Array ? copy.swap64() : copy.swap32()).toString('base64');
}

/** The bytes of base64 text in a fresh, aligned buffer of whole `unit`s, `width`-byte numbers in platform order. */
function bytesOf(text: string, unit: number, width: 4 | 8): ArrayBuffer {
  const decoded = Buffer.from(text, 'base64');
  if (decoded.length % unit !== 0)
    throw new WorkledgerError('INTERNAL', `a stored sample holds ${decoded.length} bytes, not whole values`);
  const aligned = new Uint8Array(decoded.length);
  aligned.set(decoded);
  if (BIG_ENDIAN) {
    const view = Buffer.from(aligned.buffer);
    if (width === 8) view.swap64();
    else view.swap32();
  }
  return aligned.buffer;
}
