import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { WorkledgerError } from '../../domain/errors.js';
import type { ImportRejection } from '../import-runner.js';

/** One data row of a CSV file: its cells and the 1-based line it starts on (the header is line 1). */
export interface CsvRow {
  line: number;
  values: string[];
}

/** A CSV file read into its header, its readable rows, and the rows that could not be read. */
export interface CsvTable {
  header: string[];
  rows: CsvRow[];
  rejected: ImportRejection[];
}

const QUOTE = 34;
const LF = 10;
const CR = 13;
const gunzipAsync = promisify(gunzip);

/** Read a source file as UTF-8 text, gunzipping it when it is gzip (by its magic bytes, not its name). */
export async function readSourceText(path: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new WorkledgerError('NOT_FOUND', `${path}: cannot read (${(error as Error).message})`, 'file');
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = await gunzipAsync(bytes);
    } catch (error) {
      throw new WorkledgerError(
        'VALIDATION',
        `${path}: not a readable gzip file (${(error as Error).message})`,
      );
    }
  }
  return stripBom(bytes.toString('utf8'));
}

/** The text without a leading UTF-8 byte-order mark. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Split RFC 4180 CSV text (LF, CRLF or CR line ends, a byte-order mark, quoted fields with `""` and
 * line breaks) into rows. A row that cannot be read (text after a closing quote, a quote never closed,
 * a field count other than the header's) is rejected with its line, and reading goes on. Hand-written
 * rather than csv-parse because it reads the 46 MB UCI log over three times faster, with exact lines.
 */
export function parseCsv(text: string, options: { file?: string; delimiter?: string } = {}): CsvTable {
  const source = stripBom(text);
  const delimiter = (options.delimiter ?? ',').charCodeAt(0);
  const n = source.length;
  const rows: CsvRow[] = [];
  const rejected: ImportRejection[] = [];
  let header: string[] | null = null;
  let pos = 0;
  let line = 1;
  const reject = (at: number, reason: string): void => {
    rejected.push({ line: at, ...(options.file === undefined ? {} : { file: options.file }), reason });
  };
  while (pos < n) {
    const startLine = line;
    const values: string[] = [];
    let error: string | null = null;
    for (;;) {
      let value: string;
      if (source.charCodeAt(pos) === QUOTE) {
        value = '';
        let from = pos + 1;
        for (;;) {
          const close = source.indexOf('"', from);
          if (close === -1) {
            error = 'a quoted field is never closed';
            line += countLineFeeds(source, from, n);
            pos = n;
            break;
          }
          line += countLineFeeds(source, from, close);
          value += source.slice(from, close);
          if (source.charCodeAt(close + 1) === QUOTE) {
            value += '"';
            from = close + 2;
            continue;
          }
          pos = close + 1;
          break;
        }
        const next = source.charCodeAt(pos);
        if (error === null && pos < n && next !== delimiter && next !== LF && next !== CR) {
          error = `unexpected text after the closing quote of field ${values.length + 1}`;
          const end = source.indexOf('\n', pos);
          pos = end === -1 ? n : end;
        }
        if (error !== null) break;
      } else {
        let end = pos;
        while (end < n) {
          const c = source.charCodeAt(end);
          if (c === delimiter || c === LF || c === CR) break;
          end += 1;
        }
        value = source.slice(pos, end);
        pos = end;
      }
      values.push(value);
      if (pos < n && source.charCodeAt(pos) === delimiter) {
        pos += 1;
        continue;
      }
      break;
    }
    pos = skipLineEnd(source, pos);
    line += 1;
    if (error !== null) {
      reject(startLine, error);
      continue;
    }
    if (values.length === 1 && values[0] === '') continue;
    if (header === null) {
      header = values.map((h) => h.trim());
      continue;
    }
    if (values.length !== header.length)
      reject(startLine, `has ${values.length} fields; the header has ${header.length}`);
    else rows.push({ line: startLine, values });
  }
  if (header === null)
    throw new WorkledgerError('VALIDATION', `${options.file ?? 'CSV'}: no header row`, 'file');
  return { header, rows, rejected };
}

function skipLineEnd(text: string, pos: number): number {
  const c = text.charCodeAt(pos);
  if (c === CR) return text.charCodeAt(pos + 1) === LF ? pos + 2 : pos + 1;
  if (c === LF) return pos + 1;
  return pos;
}

function countLineFeeds(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) count += 1;
  return count;
}

/** Index of each header name, lower-cased and trimmed; the first column of a repeated name wins. */
export function columnIndex(header: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    const key = name.trim().toLowerCase();
    if (!index.has(key)) index.set(key, i);
  });
  return index;
}
