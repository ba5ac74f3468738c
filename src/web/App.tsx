import { BrowserRouter, Link, NavLink, Route, Routes } from 'react-router';
import { AssessmentPage } from './pages/Assessment.tsx';
import { AccountLink } from './pages/account/AccountLink.tsx';
import { accountRoutes } from './pages/account/routes.tsx';
import { advisorRoutes } from './pages/advisor/routes.tsx';
import { feedbackRoutes } from './pages/feedback/routes.tsx';
import { HomePage } from './pages/Home.tsx';
import { NotFoundPage } from './pages/NotFound.tsx';
import { planRoutes } from './pages/plans/routes.tsx';
import { ResultPage } from './pages/Result.tsx';

export function App() {
  return (
    <BrowserRouter>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="wrap">
          <Link to="/" className="brand">
            <svg viewBox="0 0 32 32" aria-hidden="true" className="brand-mark">
              <rect width="32" height="32" rx="7" fill="#1f4e5f" />
              <path d="M6 22h20" stroke="#fff" strokeWidth="2.5" strokeLinecap="round" />
              <path d="M16 22l-4-8h8z" fill="#f2b84b" />
            </svg>
            <span>Fulcrum</span>
          </Link>
          <span className="tagline">Lead and manage, in balance</span>
          <nav className="site-nav" aria-label="Main">
            <NavLink to="/advisor">Advisor</NavLink>
            <NavLink to="/practices">Practices</NavLink>
            <AccountLink />
          </nav>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Routes>
          <Route path="/" element={<HomePage />} />
          <Route path="/a/:token" element={<AssessmentPage />} />
          <Route path="/a/:token/result" element={<ResultPage />} />
          {accountRoutes}
          {feedbackRoutes}
          {advisorRoutes}
          {planRoutes}
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </main>
      <footer className="site-footer">
        <div className="wrap">
          <p>
            Fulcrum is open source. No tracking, no account needed: your answers live on this server, under a
            private link that only you hold or in your own account.
          </p>
        </div>
      </footer>
    </BrowserRouter>
  );
}
