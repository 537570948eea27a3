/** What core may ask of the outside world; the server, the CLI and tests each provide their own. */
export interface FileSystem {
  /** Files (absolute paths) matching a glob pattern relative to `cwd`. */
  glob(pattern: string, cwd: string): string[];
  exists(path: string): boolean;
  /** A file's text, or undefined when it cannot be read. */
  readFile(path: string): string | undefined;
}

export interface Environment {
  fs?: FileSystem;
}
