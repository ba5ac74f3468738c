import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, openTestStore, type TestStore } from '../../test/support/stores.ts';
import { InvalidInputError } from '../model/errors/index.ts';
import { AssessmentService } from './assessments.ts';

describe.each(dialects)('AssessmentService on %s', (dialect) => {
  let store: TestStore;
  let service: AssessmentService;
  beforeAll(async () => {
    store = await openTestStore(dialect);
    service = new AssessmentService(store);
  });
  afterAll(() => store?.dispose());

  it('takes the short form from start to profile, resuming by token', async () => {
    const { assessment, resumeToken } = await service.start({ form: 'short', source: 'web' });
    expect(resumeToken).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits, base64url
    const resumed = await service.resume(resumeToken);
    expect(resumed.assessment.id).toBe(assessment.id);
    const shortItems = resumed.instrument.items.filter((i) => i.short);
    expect(shortItems).toHaveLength(30);

    // Lead items at the top of the scale, manage items at the bottom (reverse items mirrored).
    for (const item of shortItems) {
      const pole = resumed.instrument.scales.find((s) => s.id === item.scale)!.pole;
      const wanted = pole === 'lead' ? 5 : pole === 'manage' ? 1 : 3;
      await service.answer(assessment.id, item.id, item.reverse ? 6 - wanted : wanted);
    }
    const { profile } = await service.finish(assessment.id);
    expect(profile.lead).toBe(100);
    expect(profile.manage).toBe(0);
    expect(profile.quadrant?.id).toBe('lead-strong');
    expect((await service.get(assessment.id)).assessment.status).toBe('completed');
  });

  it('rejects unknown items, values off the scale and items outside the form, storing nothing', async () => {
    const { assessment, instrument } = await service.start({ form: 'short', source: 'web' });
    const longOnly = instrument.items.find((i) => !i.short)!;
    await expect(service.answer(assessment.id, 'NOPE', 3)).rejects.toThrow(/unknown item "NOPE"/);
    await expect(service.answer(assessment.id, longOnly.id, 3)).rejects.toThrow(InvalidInputError);
    await expect(service.answer(assessment.id, 'PE2', 7)).rejects.toThrow(/value must be from 1 to 5, got 7/);
    expect((await service.get(assessment.id)).answers).toEqual({});
  });

  it('will not finish while a scale has fewer than two thirds answered', async () => {
    const { assessment } = await service.start({ form: 'short', source: 'web' });
    await service.answer(assessment.id, 'PE2', 4);
    await expect(service.finish(assessment.id)).rejects.toThrow(
      /People: 1 of 3 answered; at least 2 are needed/,
    );
  });
});
