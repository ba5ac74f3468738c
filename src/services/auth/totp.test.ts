import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, newTotpSecret, otpauthUri, totp, verifyTotp } from './totp.ts';

// RFC 6238 Appendix B: SHA-1 seed "12345678901234567890", 8 digits
const SEED = Buffer.from('12345678901234567890', 'ascii');
const RFC6238_SHA1: Array<[number, string]> = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(RFC6238_SHA1)('matches the Appendix B SHA-1 vector at T=%i', (time, expected) => {
    expect(hotp(SEED, Math.floor(time / 30), 8)).toBe(expected);
    expect(totp(base32Encode(SEED), time, 8)).toBe(expected);
  });

  it('matches the RFC 4226 Appendix D HOTP values (6 digits)', () => {
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ];
    expect(expected.map((_, counter) => hotp(SEED, counter))).toEqual(expected);
  });

  it('encodes base32 per RFC 4648 and back', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI======').toString()).toBe('foobar');
    expect(base32Encode(SEED)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(secret)).toHaveLength(20);
  });

  it('accepts the previous, current and next step and nothing further', () => {
    const secret = base32Encode(SEED);
    const t = 1111111111;
    const step = Math.floor(t / 30);
    expect(verifyTotp(secret, totp(secret, t), t)).toBe(step);
    expect(verifyTotp(secret, totp(secret, t - 30), t)).toBe(step - 1);
    expect(verifyTotp(secret, totp(secret, t + 30), t)).toBe(step + 1);
    expect(verifyTotp(secret, totp(secret, t - 60), t)).toBeNull();
    expect(verifyTotp(secret, totp(secret, t + 60), t)).toBeNull();
  });

  it('refuses a replayed code and any code of an earlier step', () => {
    const secret = base32Encode(SEED);
    const t = 1234567890;
    const code = totp(secret, t);
    const used = verifyTotp(secret, code, t);
    expect(used).not.toBeNull();
    expect(verifyTotp(secret, code, t, used)).toBeNull();
    expect(verifyTotp(secret, totp(secret, t - 30), t, used)).toBeNull();
    expect(verifyTotp(secret, totp(secret, t + 30), t, used)).toBe(used! + 1);
  });

  it('refuses malformed codes', () => {
    const secret = base32Encode(SEED);
    for (const code of ['', '12345', '1234567', 'abcdef', '12 34 5x'])
      expect(verifyTotp(secret, code, 59)).toBeNull();
  });

  it('builds an otpauth URI', () => {
    expect(otpauthUri('ABC', 'jo@x.test')).toBe(
      'otpauth://totp/Fulcrum:jo%40x.test?secret=ABC&issuer=Fulcrum&algorithm=SHA1&digits=6&period=30',
    );
  });
});
