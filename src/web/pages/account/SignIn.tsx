import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTitle } from '../../lib/useTitle.ts';
import { accountApi, messageOf, type SignIn } from './api.ts';
import { ErrorMessage, Field } from './Field.tsx';

/** Where a sign-in goes next: the code step, setting up a code, or the account page. */
export function useAfterSignIn() {
  const navigate = useNavigate();
  return (result: SignIn, setStep?: (step: 'totp') => void) => {
    if (result.status === 'totp-required' && setStep) return setStep('totp');
    if (result.status === 'totp-enrolment-required') return navigate('/account/two-factor');
    navigate('/account');
  };
}

export function LoginPage() {
  useTitle('Sign in');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [step, setStep] = useState<'password' | 'totp'>('password');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const after = useAfterSignIn();
  const navigate = useNavigate();

  useEffect(() => {
    accountApi
      .session()
      .then((s) => {
        if (s.needsSetup) navigate('/setup');
        else if (s.signedIn) navigate('/account');
        else if (s.stage === 'enrol') navigate('/account/two-factor');
      })
      .catch(() => {});
  }, [navigate]);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (step === 'password') after(await accountApi.login(email, password), setStep);
      else after(await accountApi.totp(code));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="wrap narrow page">
      <h1>Sign in</h1>
      <form onSubmit={submit} className="account-form" noValidate>
        {step === 'password' ? (
          <>
            <Field
              label="E-mail address"
              type="email"
              value={email}
              onChange={setEmail}
              autoComplete="username"
            />
            <Field
              label="Password"
              type="password"
              value={password}
              onChange={setPassword}
              autoComplete="current-password"
            />
          </>
        ) : (
          <Field
            label="Code from your authenticator app"
            value={code}
            onChange={setCode}
            autoComplete="one-time-code"
            inputMode="numeric"
            hint="Six digits; a new one every 30 seconds."
          />
        )}
        <ErrorMessage error={error} />
        <p className="actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {step === 'password' ? 'Sign in' : 'Verify'}
          </button>
        </p>
      </form>
      <p>
        <Link to="/account/forgot">Forgot your password?</Link>
      </p>
    </div>
  );
}

export function SetupPage() {
  useTitle('Set up Fulcrum');
  const [organizationName, setOrganizationName] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [setupToken, setSetupToken] = useState('');
  const [tokenRequired, setTokenRequired] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const after = useAfterSignIn();
  const navigate = useNavigate();

  useEffect(() => {
    accountApi
      .session()
      .then((s) => {
        if (!s.needsSetup) navigate(s.signedIn ? '/account' : '/login');
        else setTokenRequired(s.setupTokenRequired ?? false);
      })
      .catch(() => {});
  }, [navigate]);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      after(
        await accountApi.setup({
          organizationName,
          name,
          email,
          password,
          ...(tokenRequired ? { setupToken } : {}),
        }),
      );
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  };

  return (
    <div className="wrap narrow page">
      <h1>Set up Fulcrum</h1>
      <p>
        Nobody runs this server yet. Create your organisation and become its owner: you will invite everyone
        else.
      </p>
      <form onSubmit={submit} className="account-form" noValidate>
        {tokenRequired && (
          <Field
            label="Set-up token"
            type="password"
            value={setupToken}
            onChange={setSetupToken}
            autoComplete="off"
            hint="The SETUP_TOKEN this server was started with."
          />
        )}
        <Field
          label="Organisation"
          value={organizationName}
          onChange={setOrganizationName}
          autoComplete="organization"
        />
        <Field label="Your name" value={name} onChange={setName} autoComplete="name" />
        <Field
          label="Your e-mail address"
          type="email"
          value={email}
          onChange={setEmail}
          autoComplete="email"
        />
        <Field
          label="Password"
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="new-password"
          hint="At least 12 characters. A few unrelated words work well."
        />
        <ErrorMessage error={error} />
        <p className="actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            Create organisation
          </button>
        </p>
      </form>
    </div>
  );
}
