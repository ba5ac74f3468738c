import { useCallback, useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { useTitle } from '../../lib/useTitle.ts';
import { messageOf } from '../account/api.ts';
import { feedbackApi, type RaterView } from './api.ts';

const PER_PAGE = 5;
type Value = number | 'not-observed';
type SaveState = 'saving' | 'saved' | 'error';

/** The key of this rater's submit, kept across reloads so a retried submit is the same submit. */
function submitKey(token: string): string {
  const name = `fulcrum-submit-${token.slice(0, 16)}`;
  let key = sessionStorage.getItem(name);
  if (!key) {
    key = `${Date.now().toString(36)}-${crypto.getRandomValues(new Uint32Array(2)).join('-')}`;
    sessionStorage.setItem(name, key);
  }
  return key;
}

/**
 * A rater's form at their private link: an intro naming the person and saying plainly what stays
 * confidential, a few questions per page, every answer saved as it is given (a closed tab resumes
 * where it was), "don't know / not observed", decline with an optional reason, and submit.
 */
export function RaterFormPage() {
  const { token = '' } = useParams();
  const [view, setView] = useState<RaterView | null>(null);
  const [answers, setAnswers] = useState<Record<string, Value>>({});
  const [comments, setComments] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState<Record<string, SaveState>>({});
  const [page, setPage] = useState(0); // 0: intro; 1..n: items; n + 1: open questions and submit
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<'submitted' | 'declined' | null>(null);
  const [declineReason, setDeclineReason] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  useTitle(view ? `Feedback for ${view.subjectName}` : 'Feedback');

  useEffect(() => {
    feedbackApi
      .rater(token)
      .then((v) => {
        setView(v);
        setAnswers(v.answers);
        setComments(v.comments);
        if (v.status === 'submitted' || v.status === 'declined') setDone(v.status);
      })
      .catch((e) => setError(messageOf(e)));
  }, [token]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: focus moves to the heading whenever the page changes
  useEffect(() => {
    heading.current?.focus();
  }, [page, done]);

  const pages = view ? Math.ceil(view.items.length / PER_PAGE) : 0;
  const answered = Object.keys(answers).filter((id) => view?.items.some((i) => i.id === id)).length;

  const save = useCallback(
    async (itemId: string, value: Value) => {
      setAnswers((a) => ({ ...a, [itemId]: value }));
      setSaving((s) => ({ ...s, [itemId]: 'saving' }));
      try {
        await feedbackApi.answer(token, itemId, value);
        setSaving((s) => ({ ...s, [itemId]: 'saved' }));
      } catch (e) {
        setSaving((s) => ({ ...s, [itemId]: 'error' }));
        setError(messageOf(e));
      }
    },
    [token],
  );

  const saveComment = async (questionId: string) => {
    try {
      await feedbackApi.comment(token, questionId, comments[questionId] ?? '');
      setSaving((s) => ({ ...s, [questionId]: 'saved' }));
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const submit = async () => {
    setError(null);
    try {
      for (const q of view?.questions ?? []) if (comments[q.id] !== undefined) await saveComment(q.id);
      await feedbackApi.submit(token, submitKey(token));
      setDone('submitted');
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const decline = async () => {
    setError(null);
    try {
      await feedbackApi.decline(token, declineReason.trim());
      setDone('declined');
    } catch (e) {
      setError(messageOf(e));
    }
  };

  if (!view) {
    return (
      <div className="wrap narrow page feedback">
        <h1>Feedback</h1>
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : (
          <p>Loading…</p>
        )}
      </div>
    );
  }

  if (done) {
    return (
      <div className="wrap narrow page feedback">
        <h1 tabIndex={-1} ref={heading}>
          {done === 'submitted' ? 'Thank you' : 'You declined'}
        </h1>
        <p>
          {done === 'submitted'
            ? `Your feedback for ${view.self ? 'yourself' : view.subjectName} is in. You can close this page.`
            : 'Nothing you may have answered is kept. You can close this page.'}
        </p>
      </div>
    );
  }

  if (!view.open) {
    return (
      <div className="wrap narrow page feedback">
        <h1 tabIndex={-1} ref={heading}>
          This feedback request is closed
        </h1>
        <p>It can no longer be answered.</p>
      </div>
    );
  }

  const firstOpenPage = () => {
    const index = view.items.findIndex((i) => answers[i.id] === undefined);
    return index < 0 ? pages + 1 : Math.floor(index / PER_PAGE) + 1;
  };

  return (
    <div className="wrap narrow page feedback">
      <p className="muted">
        {view.cycleTitle} · {view.organizationName}
      </p>
      {page === 0 && (
        <>
          <h1 tabIndex={-1} ref={heading}>
            {view.self ? 'Rate yourself' : `Feedback for ${view.subjectName}`}
          </h1>
          <div className="intro">
            <p>
              {view.self
                ? 'How do you lead and manage? Answer as you usually are, not as you would like to be.'
                : `How does ${view.subjectName} lead and manage, as you have seen it? ${view.items.length} short statements and ${view.questions.length === 0 ? 'no' : view.questions.length} open question${view.questions.length === 1 ? '' : 's'}; about 10 minutes.`}
            </p>
            <p>
              <strong>Confidentiality.</strong> {view.confidentiality}
            </p>
            <p>
              Every answer is saved as you give it: you can close this page and come back with the same link
              until {view.deadline.slice(0, 10)}. Choose “Don’t know / not observed” when you have not seen
              it.
            </p>
          </div>
          <p className="muted">
            {answered} of {view.items.length} answered.
          </p>
          <p className="actions">
            <button type="button" className="button button-primary" onClick={() => setPage(firstOpenPage())}>
              {answered > 0 ? 'Continue' : 'Start'}
            </button>
          </p>
          {!view.self && (
            <details>
              <summary>I would rather not give feedback</summary>
              <p className="field">
                <label htmlFor="decline-reason">Reason (optional, not shared with {view.subjectName})</label>
                <textarea
                  id="decline-reason"
                  value={declineReason}
                  onChange={(e) => setDeclineReason(e.target.value)}
                  maxLength={1000}
                />
              </p>
              <button type="button" className="button button-secondary" onClick={decline}>
                Decline
              </button>
            </details>
          )}
        </>
      )}

      {page >= 1 && page <= pages && (
        <>
          <h1 tabIndex={-1} ref={heading}>
            Page {page} of {pages + 1}
          </h1>
          <p className="muted" aria-live="polite">
            {answered} of {view.items.length} answered.
          </p>
          {view.items.slice((page - 1) * PER_PAGE, page * PER_PAGE).map((item, i) => (
            <Rating
              key={item.id}
              number={(page - 1) * PER_PAGE + i + 1}
              id={item.id}
              text={item.text}
              scale={view.responseScale}
              value={answers[item.id]}
              state={saving[item.id]}
              onChange={(v) => save(item.id, v)}
            />
          ))}
          <Nav page={page} setPage={setPage} last={false} />
        </>
      )}

      {page === pages + 1 && (
        <>
          <h1 tabIndex={-1} ref={heading}>
            Last page
          </h1>
          {view.questions.map((q) => (
            <p className="field" key={q.id}>
              <label htmlFor={`c-${q.id}`}>{q.text} (optional)</label>
              <textarea
                id={`c-${q.id}`}
                value={comments[q.id] ?? ''}
                maxLength={4000}
                onChange={(e) => setComments((c) => ({ ...c, [q.id]: e.target.value }))}
                onBlur={() => saveComment(q.id)}
              />
            </p>
          ))}
          <p>
            {answered} of {view.items.length} statements answered.{' '}
            {view.self ? '' : 'Your comments are shown word for word, without your name.'}
          </p>
          <Nav page={page} setPage={setPage} last onSubmit={submit} />
        </>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function Nav(props: { page: number; setPage: (p: number) => void; last: boolean; onSubmit?: () => void }) {
  return (
    <p className="actions">
      <button type="button" className="button button-secondary" onClick={() => props.setPage(props.page - 1)}>
        Back
      </button>
      {props.last ? (
        <button type="button" className="button button-primary" onClick={props.onSubmit}>
          Submit feedback
        </button>
      ) : (
        <button type="button" className="button button-primary" onClick={() => props.setPage(props.page + 1)}>
          Next
        </button>
      )}
    </p>
  );
}

/** One statement: a radio group (the scale plus "don't know / not observed") in a fieldset. */
function Rating(props: {
  number: number;
  id: string;
  text: string;
  scale: { min: number; labels: string[] };
  value: Value | undefined;
  state: SaveState | undefined;
  onChange: (v: Value) => void;
}) {
  const name = `r-${props.id}`;
  const options: { value: Value; label: string }[] = [
    ...props.scale.labels.map((label, i) => ({ value: props.scale.min + i, label })),
    { value: 'not-observed', label: 'Don’t know / not observed' },
  ];
  return (
    <fieldset className={`question${props.value !== undefined ? ' answered' : ''}`}>
      <legend>
        <span className="q-number">{props.number}.</span> {props.text}
      </legend>
      <div className="scale">
        {options.map((o) => (
          <label
            key={String(o.value)}
            className={`scale-option${props.value === o.value ? ' checked' : ''}${o.value === 'not-observed' ? ' not-observed' : ''}`}
          >
            <input
              type="radio"
              name={name}
              value={String(o.value)}
              checked={props.value === o.value}
              onChange={() => props.onChange(o.value)}
            />
            <span className="scale-label">{o.label}</span>
          </label>
        ))}
      </div>
      <div className="q-foot">
        <span className={`q-status q-status-${props.state ?? 'none'}`}>
          {props.state === 'saving'
            ? 'Saving…'
            : props.state === 'saved'
              ? 'Saved'
              : props.state === 'error'
                ? 'Not saved yet'
                : ''}
        </span>
      </div>
    </fieldset>
  );
}
