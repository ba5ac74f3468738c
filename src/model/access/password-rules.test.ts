import { describe, expect, it } from 'vitest';
import { commonPasswords } from '../../catalog/common-passwords.ts';
import { checkPassword } from './password-rules.ts';

const common = commonPasswords();
const codes = (password: string, context = {}) =>
  checkPassword(password, { ...context, common }).map((p) => p.code);

describe('checkPassword', () => {
  it('ships a list of several thousand common passwords in lower case', () => {
    const list = commonPasswords();
    expect(list.size).toBeGreaterThan(3000);
    expect(list.has('password123456')).toBe(true);
    expect(list.has('qwertyuiop123')).toBe(true);
    expect([...list].every((p) => p === p.toLowerCase())).toBe(true);
  });

  it('needs at least 12 characters, counted as code points', () => {
    expect(codes('short')).toEqual(['password_too_short']);
    expect(codes('eleven-char')).toEqual(['password_too_short']);
    expect(codes('🦊🦊🦊🦊🦊🦊🦊🦊🦊🦊🦊')).toEqual(['password_too_short']); // 11 foxes, 22 UTF-16 units
    expect(codes('x'.repeat(1025))).toEqual(['password_too_long']);
  });

  it('refuses common passwords, whatever the case, and common words dressed up', () => {
    for (const p of [
      'Password123456',
      'QWERTYUIOP123',
      '123456789012',
      'aaaaaaaaaaaa',
      'P@ssw0rd2024!!',
      '!!Sunshine2019!!',
      'Leadership!!!!!',
      'ababababababab',
    ]) {
      expect(codes(p), p).toEqual(['password_common']);
    }
  });

  it('refuses a password built from the person’s own e-mail or name', () => {
    expect(codes('jane.doe.example!', { email: 'jane.doe.example@corp.test' })).toEqual([
      'password_personal',
    ]);
    expect(codes('Margaret Thatcher1', { name: 'Margaret Thatcher' })).toEqual(['password_personal']);
  });

  it('accepts long unrelated words and random strings', () => {
    expect(codes('correct horse battery staple')).toEqual([]);
    expect(codes('vN3#qLp9!zT2')).toEqual([]);
    expect(codes('margaret likes tea with lemon', { name: 'Margaret' })).toEqual([]);
  });

  it('locates the problem at the password field', () => {
    expect(checkPassword('short', { common })[0]?.location).toEqual({ kind: 'json', path: 'password' });
  });
});
