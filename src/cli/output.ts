/** Prints exactly one JSON document on stdout (the `--json` contract). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Progress, warnings and logs go to stderr so stdout stays parseable. */
export function log(message: string): void {
  process.stderr.write(`${message}\n`);
}
