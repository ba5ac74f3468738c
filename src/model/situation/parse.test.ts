import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadInstrumentSync } from '../../catalog/instruments.ts';
import { BUILTIN_RULES_FILE, loadAdvisorRules, loadExamples } from '../../catalog/situations.ts';
import { InvalidInputError } from '../errors/index.ts';
import { parseProfileForAdvice, parseSituation } from './input.ts';
import { parseAdvisorRules, parseExamples } from './parse.ts';

const scales = loadInstrumentSync('lead-manage').scales;
const rules = loadAdvisorRules();
const examples = loadExamples(rules).examples;
const builtinText = readFileSync(BUILTIN_RULES_FILE, 'utf8');

/** The problems of a failing call, as `line:column: message` (file name dropped). */
function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    return error
      .describe()
      .split('\n')
      .map((line) => line.replace(/^[^:]*rules\.yaml:|^[^:]*examples\.yaml:/, ''));
  }
  throw new Error('expected an InvalidInputError');
}

const MINI_RULES = `id: mini
version: 1.0.0
scale: {min: 0, max: 2}
intensity: [0, 0.5, 1]
saturation: 1
thresholds: {strong: 0.5, lean: 0.2, both: 0.5, steady: 0.3}
factors:
  - id: rush
    name: Rush
    question: How rushed?
    labels: [No, Some, Very]
    why: Deadlines call for managing.
    weights: {focus: -1, direction: 0, horizon: -1}
behaviours:
${['people', 'change', 'vision', 'tasks', 'stability', 'operations']
  .flatMap((s) => [
    `  - {id: ${s}-s, scale: ${s}, use: situation, text: Do ${s}.}`,
    `  - {id: ${s}-x, scale: ${s}, use: stretch, text: Try ${s}.}`,
  ])
  .join('\n')}
  - {id: st1, scale: learning, use: steady, text: Learn.}
  - {id: st2, scale: vision, use: steady, text: Picture.}
  - {id: st3, scale: people, use: steady, text: Talk.}
overuse: {people: a, change: b, vision: c, tasks: d, stability: e, operations: f}
`;

