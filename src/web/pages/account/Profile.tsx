import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTitle } from '../../lib/useTitle.ts';
import { accountApi, messageOf, type SessionInfo } from './api.ts';
import { ErrorMessage, Field, Status } from './Field.tsx';

type Sessions = Awaited<ReturnType<typeof accountApi.sessions>>['sessions'];

/** My account: profile, password, second factor, sessions, my data, claiming an assessment, deletion. */
export function ProfilePage() {
  useTitle('Your account');
  const navigate = useNavigate();
  const [me, setMe] = useState<SessionInfo | null>(null);
  const [sessions, setSessions] = useState<Sessions>([]);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [currentForEmail, setCurrentForEmail] = useState('');
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [claimLink, setClaimLink] = useState('');
  const [deletePassword, setDeletePassword] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const session = await accountApi.session();
    if (!session.signedIn) return navigate(session.stage === 'enrol' ? '/account/two-factor' : '/login');
    setMe(session);
    setName(session.user?.name ?? '');
    setEmail(session.user?.email ?? '');
    setSessions((await accountApi.sessions()).sessions);
  }, [navigate]);
  useEffect(() => {
    load().catch((e) => setError(messageOf(e)));
  }, [load]);

  const run = (work: () => Promise<string | undefined>) => async (event?: React.FormEvent) => {
    event?.preventDefault();
    setError(null);
    setStatus(null);
    try {
      const message = await work();
      if (message) setStatus(message);
      await load();
    } catch (e) {
      setError(messageOf(e));
    }
  };

  if (!me?.user)
    return <div className="wrap narrow page">{error ? <ErrorMessage error={error} /> : <p>Loading…</p>}</div>;
  const emailChanged = email.trim().toLowerCase() !== me.user.email.toLowerCase();

  return (
    <div className="wrap narrow page account">
      <h1>Your account</h1>
      <p>
        {me.user.name} · {me.role} of {me.organization?.name}
        {(me.role === 'admin' || me.role === 'owner') && (
          <>
            {' '}
            · <Link to="/organization">Manage the organisation</Link>
          </>
        )}
      </p>
      <ErrorMessage error={error} />
      <Status text={status} />

      <section aria-labelledby="profile-h">
        <h2 id="profile-h">Name and e-mail</h2>
        <form
          onSubmit={run(async () => {
            const saved = await accountApi.updateMe({
              name,
              ...(emailChanged ? { email, currentPassword: currentForEmail } : {}),
            });
            setCurrentForEmail('');
            return saved.pendingEmail
              ? `Saved. We sent a link to ${saved.pendingEmail}: your e-mail address changes when you open it (within 24 hours).`
              : 'Saved.';
          })}
          className="account-form"
          noValidate
        >
          <Field label="Name" value={name} onChange={setName} autoComplete="name" />
          <Field label="E-mail address" type="email" value={email} onChange={setEmail} autoComplete="email" />
          {emailChanged && (
            <Field
              label="Current password (to change your e-mail)"
              type="password"
              value={currentForEmail}
              onChange={setCurrentForEmail}
              autoComplete="current-password"
            />
          )}
          <p className="actions">
            <button type="submit" className="button button-secondary">
              Save
            </button>
          </p>
        </form>
      </section>

      <section aria-labelledby="password-h">
        <h2 id="password-h">Password</h2>
        <form
          onSubmit={run(async () => {
            const r = await accountApi.changePassword(current, next);
            setCurrent('');
            setNext('');
            return `Password changed; ${r.otherSessionsEnded} other session(s) signed out.`;
          })}
          className="account-form"
          noValidate
        >
          <Field
            label="Current password"
            type="password"
            value={current}
            onChange={setCurrent}
            autoComplete="current-password"
          />
          <Field
            label="New password"
            type="password"
            value={next}
            onChange={setNext}
            autoComplete="new-password"
            hint="At least 12 characters."
          />
          <p className="actions">
            <button type="submit" className="button button-secondary">
              Change password
            </button>
          </p>
        </form>
      </section>

      <section aria-labelledby="totp-h">
        <h2 id="totp-h">Two-factor sign-in</h2>
        <p>
          {me.user.totpEnabled ? 'On: you sign in with a code from your authenticator app.' : 'Off.'}{' '}
          <Link to="/account/two-factor">{me.user.totpEnabled ? 'Manage' : 'Set it up'}</Link>
        </p>
      </section>

      <section aria-labelledby="sessions-h">
        <h2 id="sessions-h">Where you are signed in</h2>
        <ul className="plain-list">
          {sessions.map((s) => (
            <li key={s.handle}>
              {s.userAgent ?? 'unknown browser'} · {s.ip ?? 'unknown address'} · last seen{' '}
              {s.lastSeenAt.slice(0, 16).replace('T', ' ')}
              {s.current && <strong> (this browser)</strong>}
            </li>
          ))}
        </ul>
        <p className="actions">
          <button
            type="button"
            className="button button-secondary"
            onClick={run(async () => `${(await accountApi.endOthers()).ended} other session(s) signed out.`)}
          >
            Sign out everywhere else
          </button>
        </p>
      </section>

      <section aria-labelledby="claim-h">
        <h2 id="claim-h">Add an assessment you took without signing in</h2>
        <form
          onSubmit={run(async () => {
            const token = claimLink.trim().split('/a/').pop()?.split(/[/?#]/)[0] ?? '';
            await accountApi.claim(token);
            setClaimLink('');
            return 'The assessment is now in your account.';
          })}
          className="account-form"
          noValidate
        >
          <Field
            label="Its private link"
            value={claimLink}
            onChange={setClaimLink}
            hint="The address that starts with /a/ …"
          />
          <p className="actions">
            <button type="submit" className="button button-secondary">
              Add it
            </button>
          </p>
        </form>
      </section>

      <section aria-labelledby="data-h">
        <h2 id="data-h">Your data</h2>
        <p>
          <a href="/api/me/export" download="fulcrum-my-data.json">
            Download everything stored about you (JSON)
          </a>
        </p>
        <form
          onSubmit={run(async () => {
            if (!window.confirm('Delete your account and your own assessments? This cannot be undone.'))
              return undefined;
            await accountApi.deleteMe(deletePassword);
            navigate('/');
            return undefined;
          })}
          className="account-form"
          noValidate
        >
          <Field
            label="Password (to delete your account)"
            type="password"
            value={deletePassword}
            onChange={setDeletePassword}
            autoComplete="current-password"
          />
          <p className="actions">
            <button type="submit" className="button button-secondary">
              Delete my account
            </button>
          </p>
        </form>
      </section>

      <p className="actions">
        <button
          type="button"
          className="button button-secondary"
          onClick={async () => {
            await accountApi.logout();
            navigate('/login');
          }}
        >
          Sign out
        </button>
      </p>
    </div>
  );
}

/** Setting up (or turning off) the authenticator app; also where a required enrolment lands. */
export function TwoFactorPage() {
  useTitle('Two-factor sign-in');
  const navigate = useNavigate();
  const [secret, setSecret] = useState<{ secret: string; uri: string } | null>(null);
  const [enabled, setEnabled] = useState<boolean | null>(null);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    accountApi
      .session()
      .then((s) => {
        if (s.signedIn) setEnabled(s.user?.totpEnabled ?? false);
        else if (s.stage === 'enrol') setEnabled(false);
        else navigate('/login');
      })
      .catch((e) => setError(messageOf(e)));
  }, [navigate]);

  const act = (work: () => Promise<void>) => async (event?: React.FormEvent) => {
    event?.preventDefault();
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <div className="wrap narrow page">
      <h1>Two-factor sign-in</h1>
      <ErrorMessage error={error} />
      {enabled === false && !secret && (
        <>
          <p>Use an authenticator app (any app that supports TOTP) for a second step when you sign in.</p>
          <button
            type="button"
            className="button button-primary"
            onClick={act(async () => setSecret(await accountApi.totpSetup()))}
          >
            Start
          </button>
        </>
      )}
      {secret && (
        <form
          onSubmit={act(async () => {
            await accountApi.totpConfirm(code);
            navigate('/account');
          })}
          className="account-form"
          noValidate
        >
          <p>
            In your app, add an account with this key: <code className="secret">{secret.secret}</code>
          </p>
          <p className="fine-print">
            Or open this link on the device with the app: <a href={secret.uri}>add to authenticator</a>
          </p>
          <Field
            label="The code your app shows"
            value={code}
            onChange={setCode}
            autoComplete="one-time-code"
            inputMode="numeric"
          />
          <p className="actions">
            <button type="submit" className="button button-primary">
              Turn on
            </button>
          </p>
        </form>
      )}
      {enabled && (
        <form
          onSubmit={act(async () => {
            await accountApi.totpDisable(password);
            navigate('/account');
          })}
          className="account-form"
          noValidate
        >
          <p>Two-factor sign-in is on.</p>
          <Field
            label="Password (to turn it off)"
            type="password"
            value={password}
            onChange={setPassword}
            autoComplete="current-password"
          />
          <p className="actions">
            <button type="submit" className="button button-secondary">
              Turn off
            </button>
          </p>
        </form>
      )}
    </div>
  );
}
