import { useCallback, useEffect, useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { useTitle } from '../../lib/useTitle.ts';
import { accountApi, type Member, messageOf, type Role, type SessionInfo } from './api.ts';
import { ErrorMessage, Field, Status } from './Field.tsx';

type Org = Awaited<ReturnType<typeof accountApi.organization>>;
type Audit = Awaited<ReturnType<typeof accountApi.audit>>['entries'];
type Mail = Awaited<ReturnType<typeof accountApi.outbox>>['mails'];

function Select(props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  options: [string, string][];
}) {
  const id = useId();
  return (
    <p className="field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </p>
  );
}

/**
 * Running the organisation (admins and the owner): people and roles, invitations, coach assignments,
 * settings (owner), the audit log and the mail outbox. Nobody's answers or profiles appear here.
 */
export function OrganizationPage() {
  useTitle('Organisation');
  const navigate = useNavigate();
  const [me, setMe] = useState<SessionInfo | null>(null);
  const [org, setOrg] = useState<Org | null>(null);
  const [members, setMembers] = useState<Member[]>([]);
  const [invitations, setInvitations] = useState<{ email: string; role: Role; expiresAt: string }[]>([]);
  const [assignments, setAssignments] = useState<{ coachUserId: string; memberUserId: string }[]>([]);
  const [audit, setAudit] = useState<Audit>([]);
  const [outbox, setOutbox] = useState<Mail>([]);
  const [inviteEmail, setInviteEmail] = useState('');
  const [inviteRole, setInviteRole] = useState<Role>('member');
  const [coach, setCoach] = useState('');
  const [client, setClient] = useState('');
  const [retention, setRetention] = useState('');
  const [require2fa, setRequire2fa] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const session = await accountApi.session();
    if (!session.signedIn) return navigate(session.stage === 'enrol' ? '/account/two-factor' : '/login');
    setMe(session);
    if (session.role !== 'admin' && session.role !== 'owner') return;
    const [o, m, i, a, l, x] = await Promise.all([
      accountApi.organization(),
      accountApi.members(),
      accountApi.invitations(),
      accountApi.assignments(),
      accountApi.audit(),
      accountApi.outbox(),
    ]);
    setOrg(o);
    setMembers(m.members);
    setInvitations(i.invitations);
    setAssignments(a.assignments);
    setAudit(l.entries);
    setOutbox(x.mails);
    setRetention(o.settings?.retentionDays ? String(o.settings.retentionDays) : '');
    setRequire2fa(o.settings?.requireTwoFactorForAdmins ?? false);
  }, [navigate]);
  useEffect(() => {
    load().catch((e) => setError(messageOf(e)));
  }, [load]);

  const run = (work: () => Promise<string>) => async (event?: React.FormEvent) => {
    event?.preventDefault();
    setError(null);
    setStatus(null);
    try {
      setStatus(await work());
      await load();
    } catch (e) {
      setError(messageOf(e));
    }
  };

  if (me && me.role !== 'admin' && me.role !== 'owner') {
    return (
      <div className="wrap narrow page">
        <h1>Organisation</h1>
        <p>Only the organisation’s admins and owner manage it.</p>
      </div>
    );
  }
  if (!org)
    return <div className="wrap narrow page">{error ? <ErrorMessage error={error} /> : <p>Loading…</p>}</div>;
  const nameOf = (id: string) => members.find((m) => m.userId === id)?.name ?? id;
  const coaches = members.filter((m) => m.role === 'coach');
  const roleChoices: [string, string][] =
    me?.role === 'owner'
      ? [
          ['member', 'Member'],
          ['coach', 'Coach'],
          ['admin', 'Admin'],
        ]
      : [
          ['member', 'Member'],
          ['coach', 'Coach'],
        ];

  return (
    <div className="wrap page account">
      <h1>{org.name}</h1>
      <ErrorMessage error={error} />
      <Status text={status} />

      <section aria-labelledby="people-h">
        <h2 id="people-h">People</h2>
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
        <section className="table-scroll" tabIndex={0} aria-labelledby="people-h">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">E-mail</th>
                <th scope="col">Role</th>
                <th scope="col">Two-factor</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => {
                const editable =
                  m.role !== 'owner' &&
                  m.userId !== me?.user?.id &&
                  (me?.role === 'owner' || m.role !== 'admin');
                return (
                  <tr key={m.userId}>
                    <td>{m.name}</td>
                    <td>{m.email}</td>
                    <td>
                      {editable ? (
                        <select
                          aria-label={`Role of ${m.name}`}
                          value={m.role}
                          onChange={(e) =>
                            run(async () => {
                              await accountApi.setRole(m.userId, e.target.value as Role);
                              return `${m.name} is now ${e.target.value}.`;
                            })()
                          }
                        >
                          {roleChoices.map(([value, text]) => (
                            <option key={value} value={value}>
                              {text}
                            </option>
                          ))}
                        </select>
                      ) : (
                        m.role
                      )}
                    </td>
                    <td>{m.totpEnabled ? 'on' : 'off'}</td>
                    <td>
                      {editable && (
                        <button
                          type="button"
                          className="link-button"
                          onClick={run(async () => {
                            await accountApi.remove(m.userId);
                            return `${m.name} was removed.`;
                          })}
                        >
                          Remove {m.name}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      </section>

      <section aria-labelledby="invite-h">
        <h2 id="invite-h">Invite someone</h2>
        <form
          onSubmit={run(async () => {
            await accountApi.invite(inviteEmail, inviteRole);
            const sent = inviteEmail;
            setInviteEmail('');
            return `Invitation sent to ${sent}.`;
          })}
          className="account-form"
          noValidate
        >
          <Field
            label="E-mail address"
            type="email"
            value={inviteEmail}
            onChange={setInviteEmail}
            autoComplete="off"
            name="invite-email"
          />
          <Select
            label="Role"
            value={inviteRole}
            onChange={(v) => setInviteRole(v as Role)}
            options={roleChoices}
          />
          <p className="actions">
            <button type="submit" className="button button-primary">
              Send invitation
            </button>
          </p>
        </form>
        {invitations.length > 0 && (
          <>
            <h3>Waiting for an answer</h3>
            <ul className="plain-list">
              {invitations.map((i) => (
                <li key={`${i.email}-${i.expiresAt}`}>
                  {i.email} as {i.role}, until {i.expiresAt.slice(0, 10)}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="coaching-h">
        <h2 id="coaching-h">Coaching</h2>
        <p className="muted">
          A coach sees the profiles of the people assigned to them — never their answers.
        </p>
        <ul className="plain-list">
          {assignments.map((a) => (
            <li key={`${a.coachUserId}-${a.memberUserId}`}>
              {nameOf(a.coachUserId)} coaches {nameOf(a.memberUserId)}{' '}
              <button
                type="button"
                className="link-button"
                onClick={run(async () => {
                  await accountApi.unassign(a.coachUserId, a.memberUserId);
                  return 'Assignment ended.';
                })}
              >
                End
              </button>
            </li>
          ))}
        </ul>
        {coaches.length > 0 && (
          <form
            onSubmit={run(async () => {
              await accountApi.assign(coach || coaches[0]!.userId, client || members[0]!.userId);
              return 'Coach assigned.';
            })}
            className="account-form"
            noValidate
          >
            <Select
              label="Coach"
              value={coach}
              onChange={setCoach}
              options={coaches.map((c) => [c.userId, c.name])}
            />
            <Select
              label="Person"
              value={client}
              onChange={setClient}
              options={members.map((m) => [m.userId, m.name])}
            />
            <p className="actions">
              <button type="submit" className="button button-secondary">
                Assign
              </button>
            </p>
          </form>
        )}
      </section>

      {me?.role === 'owner' && (
        <section aria-labelledby="settings-h">
          <h2 id="settings-h">Settings</h2>
          <form
            onSubmit={run(async () => {
              await accountApi.settings({
                retentionDays: retention.trim() === '' ? null : Number(retention),
                requireTwoFactorForAdmins: require2fa,
              });
              return 'Settings saved.';
            })}
            className="account-form"
            noValidate
          >
            <Field
              label="Delete assessment data after (days)"
              value={retention}
              onChange={setRetention}
              inputMode="numeric"
              required={false}
              hint="Empty keeps data until people delete it."
            />
            <p className="field checks">
              <label>
                <input
                  type="checkbox"
                  checked={require2fa}
                  onChange={(e) => setRequire2fa(e.target.checked)}
                />{' '}
                Admins and the owner must use two-factor sign-in
              </label>
            </p>
            <p className="actions">
              <button type="submit" className="button button-secondary">
                Save settings
              </button>
            </p>
          </form>
        </section>
      )}

      <section aria-labelledby="audit-h">
        <h2 id="audit-h">Audit log</h2>
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
        <section className="table-scroll" tabIndex={0} aria-labelledby="audit-h">
          <table>
            <thead>
              <tr>
                <th scope="col">When (UTC)</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Target</th>
                <th scope="col">Address</th>
              </tr>
            </thead>
            <tbody>
              {audit.slice(0, 100).map((e) => (
                <tr key={e.id}>
                  <td>{e.createdAt.slice(0, 19).replace('T', ' ')}</td>
                  <td>{e.actorUserId ? nameOf(e.actorUserId) : '—'}</td>
                  <td>{e.action}</td>
                  <td>{e.target ?? ''}</td>
                  <td>{e.ip ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </section>

      <section aria-labelledby="outbox-h">
        <h2 id="outbox-h">Mail outbox</h2>
        {outbox.length === 0 ? (
          <p className="muted">No mail kept for this organisation.</p>
        ) : (
          <ul className="plain-list">
            {outbox.map((m) => (
              <li key={m.id}>
                <details>
                  <summary>
                    {m.createdAt.slice(0, 16).replace('T', ' ')} · to {m.to} · {m.subject}{' '}
                    {m.sentAt ? '(sent)' : '(not sent: no SMTP)'}
                  </summary>
                  <pre className="mail-text">{m.text}</pre>
                </details>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
