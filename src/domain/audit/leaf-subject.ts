/**
 * The tables whose current rows `audit verify` recomputes, each named by the family word its leaf
 * subjects start with: `item:itm_…`, `cost:cst_…`, `deployment:helpdesk-bot:it-helpdesk`.
 */
export const ROW_FAMILIES = [
  'tenant',
  'api_key',
  'user',
  'workflow',
  'agent',
  'model_price',
  'rate_card',
  'deployment',
  'baseline',
  'webhook_secret',
  'report_deliveries',
  'import_watermark',
  'checkpoint_webhook',
  'item',
  'cost',
] as const;
export type RowFamily = (typeof ROW_FAMILIES)[number];

/** A leaf subject taken apart: which family, and the row's key parts (after tenant_id). */
export interface ParsedSubject {
  family: RowFamily;
  key: string[];
}

// Key parts may hold ':' (resource ids do), so each part escapes '%' and ':' like a URL does; the
// subject then splits back into exactly the parts it was made of.
function encodePart(part: string): string {
  return part.replaceAll('%', '%25').replaceAll(':', '%3A');
}

function decodePart(part: string): string {
  return part.replaceAll('%3A', ':').replaceAll('%25', '%');
}

/** The subject of the leaf that commits one row of `family` with these key parts. */
export function leafSubject(family: RowFamily, ...key: readonly string[]): string {
  return [family, ...key.map(encodePart)].join(':');
}

/** The family and key of a typed leaf subject, or null for a subject that names no audited row. */
export function parseLeafSubject(subject: string): ParsedSubject | null {
  const [family, ...parts] = subject.split(':');
  const known = ROW_FAMILIES.find((f) => f === family);
  if (known === undefined || parts.length === 0) return null;
  return { family: known, key: parts.map(decodePart) };
}
