import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { woffToSfnt } from './woff.ts';

const woffFile = createRequire(import.meta.url).resolve(
  '@fontsource/dejavu-sans/files/dejavu-sans-latin-400-normal.woff',
);

describe('woffToSfnt', () => {
  const woff = readFileSync(woffFile);
  const ttf = woffToSfnt(woff);

  it('rebuilds the sfnt header: flavor, table count and the binary-search fields', () => {
    const numTables = woff.readUInt16BE(12);
    expect(ttf.readUInt32BE(0)).toBe(woff.readUInt32BE(4));
    expect(ttf.readUInt16BE(4)).toBe(numTables);
    const power = 2 ** Math.floor(Math.log2(numTables));
    expect(ttf.readUInt16BE(6)).toBe(power * 16);
    expect(ttf.readUInt16BE(10)).toBe(numTables * 16 - power * 16);
    // The sfnt is exactly the size the WOFF header says it wraps.
    expect(ttf.length).toBe(woff.readUInt32BE(16));
  });

  it('keeps every table at its original length, 4-byte aligned, with its checksum', () => {
    const numTables = woff.readUInt16BE(12);
    for (let i = 0; i < numTables; i++) {
      const w = 44 + i * 20;
      const t = 12 + i * 16;
      expect(ttf.readUInt32BE(t)).toBe(woff.readUInt32BE(w)); // tag
      expect(ttf.readUInt32BE(t + 4)).toBe(woff.readUInt32BE(w + 16)); // checksum
      expect(ttf.readUInt32BE(t + 8) % 4).toBe(0);
      expect(ttf.readUInt32BE(t + 12)).toBe(woff.readUInt32BE(w + 12)); // original length
    }
  });

  it('refuses a file that is not WOFF', () => {
    expect(() => woffToSfnt(ttf)).toThrow(/not a WOFF 1.0 font/);
  });
});
