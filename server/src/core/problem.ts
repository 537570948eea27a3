/** A finding in a document, positioned by offsets; the facade turns it into an LSP diagnostic. */
export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface Problem {
  offset: number;
  length: number;
  severity: Severity;
  /** `area/rule-name`, e.g. `schema/unknown-key`, `prometheus/duplicate-job-name`. */
  code: string;
  message: string;
  /** A quick fix: replace the problem's range (or `fixRange`) with this text. */
  fix?: { title: string; replacement: string; offset?: number; length?: number };
}
