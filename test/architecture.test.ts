import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layout is the architecture: pure domain and numeric code (`src/model`, `src/psychometrics`)
 * does no I/O and knows nothing of storage, services, HTTP, the command line or the web app.
 * Dependencies point inward; this test fails when one points outward.
 */
const root = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

function imports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]!);
}

const OUTER = ['store', 'services', 'server', 'cli', 'web', 'catalog', 'reports'];

describe.each(['src/model', 'src/psychometrics'])('%s is pure', (dir) => {
  const files = sourceFiles(dir);

  it('has modules to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files)('%s imports no Node I/O module and no outer layer', (file) => {
    const offending = imports(file).filter(
      (spec) =>
        spec.startsWith('node:') ||
        ['fs', 'path', 'net', 'http', 'child_process'].includes(spec) ||
        OUTER.some((layer) => new RegExp(`(^|/)src/${layer}/|^(\\.\\./)+${layer}/`).test(spec)),
    );
    expect(offending).toEqual([]);
  });
});
