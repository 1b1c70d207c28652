/**
 * A read's answer already serialised: a reader thread encodes its text as it is, instead of
 * serialising the value again (a KPI answer assembled from kept JSON, src/services/kpis/get-kpis.ts).
 */
export class JsonText {
  constructor(readonly text: string) {}
}

/** A read's answer as JSON: its text when already serialised, else serialised now. */
export function jsonOf(value: unknown): string {
  return value instanceof JsonText ? value.text : JSON.stringify(value);
}
