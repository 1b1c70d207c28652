/**
 * A read's answer already serialised: a reader thread encodes its text as it is, instead of
 * serialising the value again (a KPI answer assembled from kept JSON, src/services/kpis/get-kpis.ts).
 */
export class JsonText {
  constructor(readonly text: string) {}
}
