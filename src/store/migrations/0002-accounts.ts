import type { Kysely } from 'kysely';
import type { ColumnTypes } from './column-types.ts';

/**
 * Accounts: organisations, people and their roles, sessions, single-use tokens, shared rate-limit
 * buckets, the mail outbox and the audit log. Every tenant-owned row carries `organization_id`.
 * Assessments gain an owner (organisation + person) so an anonymous one can be claimed later.
 */
export function up(t: ColumnTypes) {
  return async (db: Kysely<unknown>) => {
    await db.schema
      .createTable('organizations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('settings', t.json, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('email', 'text', (c) => c.notNull())
      // lower-cased, trimmed, NFC: the key that makes e-mail addresses unique case-insensitively
      .addColumn('email_key', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text')
      // AES-256-GCM sealed; never returned by a repository read
      .addColumn('totp_secret', 'text')
      .addColumn('totp_enabled', t.bool, (c) => c.notNull())
      // the last accepted 30-second step: a code is never accepted twice
      .addColumn('totp_last_step', 'bigint')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('memberships')
      .addColumn('organization_id', 'text', (c) =>
        c.notNull().references('organizations.id').onDelete('cascade'),
      )
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('memberships_pk', ['organization_id', 'user_id'])
      .execute();
    await db.schema.createIndex('memberships_user').on('memberships').column('user_id').execute();

    await db.schema
      .createTable('coach_assignments')
      .addColumn('organization_id', 'text', (c) =>
        c.notNull().references('organizations.id').onDelete('cascade'),
      )
      .addColumn('coach_user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('member_user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('coach_assignments_pk', ['organization_id', 'coach_user_id', 'member_user_id'])
      .execute();
    await db.schema
      .createIndex('coach_assignments_member')
      .on('coach_assignments')
      .columns(['organization_id', 'member_user_id'])
      .execute();

    await db.schema
      .createTable('sessions')
      // SHA-256 of the session id; the id itself lives only in the visitor's cookie
      .addColumn('id_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('organization_id', 'text', (c) => c.references('organizations.id').onDelete('cascade'))
      // `active`; `totp` while the second factor is owed; `enrol` while one must be set up
      .addColumn('stage', 'text', (c) => c.notNull())
      .addColumn('csrf_secret', 'text', (c) => c.notNull())
      .addColumn('ip', 'text')
      .addColumn('user_agent', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('last_seen_at', t.timestamp, (c) => c.notNull())
      .addColumn('expires_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

    await db.schema
      .createTable('auth_tokens')
      // SHA-256 of the token; the token itself is only ever in the e-mail
      .addColumn('hash', 'text', (c) => c.primaryKey())
      // `invitation` or `password_reset`
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('organization_id', 'text', (c) => c.references('organizations.id').onDelete('cascade'))
      .addColumn('email_key', 'text', (c) => c.notNull())
      .addColumn('role', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('expires_at', t.timestamp, (c) => c.notNull())
      .addColumn('used_at', t.timestamp)
      .execute();
    await db.schema
      .createIndex('auth_tokens_org_email')
      .on('auth_tokens')
      .columns(['organization_id', 'email_key'])
      .execute();

    await db.schema
      .createTable('rate_limit_buckets')
      .addColumn('key', 'text', (c) => c.notNull())
      // start of the fixed window (ISO timestamp text on both dialects: it is part of the key)
      .addColumn('window_start', 'text', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addColumn('last_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('rate_limit_buckets_pk', ['key', 'window_start'])
      .execute();

    await db.schema
      .createTable('mail_outbox')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organization_id', 'text', (c) => c.references('organizations.id').onDelete('cascade'))
      .addColumn('recipient', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('html', 'text')
      // carries a credential that grants more than membership (only the owner may read it)
      .addColumn('restricted', t.bool, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('sent_at', t.timestamp)
      .execute();
    await db.schema
      .createIndex('mail_outbox_org')
      .on('mail_outbox')
      .columns(['organization_id', 'created_at'])
      .execute();

    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organization_id', 'text', (c) => c.references('organizations.id').onDelete('cascade'))
      .addColumn('actor_user_id', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('target', 'text')
      .addColumn('ip', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('audit_log_org')
      .on('audit_log')
      .columns(['organization_id', 'created_at'])
      .execute();

    await db.schema.alterTable('assessments').addColumn('organization_id', 'text').execute();
    await db.schema.alterTable('assessments').addColumn('user_id', 'text').execute();
    await db.schema
      .createIndex('assessments_owner')
      .on('assessments')
      .columns(['organization_id', 'user_id'])
      .execute();
  };
}

export async function down(db: Kysely<unknown>) {
  await db.schema.dropIndex('assessments_owner').execute();
  await db.schema.alterTable('assessments').dropColumn('user_id').execute();
  await db.schema.alterTable('assessments').dropColumn('organization_id').execute();
  for (const table of [
    'audit_log',
    'mail_outbox',
    'rate_limit_buckets',
    'auth_tokens',
    'sessions',
    'coach_assignments',
    'memberships',
    'users',
    'organizations',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
