import { Link } from 'react-router';
import { useTitle } from '../lib/useTitle.ts';

export function NotFoundPage() {
  useTitle('Page not found');
  return (
    <div className="wrap narrow page">
      <h1>Page not found</h1>
      <p>
        This address does not lead anywhere. <Link to="/">Go to the start page</Link>.
      </p>
    </div>
  );
}
