import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, type Form } from '../lib/api.ts';
import { storage } from '../lib/storage.ts';
import { useTitle } from '../lib/useTitle.ts';

const FORMS: { id: Form; name: string; detail: string; note: string }[] = [
  {
    id: 'short',
    name: 'Short form',
    detail: '30 questions · about 5 minutes',
    note: 'A quick first picture of all ten areas.',
  },
  {
    id: 'full',
    name: 'Full form',
    detail: '70 questions · about 12 minutes',
    note: 'More precise scores: narrower uncertainty bands.',
  },
];

export function HomePage() {
  useTitle('Lead × Manage self-assessment');
  const navigate = useNavigate();
  const [form, setForm] = useState<Form>('short');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const current = storage.current();

  const start = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const started = await api.start(form);
      storage.setCurrent(started.resumeToken, started.form);
      navigate(`/a/${started.resumeToken}`, { state: { started } });
    } catch (e) {
      setError(e instanceof Error ? e.message : 'Could not start the assessment.');
      setBusy(false);
    }
  };

  return (
    <div className="home">
      <section className="hero">
        <div className="wrap">
          <p className="eyebrow">A free self-assessment · no account needed</p>
          <h1>Do you lead, do you manage — and do you know when to do which?</h1>
          <p className="lede">
            Leading and managing are two different ways of working. Teams need both. This questionnaire shows
            how often you do each, so you can see your balance and choose what to practise next.
          </p>
          <p className="hero-actions">
            <a href="#start" className="button button-primary button-large">
              Take the assessment
            </a>
            <span className="muted">5 or 12 minutes · private · free</span>
          </p>
          {current && (
            <p className="resume-callout">
              You have an assessment in progress.{' '}
              <Link to={`/a/${current.token}`} className="button button-secondary">
                Continue where you left off
              </Link>
            </p>
          )}
        </div>
      </section>

      <section className="wrap two-modes" aria-labelledby="modes-heading">
        <h2 id="modes-heading">Two modes, both needed</h2>
        <div className="cards">
          <article className="card card-lead">
            <h3>
              Leading <span className="muted">— the why</span>
            </h3>
            <ul>
              <li>
                <strong>People</strong>: trust, relationships, purpose, helping people grow
              </li>
              <li>
                <strong>Change</strong>: challenging the status quo, taking calculated risks
              </li>
              <li>
                <strong>Vision</strong>: where are we going, and how do we get there?
              </li>
            </ul>
          </article>
          <article className="card card-manage">
            <h3>
              Managing <span className="muted">— the how</span>
            </h3>
            <ul>
              <li>
                <strong>Tasks</strong>: deadlines, budgets, resources, delegation, tracking
              </li>
              <li>
                <strong>Stability</strong>: order, refined processes, reliable operations
              </li>
              <li>
                <strong>Operations</strong>: what needs to be done today to stay on track?
              </li>
            </ul>
          </article>
        </div>
        <blockquote className="pull">
          <p>
            Without leaders, organisations risk losing direction. Without managers, even the best ideas can
            fall apart due to poor execution.
          </p>
        </blockquote>
        <p>
          The best professionals blend both, and know when to use which: uncertainty and change call for
          leading; deadlines and complex execution call for managing. Both rest on the same foundations:{' '}
          <strong>emotional intelligence</strong>, <strong>clear communication</strong>,{' '}
          <strong>adaptability</strong> and <strong>continuous learning</strong>.
        </p>
      </section>

      <section className="wrap tools" aria-labelledby="tools-heading">
        <h2 id="tools-heading">For the week in front of you</h2>
        <div className="cards">
          <article className="card">
            <h3>
              <Link to="/advisor">When to lead, when to manage</Link>
            </h3>
            <p>
              Describe a situation — a reorganisation, a launch, a new team — and see whether it calls for
              leading or managing on each contrast, why, and a few behaviours to try this week.
            </p>
          </article>
          <article className="card">
            <h3>
              <Link to="/practices">Practice library</Link>
            </h3>
            <p>
              Concrete practices for every area, from a small daily habit to a project of a few weeks, each
              with how to tell it is working.
            </p>
          </article>
        </div>
      </section>

      <section className="wrap measures" aria-labelledby="measures-heading">
        <h2 id="measures-heading">What you will get</h2>
        <ul className="checks">
          <li>Your place on the Lead × Manage grid, with an honest margin of error.</li>
          <li>
            Where you lean on each contrast: people or tasks, change or stability, vision or operations.
          </li>
          <li>
            Your foundations, your strengths, the risks of a one-sided profile, and what to work on first.
          </li>
        </ul>
        <p>
          You answer how <em>often</em> you do concrete things, thinking of the last three months. There are
          no right answers; an honest picture is the most useful one.
        </p>
      </section>

      <section className="wrap start" id="start" aria-labelledby="start-heading">
        <h2 id="start-heading">Start</h2>
        <form onSubmit={start} className="start-form">
          <fieldset className="form-choice">
            <legend>Choose a length</legend>
            {FORMS.map((f) => (
              <label key={f.id} className={`choice-card${form === f.id ? ' selected' : ''}`}>
                <input
                  type="radio"
                  name="form"
                  value={f.id}
                  checked={form === f.id}
                  onChange={() => setForm(f.id)}
                />
                <span className="choice-card-body">
                  <span className="choice-card-name">{f.name}</span>
                  <span className="choice-card-detail">{f.detail}</span>
                  <span className="choice-card-note">{f.note}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <button type="submit" className="button button-primary button-large" disabled={busy}>
            {busy ? 'Starting…' : 'Start the assessment'}
          </button>
          {error && (
            <p className="error" role="alert">
              {error} Please try again.
            </p>
          )}
          <p className="fine-print">
            Every answer is saved as you go. You get a private link to continue later, on this or another
            device.
          </p>
        </form>
      </section>
    </div>
  );
}
