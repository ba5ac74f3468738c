import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useTitle } from '../../lib/useTitle.ts';
import { accountApi, messageOf } from '../account/api.ts';
import { ErrorMessage } from '../account/Field.tsx';
import {
  type AdviceResult,
  type AdvisorCatalog,
  advisorApi,
  type ChosenBehaviour,
  type ExampleSituation,
  readLastSituation,
  saveLastSituation,
} from './api.ts';
import { ContrastBars, signed } from './ContrastBars.tsx';

const RULES_FILE = 'instruments/situations/advisor-rules.v1.yaml';
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const toneOf = (call: string | null) =>
  call === 'lead' ? 'tone-lead' : call === 'manage' ? 'tone-manage' : '';

/** Every factor rated: the given ratings, the rest at the minimum ("not a concern"). */
function complete(catalog: AdvisorCatalog, ratings: Record<string, number>): Record<string, number> {
  const { min, max } = catalog.rules.scale;
  const all: Record<string, number> = {};
  for (const f of catalog.rules.factors) {
    const v = ratings[f.id];
    all[f.id] = typeof v === 'number' && v >= min && v <= max ? v : min;
  }
  return all;
}

const sameRatings = (a: Record<string, number>, b: Record<string, number>) =>
  Object.keys(a).every((k) => a[k] === b[k]);

