import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectLabel, dialects, openTestStore, type TestStore } from '../../../test/support/stores.ts';
import { loadInstrumentFile } from '../../catalog/instruments.ts';
import { buildProfile } from '../../model/profile/build-profile.ts';
import { AssessmentRepository } from './assessments.ts';
import { InstrumentRepository } from './instruments.ts';

const mini = loadInstrumentFile(fileURLToPath(new URL('../../../test/fixtures/mini.yaml', import.meta.url)));

describe.each(dialects)('assessments on %s', (dialect) => {
  let store: TestStore;
  let instruments: InstrumentRepository;
  let assessments: AssessmentRepository;

  beforeAll(async () => {
    store = await openTestStore(dialect);
    instruments = new InstrumentRepository(store);
    assessments = new AssessmentRepository(store);
    await instruments.ensure(mini);
  });
  afterAll(() => store?.dispose());

  it(`runs on ${dialectLabel(dialect)}`, () => expect(store.dialect).toBe(dialect));

  it('stores an instrument version once and refuses a changed definition under the same version', async () => {
    await instruments.ensure(mini);
    expect(await instruments.get('mini', '1.0.0')).toEqual(mini);
    await expect(instruments.ensure({ ...mini, title: 'Changed' })).rejects.toThrow(/new version/);
  });

  it('saves, replaces and removes answers, then completes with a profile', async () => {
    const assessment = await assessments.create({
      instrument: mini,
      form: 'full',
      source: 'web',
      resumeTokenHash: `h-${dialect}`,
    });
    expect(assessment.status).toBe('in_progress');
    expect(assessment.completedAt).toBeNull();
    await assessments.saveAnswer(assessment.id, 'P1', 4);
    await assessments.saveAnswer(assessment.id, 'P1', 5);
    await assessments.saveAnswer(assessment.id, 'P2', 2);
    await assessments.saveAnswer(assessment.id, 'P3', 3);
    await assessments.removeAnswer(assessment.id, 'P3');
    const answers = await assessments.answers(assessment.id);
    expect(answers).toEqual({ P1: 5, P2: 2 });

    const profile = buildProfile(mini, answers);
    const done = await assessments.complete(assessment.id, profile);
    expect(done.status).toBe('completed');
    expect(done.profile).toEqual(JSON.parse(JSON.stringify(profile)));
    expect(new Date(done.completedAt!).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect((await assessments.findByResumeTokenHash(`h-${dialect}`))?.id).toBe(assessment.id);
  });

  it('finds the newest unfinished terminal assessment', async () => {
    const first = await assessments.create({ instrument: mini, form: 'short', source: 'cli' });
    await new Promise((r) => setTimeout(r, 5));
    const second = await assessments.create({ instrument: mini, form: 'short', source: 'cli' });
    expect((await assessments.latestInProgress('cli'))?.id).toBe(second.id);
    await assessments.complete(second.id, buildProfile(mini, {}, 'short'));
    expect((await assessments.latestInProgress('cli'))?.id).toBe(first.id);
  });

  it('deleting an assessment deletes its answers', async () => {
    const a = await assessments.create({ instrument: mini, form: 'full', source: 'web' });
    await assessments.saveAnswer(a.id, 'T1', 3);
    await assessments.delete(a.id);
    expect(await assessments.answers(a.id)).toEqual({});
    expect(await assessments.findById(a.id)).toBeUndefined();
  });

  it('rejects an answer for an assessment that does not exist, and writes nothing', async () => {
    await expect(assessments.saveAnswer('no-such-id', 'P1', 3)).rejects.toThrow();
    expect(await assessments.answers('no-such-id')).toEqual({});
  });
});
