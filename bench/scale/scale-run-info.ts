/** What RESULTS.md says of a run besides its figures: when, how it was started, on what. */
export interface ScaleRunInfo {
  date: Date;
  items: number;
  seconds: number;
  command: string;
  /** The commit measured, and whether the tree had uncommitted changes. */
  tree: string;
  machine: string;
  /** Method lines that depend on the options (load mode, repetitions). */
  method: string[];
  /** Engines that could not be measured, with why. */
  skipped: string[];
  overviewReps: number;
}

/** 100k, 1M, 10M: the name of a run's size, and of its section in RESULTS.md. */
export function sizeLabel(items: number): string {
  if (items >= 1_000_000 && items % 100_000 === 0) return `${items / 1_000_000}M`;
  if (items >= 1_000 && items % 1_000 === 0) return `${items / 1_000}k`;
  return String(items);
}