/** "When to lead, when to manage": describe a situation, get advice, set against your profile. */
export function AdvisorPage() {
  useTitle('When to lead, when to manage');
  const [catalog, setCatalog] = useState<AdvisorCatalog | null>(null);
  const [ratings, setRatings] = useState<Record<string, number>>({});
  const [example, setExample] = useState<string | null>(null);
  const [result, setResult] = useState<AdviceResult | null>(null);
  const [signedIn, setSignedIn] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    advisorApi.catalog().then(
      (c) => {
        setCatalog(c);
        const last = readLastSituation();
        setRatings(complete(c, last?.factors ?? {}));
        setExample(last?.example && c.examples.some((e) => e.id === last.example) ? last.example : null);
      },
      (e) => setError(messageOf(e)),
    );
    accountApi.session().then(
      (s) => setSignedIn(s.signedIn),
      () => setSignedIn(false),
    );
  }, []);

  useEffect(() => {
    if (result) resultHeading.current?.focus();
  }, [result]);

  if (!catalog)
    return <div className="wrap page">{error ? <ErrorMessage error={error} /> : <p>Loading…</p>}</div>;

  const exampleById = (id: string | null) => catalog.examples.find((e) => e.id === id);

  const ask = async (situation: Record<string, number>, exampleId: string | null) => {
    setBusy(true);
    setError(null);
    try {
      const answer = await advisorApi.advise(exampleId ? { example: exampleId } : { factors: situation });
      saveLastSituation({ example: exampleId, factors: situation });
      setResult(answer);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const pickExample = (e: ExampleSituation) => {
    const next = complete(catalog, e.factors);
    setRatings(next);
    setExample(e.id);
    void ask(next, e.id);
  };

  const rate = (factorId: string, value: number) => {
    const next = { ...ratings, [factorId]: value };
    setRatings(next);
    const chosen = exampleById(example);
    if (chosen && !sameRatings(next, complete(catalog, chosen.factors))) setExample(null);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const chosen = exampleById(example);
    const matches = chosen && sameRatings(ratings, complete(catalog, chosen.factors));
    void ask(ratings, matches ? chosen.id : null);
  };

  const { min } = catalog.rules.scale;
  return (
    <div className="wrap page advisor">
      <h1>When to lead, when to manage</h1>
      <p className="lede">
        Uncertainty and change call for leading; deadlines and complex execution call for managing. Describe
        the situation in front of you and see which way it pulls on each contrast, what drove that, and a few
        things to try this week.
      </p>
      <p className="fine-print">
        The advice is a prompt for your own judgement, not a verdict: you know things about your situation
        that {catalog.rules.factors.length} questions cannot. The rules behind it are plain numbers,
        documented in <code>{RULES_FILE}</code> (rules version {catalog.rules.version}).
      </p>

      <section aria-labelledby="examples-h" className="advisor-examples">
        <h2 id="examples-h">Start from an example</h2>
        <ul className="example-list">
          {catalog.examples.map((e) => (
            <li key={e.id}>
              <button
                type="button"
                className="example-card"
                aria-pressed={example === e.id}
                onClick={() => pickExample(e)}
                disabled={busy}
              >
                <span className="example-title">{e.title}</span>
                <span className="example-text">{e.description}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="factors-h">
        <h2 id="factors-h">Or rate each factor</h2>
        <p className="section-intro">
          Each question is worded so that the first answer means “not a concern”. Answers you leave there do
          not count.
          {exampleById(example) && (
            <>
              {' '}
              Now showing: <strong>{exampleById(example)!.title}</strong>.
            </>
          )}
        </p>
        <form onSubmit={submit} className="factor-form">
          {catalog.rules.factors.map((f) => (
            <fieldset
              key={f.id}
              className={`question factor${(ratings[f.id] ?? min) > min ? ' answered' : ''}`}
            >
              <legend>{f.question}</legend>
              <div className="scale">
                {f.labels.map((label, i) => {
                  const value = min + i;
                  const checked = (ratings[f.id] ?? min) === value;
                  return (
                    <label key={value} className={`scale-option${checked ? ' checked' : ''}`}>
                      <input
                        type="radio"
                        name={`factor-${f.id}`}
                        value={value}
                        checked={checked}
                        onChange={() => rate(f.id, value)}
                      />
                      <span>{label}</span>
                    </label>
                  );
                })}
              </div>
            </fieldset>
          ))}
          <p className="actions">
            <button type="submit" className="button button-primary button-large" disabled={busy}>
              {busy ? 'Thinking…' : 'Get advice'}
            </button>
          </p>
          <ErrorMessage error={error} />
        </form>
      </section>

      {result && (
        <AdviceView
          result={result}
          signedIn={signedIn}
          exampleTitle={exampleById(result.advice.situation.example)?.title ?? null}
          factorWhy={Object.fromEntries(catalog.rules.factors.map((f) => [f.id, f.why]))}
          headingRef={resultHeading}
        />
      )}
    </div>
  );
}

function BehaviourList({ items }: { items: ChosenBehaviour[] }) {
  return (
    <ol className="plain-list behaviours">
      {items.map((b) => (
        <li key={b.id}>
          {b.text}
          <br />
          <span className="muted fine-print">{b.why}</span>
        </li>
      ))}
    </ol>
  );
}

function AdviceView(props: {
  result: AdviceResult;
  signedIn: boolean | null;
  exampleTitle: string | null;
  factorWhy: Record<string, string>;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
}) {
  const { advice, profile } = props.result;
  const { overall } = advice;
  return (
    <section aria-labelledby="advice-h" className="advice">
      <h2 id="advice-h" ref={props.headingRef} tabIndex={-1}>
        Advice{props.exampleTitle ? `: ${props.exampleTitle}` : ' for your situation'}
      </h2>
      <div className="panel advice-overall">
        <p className="eyebrow">Overall</p>
        <p className={`advice-label ${toneOf(overall.call)}`}>{cap(overall.labelText)}</p>
        <p>{overall.summary}</p>
        <p className="fine-print">
          Lead pull {overall.leadPull.toFixed(2)}, manage pull {overall.managePull.toFixed(2)}, score{' '}
          {signed(overall.score)} (−1 manage … +1 lead).
        </p>
      </div>

      <div className="panel two-col">
        <div>
          <h3>By contrast</h3>
          <ContrastBars contrasts={advice.contrasts} />
        </div>
        <ul className="plain-list contrast-text">
          {advice.contrasts.map((c) => (
            <li key={c.id}>
              <strong className={toneOf(c.call)}>
                {c.name}: {c.labelText}
              </strong>{' '}
              <span className="muted">({signed(c.score)})</span>
              <br />
              {c.summary}
            </li>
          ))}
        </ul>
      </div>

      <div className="two-col">
        <div className="panel">
          <h3>What drove it</h3>
          {advice.drivers.length === 0 ? (
            <p>No factor was rated above “not a concern”.</p>
          ) : (
            <ul className="plain-list">
              {advice.drivers.map((d) => (
                <li key={d.factor}>
                  {d.explanation}
                  {props.factorWhy[d.factor] && (
                    <>
                      <br />
                      <span className="muted fine-print">{props.factorWhy[d.factor]}</span>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="panel">
          <h3>This week</h3>
          <BehaviourList items={advice.behaviours} />
        </div>
      </div>

      {advice.fit ? (
        <div className="panel fit">
          <h3>Against your profile</h3>
          <p>
            {advice.fit.overall.message}
            {profile && (
              <span className="muted"> (your assessment of {profile.completedAt.slice(0, 10)})</span>
            )}
          </p>
          <ul className="plain-list fit-list">
            {advice.fit.contrasts.map((f) => (
              <li key={f.id}>
                <p>{f.message}</p>
                {f.overuse && (
                  <p className="overuse">
                    <strong>Watch for overuse:</strong> {f.overuse}
                  </p>
                )}
                {f.stretch.length > 0 && (
                  <>
                    <p className="stretch-h">
                      <strong>Stretch:</strong>
                    </p>
                    <BehaviourList items={f.stretch} />
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : props.signedIn ? (
        <p className="notice">
          Take the <Link to="/#start">self-assessment</Link> while signed in to see this advice set against
          your own profile.
        </p>
      ) : props.signedIn === false ? (
        <p className="notice">
          <Link to="/login">Sign in</Link> and take the <Link to="/#start">self-assessment</Link> to get this
          advice tied to your own profile: where the situation asks for the side you use less.
        </p>
      ) : null}

      <p className="actions">
        {props.signedIn && (
          <Link to="/plans/new" className="button button-primary">
            Make a development plan
          </Link>
        )}
        <Link to="/practices" className="button button-secondary">
          Browse the practice library
        </Link>
      </p>
    </section>
  );
}
