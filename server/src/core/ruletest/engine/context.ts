/** What every evaluation step needs: the storage, the query's start and end (for `@ start()` / `@ end()`), limits. */
import type { Expr } from '../../promql/ast';
import type { Storage } from '../storage';
import type { Value } from './types';

export interface EvalContext {
  storage: Storage;
  /** Query start and end in milliseconds (equal for an instant query). */
  start: number;
  end: number;
  lookbackMs: number;
  subqueryStepMs: number;
  checkpoint: () => void;
  /** The dispatcher, passed down so the per-concern modules need not import it (no import cycles). */
  evaluate: (e: Expr, ts: number) => Value;
}