describe('parseAdvisorRules', () => {
  it('accepts the built-in rules: every factor weighted on every contrast, labels for every point', () => {
    expect(rules.factors.length).toBeGreaterThanOrEqual(10);
    for (const f of rules.factors) {
      expect(f.labels).toHaveLength(rules.scale.max - rules.scale.min + 1);
      expect(Object.keys(f.weights).sort()).toEqual(['direction', 'focus', 'horizon']);
    }
    expect(parseAdvisorRules(MINI_RULES, 'mini-rules.yaml', scales).factors[0]!.weights.focus).toBe(-1);
  });

  it('reports each problem with line:column', () => {
    const broken = MINI_RULES.replace('intensity: [0, 0.5, 1]', 'intensity: [0, 0.7, 0.4]')
      .replace('labels: [No, Some, Very]', 'labels: [No, Some]')
      .replace('weights: {focus: -1, direction: 0, horizon: -1}', 'weights: {focus: -3, direction: 0}')
      .replace('{id: tasks-s, scale: tasks,', '{id: tasks-s, scale: taks,')
      .replace('{id: st1, scale: learning, use: steady', '{id: st1, scale: learning, use: always');
    expect(problems(() => parseAdvisorRules(broken, 'rules.yaml', scales))).toEqual([
      '4:21: intensity must not decrease: 0.4 comes after 0.7 (a higher rating never counts less)',
      '11:13: labels must have one entry per rating point: 3 (from 0 to 2), got 2',
      '13:14: missing field "horizon" (a number from -1 to 1)',
      '13:22: "focus" must be a number from -1 to 1, got number -3',
      '21:26: unknown scale "taks"; allowed: people, change, vision, tasks, stability, operations, emotional-intelligence, communication, adaptability, learning',
      '27:37: "use" is string "always"; allowed: situation, stretch, steady',
    ]);
  });

  it('rejects unknown fields, unknown factor links, duplicates and foundation situation behaviours', () => {
    const broken = MINI_RULES.replace('saturation: 1', 'saturation: 1\nweigths: {}')
      .replace(
        '{id: people-s, scale: people, use: situation, text: Do people.}',
        '{id: people-s, scale: people, use: situation, text: Do people., factors: [rush, hurry]}',
      )
      .replace('{id: change-x,', '{id: change-s,')
      .replace('{id: st3, scale: people, use: steady', '{id: st3, scale: communication, use: situation');
    const found = problems(() => parseAdvisorRules(broken, 'rules.yaml', scales));
    expect(found).toContain(
      '6:1: unknown field "weigths"; allowed: id, version, scale, intensity, saturation, thresholds, factors, behaviours, overuse',
    );
    expect(found).toContain('16:85: unknown factor "hurry"; allowed: rush');
    expect(
      found.some((p) =>
        /^19:10: duplicate behaviour id "change-s" \(first defined at line 18, column 10\)$/.test(p),
      ),
    ).toBe(true);
    expect(found.some((p) => p.startsWith('30:22: a situation behaviour needs a lead or manage scale'))).toBe(
      true,
    );
  });

  it('requires enough behaviours to always offer three, and an overuse warning per lead/manage scale', () => {
    const thin = MINI_RULES.replace(/ {2}- \{id: vision-x.*\n/, '').replace(', operations: f}', '}');
    const found = problems(() => parseAdvisorRules(thin, 'rules.yaml', scales));
    expect(found.some((p) => p.endsWith('missing field "operations" (how operations is overused)'))).toBe(
      true,
    );
    const noOveruseGap = thin.replace('stability: e}', 'stability: e, operations: f}');
    expect(problems(() => parseAdvisorRules(noOveruseGap, 'rules.yaml', scales))).toEqual([
      '15:3: no stretch behaviour for scale "vision"; every lead and manage scale needs at least one',
    ]);
  });

  it('reports YAML syntax errors with their place', () => {
    const found = problems(() => parseAdvisorRules('id: x\nfactors: [a, b\n', 'rules.yaml', scales));
    expect(found[0]).toMatch(/^\d+:\d+: syntax error/);
  });

  it('the shipped file is valid as text too (the same parser the command uses)', () => {
    expect(parseAdvisorRules(builtinText, 'advisor-rules.v1.yaml', scales)).toEqual(rules);
  });
});

describe('parseExamples', () => {
  it('checks factor ids and ratings against the rules', () => {
    const text =
      'version: 1.0.0\nexamples:\n  - id: x\n    title: X\n    description: An x.\n    factors: {deadline: 5, hurry: 1}\n';
    expect(problems(() => parseExamples(text, 'examples.yaml', rules))).toEqual([
      '6:25: "deadline" must be a whole number from 0 to 4, got number 5',
      `6:28: unknown factor "hurry"; allowed: ${rules.factors.map((f) => f.id).join(', ')}`,
    ]);
  });

  it('ships the named examples the issue asks for', () => {
    expect(examples.map((e) => e.id)).toEqual(
      expect.arrayContaining([
        'reorganization',
        'product-launch',
        'new-team',
        'crisis',
        'steady-quarter',
        'failed-audit',
      ]),
    );
  });
});

describe('parseSituation', () => {
  it('rates unnamed factors at the minimum and lets factors override an example', () => {
    const s = parseSituation(
      { example: 'product-launch', factors: { deadline: 2, uncertainty: 3 } },
      rules,
      examples,
    );
    expect(s.example).toBe('product-launch');
    expect(s.ratings).toMatchObject({ deadline: 2, complexity: 4, uncertainty: 3, change: 0 });
    expect(Object.keys(s.ratings)).toHaveLength(rules.factors.length);
  });

  it('names the JSON path of every problem', () => {
    const describe_ = (value: unknown) => problems(() => parseSituation(value, rules, examples));
    expect(describe_({ factors: { deadline: 2.5, hurry: 1, complexity: '3' }, extra: 1 })).toEqual([
      '$.extra: unknown field; allowed: example, factors',
      '$.factors.deadline: must be a whole number from 0 to 4, got number 2.5',
      `$.factors.hurry: unknown factor; known: ${rules.factors.map((f) => f.id).join(', ')}`,
      '$.factors.complexity: must be a whole number from 0 to 4, got string "3"',
    ]);
    expect(describe_({ example: 'nope' })[0]).toMatch(
      /^\$\.example: unknown example "nope"; known: reorganization, /,
    );
    expect(describe_({})).toEqual([
      '$: give "factors" (factor id → rating), "example" (a named example), or both',
    ]);
    expect(describe_([1])).toEqual([
      '$: a situation must be an object such as { "factors": { "deadline": 3 } }, got a list',
    ]);
  });
});

describe('parseProfileForAdvice', () => {
  const contrast = {
    id: 'focus',
    lead: { scale: 'people', score: 70 },
    manage: { scale: 'tasks', score: 50 },
    difference: 20,
    se: 6,
  };
  it('computes a missing tilt from the difference and its SE (the 95% rule)', () => {
    expect(parseProfileForAdvice({ contrasts: [contrast] }).contrasts[0]!.tilt).toBe('lead');
    expect(parseProfileForAdvice({ contrasts: [{ ...contrast, difference: 10 }] }).contrasts[0]!.tilt).toBe(
      'even',
    );
  });

  it('names the JSON path of bad fields, inside the download wrapper too', () => {
    const bad = {
      profile: { contrasts: [{ ...contrast, tilt: 'sideways', lead: { scale: 'people', score: 'high' } }] },
    };
    expect(problems(() => parseProfileForAdvice(bad))).toEqual([
      '$.profile.contrasts[0].lead.score: score must be a number or null, got string "high"',
      '$.profile.contrasts[0].tilt: must be one of lead, manage, even or null, got string "sideways"',
    ]);
    expect(problems(() => parseProfileForAdvice({ scales: [] }))).toEqual([
      '$.contrasts: must be a list of the three contrasts, got nothing',
    ]);
  });
});
