import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useTitle } from '../../lib/useTitle.ts';
import { accountApi, messageOf, type Role, tokenFromHash } from './api.ts';
import { ErrorMessage, Field, Status } from './Field.tsx';
import { useAfterSignIn } from './SignIn.tsx';

/** The page an invitation mail links to (`/account/accept#token=…`). */
export function AcceptInvitationPage() {
  useTitle('Accept your invitation');
  const [token] = useState(() => tokenFromHash(window.location.hash));
  const [invitation, setInvitation] = useState<{
    organizationName: string;
    email: string;
    role: Role;
    existingAccount: boolean;
  } | null>(null);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const after = useAfterSignIn();

  useEffect(() => {
    // the token stays out of the address bar, history and any Referer
    window.history.replaceState(null, '', window.location.pathname);
    accountApi.describeInvitation(token).then(setInvitation, (e) => setError(messageOf(e)));
  }, [token]);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      after(await accountApi.accept(token, password, invitation?.existingAccount ? undefined : name));
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  };

  return (
    <div className="wrap narrow page">
      <h1>Accept your invitation</h1>
      {invitation && (
        <p>
          Join <strong>{invitation.organizationName}</strong> as{' '}
          {invitation.role === 'admin' ? 'an admin' : `a ${invitation.role}`} with{' '}
          <strong>{invitation.email}</strong>.
        </p>
      )}
      {invitation && (
        <form onSubmit={submit} className="account-form" noValidate>
          {!invitation.existingAccount && (
            <Field label="Your name" value={name} onChange={setName} autoComplete="name" />
          )}
          <Field
            label={invitation.existingAccount ? 'Your password' : 'Choose a password'}
            type="password"
            value={password}
            onChange={setPassword}
            autoComplete={invitation.existingAccount ? 'current-password' : 'new-password'}
            hint={invitation.existingAccount ? 'You already have an account.' : 'At least 12 characters.'}
          />
          <p className="actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              Join
            </button>
          </p>
        </form>
      )}
      <ErrorMessage error={error} />
    </div>
  );
}

export function ForgotPasswordPage() {
  useTitle('Forgot your password');
  const [email, setEmail] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await accountApi.forgot(email);
      setDone('If this address has an account, a link to choose a new password is on its way.');
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <div className="wrap narrow page">
      <h1>Forgot your password</h1>
      <form onSubmit={submit} className="account-form" noValidate>
        <Field label="E-mail address" type="email" value={email} onChange={setEmail} autoComplete="email" />
        <ErrorMessage error={error} />
        <Status text={done} />
        <p className="actions">
          <button type="submit" className="button button-primary">
            Send the link
          </button>
        </p>
      </form>
    </div>
  );
}

/** The page a reset mail links to (`/account/reset#token=…`). */
export function ResetPasswordPage() {
  useTitle('Choose a new password');
  const [token] = useState(() => tokenFromHash(window.location.hash));
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => window.history.replaceState(null, '', window.location.pathname), []);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await accountApi.reset(token, password);
      setDone(true);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <div className="wrap narrow page">
      <h1>Choose a new password</h1>
      {done ? (
        <p role="status">
          Your password is changed and you are signed out everywhere. <Link to="/login">Sign in</Link>.
        </p>
      ) : (
        <form onSubmit={submit} className="account-form" noValidate>
          <Field
            label="New password"
            type="password"
            value={password}
            onChange={setPassword}
            autoComplete="new-password"
            hint="At least 12 characters."
          />
          <ErrorMessage error={error} />
          <p className="actions">
            <button type="submit" className="button button-primary">
              Save the password
            </button>
          </p>
        </form>
      )}
    </div>
  );
}

/** Opened from the link mailed to a new address: confirms it, then says so. */
export function ConfirmEmailPage() {
  useTitle('Confirm your e-mail address');
  const [token] = useState(() => tokenFromHash(window.location.hash));
  const [email, setEmail] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => window.history.replaceState(null, '', window.location.pathname), []);
  const confirm = async () => {
    setError(null);
    setBusy(true);
    try {
      setEmail((await accountApi.confirmEmail(token)).email);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="wrap narrow page">
      <h1>Confirm your e-mail address</h1>
      {email ? (
        <p role="status">
          Done: your account now uses {email}. <Link to="/account">Your account</Link>.
        </p>
      ) : (
        <>
          <p>Use this address for your Fulcrum account from now on?</p>
          <ErrorMessage error={error} />
          <p className="actions">
            <button
              type="button"
              className="button button-primary"
              onClick={confirm}
              disabled={busy || !token}
            >
              Confirm the new address
            </button>
          </p>
        </>
      )}
    </div>
  );
}
