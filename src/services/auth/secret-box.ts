import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Seals small secrets (TOTP seeds) with AES-256-GCM before they reach the database, so a copy of
 * the database alone does not reveal them. Format: `v1.<iv>.<tag>.<ciphertext>` (base64url).
 */
export class SecretBox {
  private loaded: Buffer | undefined;

  /** A 32-byte key, or a function that gives it when first needed (so the key file is only made when used). */
  constructor(private readonly source: Buffer | (() => Buffer)) {}

  private get key(): Buffer {
    this.loaded ??= typeof this.source === 'function' ? this.source() : this.source;
    if (this.loaded.length !== 32) throw new Error('the secret key must be 32 bytes');
    return this.loaded;
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), data]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  open(sealed: string): string {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('not a sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }
}

/**
 * The server's secret key: `FULCRUM_SECRET_KEY` (any string of at least 32 characters; every app
 * server of a deployment needs the same one), else a random key kept in `<DATA_DIR>/secret.key`
 * (created on first use, readable only by its owner) — enough for a single embedded server.
 */
export function loadSecretKey(env: NodeJS.ProcessEnv = process.env): Buffer {
  const configured = env.FULCRUM_SECRET_KEY;
  if (configured) {
    if (configured.length < 32) throw new Error('FULCRUM_SECRET_KEY must be at least 32 characters');
    return createHash('sha256').update(`fulcrum-secret-box:${configured}`).digest();
  }
  const dir = env.DATA_DIR || 'data';
  const file = join(dir, 'secret.key');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  }
  return createHash('sha256')
    .update(`fulcrum-secret-box:${readFileSync(file, 'utf8').trim()}`)
    .digest();
}
