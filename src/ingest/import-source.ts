import { WorkledgerError } from '../domain/errors.js';
import type { ItemDraft } from '../domain/item-input.js';
import type { ConvertedImport } from './importers/servicenow-rows.js';

/**
 * The source an import files its items under. Items are keyed by (source, external id), so two ServiceNow
 * instances imported under the one source `servicenow` would overwrite each other's INC0010001: a second
 * instance (or a second export of another system of the same kind) takes its own, like `servicenow:acme`.
 */
export function parseImportSource(text: string): string {
  const source = text.trim();
  if (!/^[a-z0-9][a-z0-9._:-]{0,99}$/i.test(source))
    throw new WorkledgerError(
      'VALIDATION',
      `--source: letters, digits and . _ : - only, at most 100, like servicenow:acme (got '${text.slice(0, 40)}')`,
      'source',
    );
  return source;
}

/**
 * The default source of a pull from an instance: the kind and the instance's first host label
 * (`https://acme.service-now.com` → `servicenow:acme`); an IP address or a one-label host keeps all of
 * it and the port (`http://127.0.0.1:4321` → `servicenow:127.0.0.1-4321`).
 */
export function instanceSource(kind: string, instance: string): string {
  const url = new URL(instance);
  const host = url.hostname;
  const whole = /^[\d.]+$/.test(host) || host.startsWith('[') || !host.includes('.');
  const name = whole ? host + (url.port ? `-${url.port}` : '') : (host.split('.')[0] ?? host);
  return parseImportSource(`${kind}:${name.replace(/[^a-z0-9._-]/gi, '-')}`);
}

/**
 * The converted records under another source: each item's own source, and its links that point at items
 * of that same source (a parent incident, a follow-up), so the import's links keep pointing inside it.
 */
export function withSource(converted: ConvertedImport, to: string): ConvertedImport {
  return {
    ...converted,
    records: converted.records.map((r) => {
      const from = r.item.source;
      const item: ItemDraft = { ...r.item, source: to };
      if (item.links)
        item.links = item.links.map((link) => (link.source === from ? { ...link, source: to } : link));
      return { ...r, item };
    }),
  };
}
