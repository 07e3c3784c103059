/** Command-line options of a benchmark program: `--quick` and `--name=value`. */

/** True when `--name` was given (e.g. `--quick`: smaller sizes, for development). */
export function flag(name: string): boolean {
  return process.argv.slice(2).includes(`--${name}`);
}

/** The number given as `--name=value`, else `fallback`. */
export function numberOption(name: string, fallback: number): number {
  const prefix = `--${name}=`;
  const arg = process.argv.slice(2).find((a) => a.startsWith(prefix));
  if (!arg) return fallback;
  const value = Number(arg.slice(prefix.length));
  if (!Number.isFinite(value)) throw new Error(`--${name} needs a number, got ${arg}`);
  return value;
}
