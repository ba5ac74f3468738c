import { useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { accountApi } from './api.ts';

/** The header's link: "Your account" when signed in, else "Sign in". */
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
        <Link to="/cycles" className="account-link">
          360° feedback
        </Link>
      )}
      <Link to={signedIn ? '/account' : '/login'} className="account-link">
        {signedIn ? 'Your account' : 'Sign in'}
      </Link>
    </>
  );
}
