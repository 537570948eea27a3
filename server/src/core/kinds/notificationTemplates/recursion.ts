/**
 * Definitions that call themselves, directly or through others, outside any `if`, `range` or `with`: nothing can
 * stop them, so a notification using one fails with Go's "exceeded maximum template depth" after 100,000 calls.
 */
import type { Problem } from '../../problem';
import { definitionsOf, type SetFile } from './templateSet';

export function recursionProblems(self: SetFile, set: SetFile[]): Problem[] {
  const defs = definitionsOf(set);
  const always = (name: string): string[] => {
    const at = defs.get(name);
    return (at?.file.info.calls.get(name) ?? []).filter((c) => c.always).map((c) => c.name);
  };
  const out: Problem[] = [];
  for (const def of self.info.definitions) {
    // Only the definition Go keeps runs: a shadowed one cannot loop.
    if (defs.get(def.name)?.file !== self) {
      continue;
    }
    for (const call of (self.info.calls.get(def.name) ?? []).filter((c) => c.always)) {
      const cycle = pathBack(call.name, def.name, always);
      if (cycle) {
        const through = cycle.length > 1 ? ` (through ${cycle.slice(0, -1).map((n) => `"${n}"`).join(', ')})` : '';
        out.push({
          offset: call.from,
          length: call.to - call.from,
          severity: 'warning',
          code: 'template/endless-recursion',
          message: `template "${def.name}" calls itself${through} with no condition to stop: executing it exceeds the maximum template depth`,
        });
      }
    }
  }
  return out;
}

/** The chain of unconditional calls from `from` back to `target` (ending with it), breadth first. */
function pathBack(from: string, target: string, always: (name: string) => string[]): string[] | undefined {
  const previous = new Map<string, string | undefined>([[from, undefined]]);
  const queue = [from];
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (name === target) {
      const chain: string[] = [];
      for (let n: string | undefined = name; n !== undefined; n = previous.get(n)) {
        chain.unshift(n);
      }
      return chain;
    }
    for (const next of always(name)) {
      if (!previous.has(next)) {
        previous.set(next, name);
        queue.push(next);
      }
    }
  }
  return undefined;
}
