import { describe, expect, it } from 'vitest';
import { type TokenOwner, TokenOwnerCache } from './owner-cache.ts';

function counted(owner: TokenOwner | undefined) {
  const calls = { n: 0 };
  const load = async () => {
    calls.n++;
    return owner;
  };
  return { calls, load };
}

describe('TokenOwnerCache', () => {
  it('remembers an owned assessment (ownership never moves between people)', async () => {
    const cache = new TokenOwnerCache();
    const { calls, load } = counted({ id: 'a', organizationId: 'o', userId: 'u' });
    await cache.get('h', load);
    expect(await cache.get('h', load)).toEqual({ id: 'a', organizationId: 'o', userId: 'u' });
    expect(calls.n).toBe(1);
  });

  it('keeps an anonymous one only briefly, so a claim elsewhere is seen within the TTL', async () => {
    let t = 0;
    const cache = new TokenOwnerCache({ anonymousTtlMs: 2_000, now: () => t });
    const { calls, load } = counted({ id: 'a', organizationId: null, userId: null });
    await cache.get('h', load);
    t = 1_999;
    await cache.get('h', load);
    expect(calls.n).toBe(1);
    t = 2_000;
    await cache.get('h', load);
    expect(calls.n).toBe(2);
  });

  it('never remembers a miss, and evicts the oldest entry beyond its size', async () => {
    const cache = new TokenOwnerCache({ maxEntries: 2 });
    const miss = counted(undefined);
    await cache.get('x', miss.load);
    await cache.get('x', miss.load);
    expect(miss.calls.n).toBe(2);
    const owners = ['1', '2', '3'].map((id) => counted({ id, organizationId: 'o', userId: 'u' }));
    for (const [i, o] of owners.entries()) await cache.get(`h${i}`, o.load);
    await cache.get('h0', owners[0]!.load);
    expect(owners[0]!.calls.n).toBe(2); // evicted by h2
    await cache.get('h2', owners[2]!.load);
    expect(owners[2]!.calls.n).toBe(1);
  });
});
