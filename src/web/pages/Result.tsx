import { useEffect, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import type { Profile } from '../../model/profile/build-profile.ts';
import { ContrastBars, FoundationBars, fmt, ProfileGrid, Z95 } from '../../reports/charts/index.ts';
import { ResumeLink } from '../components/ResumeLink.tsx';
import { ApiError, api, type Result } from '../lib/api.ts';
import { useTitle } from '../lib/useTitle.ts';

export function ResultPage() {
  const { token = '' } = useParams();
  const location = useLocation();
  const passed = (location.state as { result?: Result } | null)?.result;
  const [result, setResult] = useState<Result | null>(passed ?? null);
  const [error, setError] = useState<ApiError | null>(null);
  useTitle('Your Lead × Manage profile');

  useEffect(() => {
    if (passed) return;
    let live = true;
    api.profile(token).then(
      (r) => live && setResult(r),
      (e: unknown) => live && setError(e instanceof ApiError ? e : new ApiError(0, 'network', String(e))),
    );
    return () => {
      live = false;
    };
  }, [token, passed]);

  if (error) {
    return (
      <div className="wrap narrow page">
        <h1>No profile here yet</h1>
        <p>
          {error.status === 404
            ? 'This assessment is not finished, or the link is incomplete.'
            : 'The server could not be reached; try again in a moment.'}
        </p>
        <p>
          <Link to={`/a/${token}`}>Go back to the questions</Link> · <Link to="/">Start page</Link>
        </p>
      </div>
    );
  }
  if (!result) {
    return (
      <div className="wrap narrow page">
        <p role="status">Loading your profile…</p>
      </div>
    );
  }
  return <ProfileView token={token} result={result} />;
}

function download(result: Result) {
  const document_ = {
    kind: 'fulcrum.assessment',
    instrument: result.profile.instrument,
    form: result.form,
    completedAt: result.completedAt,
    answers: result.answers,
    profile: result.profile,
  };
  const blob = new Blob([`${JSON.stringify(document_, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `fulcrum-profile-${(result.completedAt ?? new Date().toISOString()).slice(0, 10)}.json`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const margin = (sem: number | null) => (sem === null ? '' : ` ± ${fmt(Z95 * sem)}`);

function ProfileView({ token, result }: { token: string; result: Result }) {
  const { profile } = result;
  const foundations = profile.scales.filter((s) => s.pole === 'foundation');
  const date = result.completedAt ? new Date(result.completedAt).toLocaleDateString() : '';
  return (
    <div className="wrap page result">
      <header className="result-head">
        <p className="eyebrow">
          Lead × Manage · {profile.form === 'short' ? 'short form' : 'full form'}
          {date && ` · ${date}`}
        </p>
        <h1>Your Lead × Manage profile</h1>
        <p className="mirror">
          <strong>A mirror for reflection, not a verdict.</strong> It shows how often you say you do certain
          things; read it with curiosity.
        </p>
      </header>

      <section className="panel grid-panel" aria-labelledby="quadrant-heading">
        <div className="grid-figure">
          <ProfileGrid profile={profile} />
        </div>
        <div className="grid-text">
          <h2 id="quadrant-heading">{profile.quadrant?.name ?? 'Not enough answers to place you'}</h2>
          {profile.quadrant && <p>{profile.quadrant.meaning}</p>}
          <dl className="indices">
            <div>
              <dt className="tone-lead">Lead</dt>
              <dd>
                {fmt(profile.lead)}
                <span className="muted">{margin(profile.leadSem)}</span>
              </dd>
            </div>
            <div>
              <dt className="tone-manage">Manage</dt>
              <dd>
                {fmt(profile.manage)}
                <span className="muted">{margin(profile.manageSem)}</span>
              </dd>
            </div>
          </dl>
          <p className="balance">{profile.balance.statement}</p>
          <p className="fine-print">
            Scores run from 0 to 100; 62.5 (between “sometimes” and “often”) is where a side counts as strong.
            The shaded ellipse is the 95% uncertainty around your point.
          </p>
        </div>
      </section>

      <section className="panel" aria-labelledby="contrasts-heading">
        <h2 id="contrasts-heading">Three contrasts</h2>
        <p className="section-intro">
          On each contrast, the <span className="tone-lead">lead side</span> and the{' '}
          <span className="tone-manage">manage side</span> are measured separately: you can be strong on both.
          The black whiskers are 95% bands.
        </p>
        <div className="two-col">
          <ContrastBars profile={profile} />
          <ul className="plain-list">
            {profile.contrasts.map((c) => (
              <li key={c.id}>
                <strong>{c.name}</strong>
                <br />
                {c.interpretation}
              </li>
            ))}
          </ul>
        </div>
      </section>

      <section className="panel" aria-labelledby="foundations-heading">
        <h2 id="foundations-heading">Foundations of both modes</h2>
        <div className="two-col">
          <FoundationBars profile={profile} />
          <ul className="plain-list">
            {foundations.map((s) => (
              <li key={s.id}>
                <strong>{s.name}</strong>
                <br />
                {s.interpretation}
              </li>
            ))}
          </ul>
        </div>
      </section>

      <div className="cols-3">
        <section className="panel" aria-labelledby="strengths-heading">
          <h2 id="strengths-heading">Strengths</h2>
          {profile.strengths.length > 0 ? (
            <ul className="plain-list">
              {profile.strengths.map((s) => (
                <li key={s.scale}>
                  <strong>{s.name}</strong> <span className="muted">{fmt(s.score)}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p>No area reached the strength level (75, “often” on average) yet.</p>
          )}
        </section>
        <section className="panel" aria-labelledby="risks-heading">
          <h2 id="risks-heading">Risks to watch</h2>
          {profile.risks.length > 0 ? (
            <ul className="plain-list">
              {profile.risks.map((r) => (
                <li key={r.id}>
                  <strong>{r.title}</strong>
                  <br />
                  {r.text}
                </li>
              ))}
            </ul>
          ) : (
            <p>Your answers show no one-sided pattern beyond measurement error.</p>
          )}
        </section>
        <section className="panel" aria-labelledby="focus-heading">
          <h2 id="focus-heading">What to work on first</h2>
          <ol className="plain-list">
            {profile.focusNext.map((f) => (
              <li key={f.scale}>
                <strong>{f.name}</strong>
                <br />
                {f.reason}
              </li>
            ))}
          </ol>
        </section>
      </div>

      <ScaleTable profile={profile} />

      <section className="panel honest" aria-labelledby="honest-heading">
        <h2 id="honest-heading">What these scores can and cannot tell</h2>
        <p>{profile.note}</p>
        <ul>
          <li>They describe how often you say you do things, not how well, and not how others see you.</li>
          <li>
            Every score has a margin of error (the bands). Differences inside the bands are not meaningful.
            {profile.form === 'short' && ' The short form has wider bands; the full form narrows them.'}
          </li>
          <li>
            A low score is a place to practise, not a flaw. Asking colleagues for feedback tests the picture.
          </li>
        </ul>
      </section>

      <section className="actions no-print" aria-label="Keep your profile">
        <button type="button" className="button button-primary" onClick={() => window.print()}>
          Print / Save as PDF
        </button>
        <button type="button" className="button button-secondary" onClick={() => download(result)}>
          Download answers and profile (JSON)
        </button>
        <Link to="/" className="button button-secondary">
          Take it again
        </Link>
      </section>
      <div className="no-print">
        <ResumeLink token={token} finished />
      </div>
    </div>
  );
}

function ScaleTable({ profile }: { profile: Profile }) {
  const pole = { lead: 'Lead', manage: 'Manage', foundation: 'Foundation' } as const;
  return (
    <section className="panel" aria-labelledby="table-heading">
      <h2 id="table-heading">All ten scales</h2>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
      <section className="table-scroll" aria-labelledby="table-heading" tabIndex={0}>
        <table className="scales">
          <thead>
            <tr>
              <th scope="col">Scale</th>
              <th scope="col" className="col-side">
                Side
              </th>
              <th scope="col" className="num">
                Score
              </th>
              <th scope="col" className="num">
                95% band
              </th>
              <th scope="col" className="num">
                Answered
              </th>
            </tr>
          </thead>
          <tbody>
            {profile.scales.map((s) => (
              <tr key={s.id}>
                <th scope="row">{s.name}</th>
                <td className="col-side">{pole[s.pole]}</td>
                <td className="num">{fmt(s.score)}</td>
                <td className="num">{s.band ? `${fmt(s.band[0])}–${fmt(s.band[1])}` : '—'}</td>
                <td className="num">
                  {s.answered}/{s.items}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}
