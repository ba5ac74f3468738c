import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { accountApi, type SessionInfo } from './api.ts';

/**
 * The signed-in session for pages that need one; anyone else is sent to sign in. Null until known.
 *
 * @example
 * const me = useSession();
 * if (!me) return <p>Loading…</p>;
 */
export function useSession(): SessionInfo | null {
  const navigate = useNavigate();
  const [me, setMe] = useState<SessionInfo | null>(null);
  useEffect(() => {
    accountApi
      .session()
      .then((s) => (s.signedIn ? setMe(s) : navigate('/login')))
      .catch(() => navigate('/login'));
  }, [navigate]);
  return me;
}
