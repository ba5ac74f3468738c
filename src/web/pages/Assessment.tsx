import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { Question } from '../components/Question.tsx';
import { ResumeLink } from '../components/ResumeLink.tsx';
import { SaveStatus } from '../components/SaveStatus.tsx';
import { ApiError, type AssessmentState, api, type Problem } from '../lib/api.ts';
import { clampPage, firstUnansweredPage, PAGE_SIZE, pageCount, pagesWithGaps } from '../lib/pages.ts';
import { storage } from '../lib/storage.ts';
import { useAutosave } from '../lib/useAutosave.ts';
import { useTitle } from '../lib/useTitle.ts';

export function AssessmentPage() {
  const { token = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const started = (location.state as { started?: AssessmentState } | null)?.started;
  const [state, setState] = useState<AssessmentState | null>(started ?? null);
  const [error, setError] = useState<ApiError | null>(null);
  useTitle('Assessment');

  useEffect(() => {
    if (started) return;
    let live = true;
    api.resume(token).then(
      (s) => {
        if (!live) return;
        if (s.status === 'completed') {
          navigate(`/a/${token}/result`, { replace: true });
          return;
        }
        storage.setCurrent(token, s.form);
        setState(s);
      },
      (e: unknown) => live && setError(e instanceof ApiError ? e : new ApiError(0, 'network', String(e))),
    );
    return () => {
      live = false;
    };
  }, [token, started, navigate]);

  if (error) {
    return (
      <div className="wrap narrow page">
        <h1>
          {error.status === 404 || error.status === 400
            ? 'This link does not open an assessment'
            : 'Could not load your assessment'}
        </h1>
        <p>
          {error.status === 404 || error.status === 400
            ? 'Check that the whole link was copied. Links are long on purpose: they are private keys.'
            : 'The server could not be reached. Your answers are safe; try again in a moment.'}
        </p>
        <p>
          <Link to="/">Start a new assessment</Link>
        </p>
      </div>
    );
  }
  if (!state) {
    return (
      <div className="wrap narrow page">
        <p role="status">Loading your questions…</p>
      </div>
    );
  }
  return <Questionnaire token={token} state={state} />;
}

function Questionnaire({ token, state }: { token: string; state: AssessmentState }) {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const autosave = useAutosave(token, state.answers);
  const { items, responseScale } = state.instrument;
  const ids = items.map((i) => i.id);
  const pages = pageCount(items.length);
  const requested = Number(params.get('page'));
  const page = clampPage(requested || storage.page(token) || firstUnansweredPage(ids, state.answers), pages);
  const heading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  const [finishing, setFinishing] = useState(false);
  const [confirmGaps, setConfirmGaps] = useState(false);
  const [finishProblems, setFinishProblems] = useState<Problem[] | null>(null);

  const from = (page - 1) * PAGE_SIZE;
  const onPage = items.slice(from, from + PAGE_SIZE);
  const answered = ids.filter((id) => autosave.answers[id] !== undefined).length;
  const gaps = pagesWithGaps(ids, autosave.answers);
  const formName = state.form === 'short' ? 'Short form' : 'Full form';
  useTitle(`Questions ${from + 1}–${from + onPage.length} of ${items.length}`);

  useEffect(() => {
    storage.setPage(token, page);
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    window.scrollTo(0, 0);
    heading.current?.focus();
  }, [page, token]);

  const go = (to: number) => {
    setConfirmGaps(false);
    setFinishProblems(null);
    setParams({ page: String(clampPage(to, pages)) });
  };

  const finish = async (anyway: boolean) => {
    if (gaps.length > 0 && !anyway) {
      setConfirmGaps(true);
      return;
    }
    setFinishing(true);
    setFinishProblems(null);
    try {
      await autosave.flush();
      const result = await api.finish(token);
      storage.forget(token);
      navigate(`/a/${token}/result`, { state: { result } });
    } catch (e) {
      setFinishing(false);
      if (e instanceof ApiError && e.problems.length > 0) setFinishProblems(e.problems);
      else
        setFinishProblems([
          { path: 'body', code: 'network', message: e instanceof Error ? e.message : String(e) },
        ]);
    }
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (page < pages) go(page + 1);
    else void finish(false);
  };

  return (
    <div className="wrap narrow page assessment">
      <div className="assessment-head">
        <p className="eyebrow">
          Lead × Manage · {formName} · page {page} of {pages}
        </p>
        <h1 ref={heading} tabIndex={-1}>
          Questions {from + 1}–{from + onPage.length} <span className="muted">of {items.length}</span>
        </h1>
        <div className="progress-row">
          <progress
            max={items.length}
            value={answered}
            aria-label={`${answered} of ${items.length} questions answered`}
          />
          <span className="progress-text">
            {answered} of {items.length} answered
          </span>
        </div>
        <SaveStatus autosave={autosave} answered={answered} />
      </div>

      {page === 1 && (
        <p className="instructions">
          How often do you do each of these? Think of the <strong>last three months</strong> and answer for
          what you actually do, not what you intend. There are no right answers.
        </p>
      )}

      <form onSubmit={submit} noValidate>
        {onPage.map((item, i) => (
          <Question
            key={item.id}
            number={from + i + 1}
            id={item.id}
            text={item.text}
            labels={responseScale.labels}
            min={responseScale.min}
            value={autosave.answers[item.id]}
            status={autosave.status[item.id]}
            onChange={(value) => autosave.set(item.id, value)}
          />
        ))}

        {confirmGaps && (
          <div className="notice" role="alert">
            <p>
              {items.length - answered === 1
                ? '1 question is unanswered.'
                : `${items.length - answered} questions are unanswered.`}{' '}
              Your profile is more precise when every question is answered.
            </p>
            <p className="gap-links">
              Unanswered questions on{' '}
              {gaps.map((p, i) => (
                <span key={p}>
                  {i > 0 && ', '}
                  <button type="button" className="link-button" onClick={() => go(p)}>
                    page {p}
                  </button>
                </span>
              ))}
              .
            </p>
            <button type="button" className="button button-secondary" onClick={() => void finish(true)}>
              See my profile anyway
            </button>
          </div>
        )}
        {finishProblems && (
          <div className="notice notice-bad" role="alert">
            <p>Your profile cannot be computed yet:</p>
            <ul>
              {finishProblems.map((p) => (
                <li key={p.message}>{p.message}</li>
              ))}
            </ul>
            {gaps.length > 0 && (
              <p>
                <button type="button" className="link-button" onClick={() => go(gaps[0]!)}>
                  Go to the first unanswered question (page {gaps[0]})
                </button>
              </p>
            )}
          </div>
        )}

        <nav className="pager" aria-label="Questionnaire pages">
          <button
            type="button"
            className="button button-secondary"
            onClick={() => go(page - 1)}
            disabled={page === 1}
          >
            ← Back
          </button>
          <span className="pager-pos" aria-hidden="true">
            {page} / {pages}
          </span>
          <button type="submit" className="button button-primary" disabled={finishing}>
            {page < pages ? 'Next →' : finishing ? 'Computing your profile…' : 'See my profile'}
          </button>
        </nav>
      </form>

      <ResumeLink token={token} />
    </div>
  );
}
