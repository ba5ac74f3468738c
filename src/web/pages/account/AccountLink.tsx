import { useEffect, useState } from 'react';
import { Link, NavLink, useLocation } from 'react-router';
import { accountApi } from './api.ts';

/** The header's links for signed-in people (plans, growth, 360° feedback, account), else "Sign in". */
export function AccountLink() {
  const location = useLocation();
  const [signedIn, setSignedIn] = useState<boolean | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: ask again after every navigation (sign-in, sign-out)
  useEffect(() => {
    accountApi.session().then(
      (s) => setSignedIn(s.signedIn),
      () => setSignedIn(false),
    );
  }, [location.pathname]);
  if (signedIn === null) return null;
  return (
    <>
      {signedIn && (
        <>
          <NavLink to="/plans" className="account-link">
            Plans
          </NavLink>
          <NavLink to="/growth" className="account-link">
            Growth
          </NavLink>
          <NavLink to="/cycles" className="account-link">
            360° feedback
          </NavLink>
        </>
      )}
      <Link to={signedIn ? '/account' : '/login'} className="account-link">
        {signedIn ? 'Your account' : 'Sign in'}
      </Link>
    </>
  );
}
