/** A small argv parser: `--flag value`, `--flag=value`, boolean flags, and positionals. */
export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, string | true>;
  /** Every value of the flags that may repeat (`--var a=1 --var b=2`), in order. */
  lists?: Record<string, string[]>;
}

export function parseArgs(argv: string[], booleans: string[], repeated: string[] = []): ParsedArgs {
  const out: ParsedArgs = { positionals: [], flags: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
      if (repeated.includes(name)) {
        const value = inline ?? (i + 1 < argv.length && !argv[i + 1].startsWith('--') ? argv[++i] : undefined);
        if (value !== undefined) {
          (out.lists ??= {})[name] = [...(out.lists?.[name] ?? []), value];
        } else {
          out.flags[name] = true;
        }
      } else if (inline !== undefined) {
        out.flags[name] = inline;
      } else if (booleans.includes(name) || i + 1 >= argv.length || argv[i + 1].startsWith('--')) {
        out.flags[name] = true;
      } else {
        out.flags[name] = argv[++i];
      }
    } else {
      out.positionals.push(a);
    }
  }
  return out;
}

export class UsageError extends Error {}
