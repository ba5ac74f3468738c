import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadInstrument } from '../../catalog/instruments.ts';
import { InvalidInstrumentError } from '../errors/index.ts';
import { parseInstrument } from './parse.ts';

const miniPath = fileURLToPath(new URL('../../../test/fixtures/mini.yaml', import.meta.url));
const mini = readFileSync(miniPath, 'utf8');

function problemsOf(text: string): string[] {
  try {
    parseInstrument(text, 'x.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInstrumentError);
    return (error as InvalidInstrumentError).describe().split('\n');
  }
  throw new Error('expected the instrument to be rejected');
}

describe('parseInstrument', () => {
  it('reads a valid instrument with defaults for reverse and short', () => {
    const instrument = parseInstrument(mini, 'mini.yaml');
    expect(instrument.scales).toHaveLength(7);
    expect(instrument.items).toHaveLength(21);
    expect(instrument.items[2]).toMatchObject({ id: 'P3', reverse: true, short: false });
  });

  it('accepts JSON as well as YAML', () => {
    const json = JSON.stringify(parseInstrument(mini, 'mini.yaml'));
    expect(parseInstrument(json, 'mini.json').items).toHaveLength(21);
  });

  it('names line and column of a duplicate item id and of its first definition', () => {
    const text = mini.replace('  - id: P2\n', '  - id: P1\n');
    const line = text.split('\n').findIndex((l, i, all) => l === '  - id: P1' && all.indexOf(l) !== i) + 1;
    expect(problemsOf(text)).toContain(
      `x.yaml:${line}:9: duplicate item id "P1" (first defined at line ${line - 6}, column 9)`,
    );
  });

  it('names an unknown scale and lists the allowed ones', () => {
    const problems = problemsOf(mini.replace('    scale: vision\n', '    scale: visoin\n'));
    expect(
      problems.some((p) =>
        /^x\.yaml:\d+:12: unknown scale "visoin"; allowed: people, change, vision, tasks/.test(p),
      ),
    ).toBe(true);
  });

  it('reports missing wording, missing {name}, unknown fields and wrong poles', () => {
    const text = mini
      .replace('    self: I do people thing 1.\n', '')
      .replace('"{name} does change thing 1."', '"They do change thing 1."')
      .replace('    reverse: true\n', '    reversed: true\n')
      .replace('    pole: foundation\n', '    pole: base\n');
    const problems = problemsOf(text).join('\n');
    expect(problems).toMatch(/x\.yaml:\d+:5: missing field "self"/);
    expect(problems).toMatch(
      /x\.yaml:\d+:\d+: observer wording must name the colleague with the placeholder \{name\}/,
    );
    expect(problems).toMatch(
      /x\.yaml:\d+:5: unknown field "reversed"; allowed: id, scale, reverse, self, observer, short/,
    );
    expect(problems).toMatch(/"pole" is string "base"; allowed: lead, manage, foundation/);
  });

  it('rejects a scale with too few items and a wrong number of labels', () => {
    const text = mini
      .replace(/ {2}- id: L3\n(?: {4}.*\n)+/, '')
      .replace('[Never, Rarely, Sometimes, Often, Always]', '[Never, Always]');
    const problems = problemsOf(text).join('\n');
    expect(problems).toMatch(/scale "listening" has 2 item\(s\); a scale needs at least 3/);
    expect(problems).toMatch(/x\.yaml:8:11: labels must have one entry per point: 5 \(from 1 to 5\), got 2/);
  });

  it('requires one lead and one manage scale per contrast', () => {
    const problems = problemsOf(mini.replace('    contrast: horizon\n', '    contrast: focus\n')).join('\n');
    expect(problems).toMatch(/contrast "focus" already has a lead scale \("people"\)/);
    expect(problems).toMatch(/contrast "horizon" has no lead scale/);
  });

  it('reports YAML syntax errors with their place', () => {
    expect(problemsOf('id: [unclosed\nversion: 1.0.0\n')[0]).toMatch(/^x\.yaml:\d+:\d+: syntax error/);
  });
});

describe('the built-in lead-manage instrument', () => {
  it('has ten scales, at least six items each, reverse items and a three-item short form', async () => {
    const instrument = await loadInstrument('lead-manage');
    expect(instrument.version).toBe('1.0.0');
    expect(instrument.scales.map((s) => `${s.pole}:${s.id}`)).toEqual([
      'lead:people',
      'lead:change',
      'lead:vision',
      'manage:tasks',
      'manage:stability',
      'manage:operations',
      'foundation:emotional-intelligence',
      'foundation:communication',
      'foundation:adaptability',
      'foundation:learning',
    ]);
    for (const scale of instrument.scales) {
      const items = instrument.items.filter((i) => i.scale === scale.id);
      expect(items.length, scale.id).toBeGreaterThanOrEqual(6);
      expect(
        items.some((i) => i.reverse),
        scale.id,
      ).toBe(true);
      expect(
        items.filter((i) => i.short),
        scale.id,
      ).toHaveLength(3);
      for (const item of items) {
        expect(item.self, item.id).toMatch(/\bI\b/);
        expect(item.observer, item.id).toContain('{name}');
      }
    }
  });

  it('an unknown id says which instruments exist', async () => {
    await expect(loadInstrument('nope')).rejects.toThrow(
      /instrument "nope" was not found \(built-in: lead-manage/,
    );
  });
});
