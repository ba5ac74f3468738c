import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from './password.ts';

describe('password hashing (scrypt)', () => {
  it('stores a self-describing string with a random salt and verifies it', async () => {
    const a = await hashPassword('correct horse battery staple');
    const b = await hashPassword('correct horse battery staple');
    expect(a).toMatch(/^scrypt\$N=32768,r=8,p=1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery staple', a)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', a)).toBe(false);
    expect(needsRehash(a)).toBe(false);
  });

  it('matches an independent scrypt computation (RFC 7914 §12 test vector through our format)', async () => {
    // RFC 7914: scrypt("password", "NaCl", N=1024, r=8, p=16, dkLen=64) starts fdbabe1c9d347200
    const { scryptSync } = await import('node:crypto');
    const key = scryptSync('password', 'NaCl', 64, { N: 1024, r: 8, p: 16 });
    expect(key.subarray(0, 8).toString('hex')).toBe('fdbabe1c9d347200');
    const stored = `scrypt$N=1024,r=8,p=16$${Buffer.from('NaCl').toString('base64url')}$${key.subarray(0, 32).toString('base64url')}`;
    expect(await verifyPassword('password', stored)).toBe(true);
    expect(needsRehash(stored)).toBe(true);
  });

  it('normalises Unicode so the same password typed differently still matches', async () => {
    const stored = await hashPassword('Cr\u00e8me br\u00fbl\u00e9e pour moi');
    expect(await verifyPassword('Cre\u0300me bru\u0302le\u0301e pour moi', stored)).toBe(true);
  });

  it('never matches a malformed or tampered hash', async () => {
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$N=1073741824,r=8,p=1$AAAA$AAAA')).toBe(false);
    expect(needsRehash('md5$abc')).toBe(true);
  });

  it('spends the time of a real check on unknown accounts and always says no', async () => {
    expect(await verifyAgainstDummy('anything at all')).toBe(false);
  });
});
