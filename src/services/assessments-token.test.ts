import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, openTestStore, type TestStore } from '../../test/support/stores.ts';
import { InvalidInputError, NotFoundError } from '../model/errors/index.ts';
import { AssessmentService } from './assessments.ts';

describe.each(dialects)('AssessmentService by resume token on %s', (dialect) => {
  let store: TestStore;
  let service: AssessmentService;
  beforeAll(async () => {
    store = await openTestStore(dialect);
    service = new AssessmentService(store);
  });
  afterAll(() => store?.dispose());

  it('answers, replaces, clears and finishes through the token only', async () => {
    const { resumeToken, instrument } = await service.start({ form: 'short', source: 'web' });
    await service.answerByToken(resumeToken, 'PE2', 2);
    await service.answerByToken(resumeToken, 'PE2', 4);
    await service.answerByToken(resumeToken, 'CH2', 5);
    await service.answerByToken(resumeToken, 'CH2', null);
    expect((await service.resume(resumeToken)).answers).toEqual({ PE2: 4 });

    for (const item of instrument.items.filter((i) => i.short)) {
      await service.answerByToken(resumeToken, item.id, 3);
    }
    const { profile, assessment } = await service.finishByToken(resumeToken);
    expect(assessment.status).toBe('completed');
    // Every answer 3 → mean 3 on each scale (reverse items map 3 to 3) → 50 on the 0–100 metric.
    expect(profile.lead).toBe(50);
    expect(profile.manage).toBe(50);
    await expect(service.answerByToken(resumeToken, 'PE2', 4)).rejects.toThrow(/finished/);
  });

  it('never adds an answer after another server finished the assessment', async () => {
    const other = new AssessmentService(store); // a second app server over the same database
    const { resumeToken, instrument } = await service.start({ form: 'short', source: 'web' });
    for (const item of instrument.items.filter((i) => i.short)) {
      await service.answerByToken(resumeToken, item.id, 4); // this server now knows the token
    }
    await other.finishByToken(resumeToken);
    await expect(service.answerByToken(resumeToken, 'PE2', 1)).rejects.toThrow(/finished/);
    expect((await service.resume(resumeToken)).answers.PE2).toBe(4);
  });

  it('rejects unknown tokens, unknown items and bad values without storing anything', async () => {
    const { resumeToken } = await service.start({ form: 'full', source: 'web' });
    await expect(service.answerByToken('x'.repeat(43), 'PE1', 3)).rejects.toThrow(NotFoundError);
    await expect(service.answerByToken(resumeToken, 'ZZ9', 3)).rejects.toThrow(InvalidInputError);
    await expect(service.answerByToken(resumeToken, 'PE1', 0)).rejects.toThrow(/value must be from 1 to 5/);
    await expect(service.answerByToken(resumeToken, 'PE1', 2.5)).rejects.toThrow(/whole number/);
    expect((await service.resume(resumeToken)).answers).toEqual({});
  });
});
