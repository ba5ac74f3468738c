import { type FormEvent, useEffect, useId, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../lib/api.ts';
import { useTitle } from '../../lib/useTitle.ts';
import { messageOf } from '../account/api.ts';
import {
  CADENCES,
  type Cadence,
  cadenceLabel,
  formMessage,
  lastSituation,
  type NewAction,
  type Practice,
  plansApi,
  problemsAt,
  type SituationInput,
  type Suggestions,
} from './api.ts';
import { LabelledField, LiveStatus, Loading, useHeadingFocus, useSession } from './common.tsx';

/** An action the person writes; `when` is a cadence, or `once` with a due date. */
interface Draft {
  key: number;
  scale: string;
  title: string;
  when: Cadence | 'once';
  dueDate: string;
  partner: string;
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
let nextKey = 1;

/**
 * `/plans/new`: step 1 chooses one to three focus areas (suggested from my profile, and from the
 * situation I described to the advisor, each with its reason; any other scale may be chosen); step 2
 * picks practices from the library and/or writes my own actions, and sets check-ins and re-assessment.
 */
export function NewPlanPage() {
  useTitle('New development plan');
  const me = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [data, setData] = useState<Suggestions | null>(null);
  const [situation, setSituation] = useState<SituationInput | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [step, setStep] = useState<1 | 2>(1);
  const [chosen, setChosen] = useState<string[]>([]);
  const [stepError, setStepError] = useState<string | null>(null);
  const [practices, setPractices] = useState<string[]>([]);
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [title, setTitle] = useState('My development plan');
  const [checkInCadence, setCheckInCadence] = useState<Cadence>('weekly');
  const [reassessAfterDays, setReassessAfterDays] = useState('90');
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!me) return;
    const described = lastSituation();
    const fromLink = (params.get('focus') ?? '').split(',').filter(Boolean);
    const load = async () => {
      let result: Suggestions;
      let used: SituationInput | null = described;
      try {
        result = await plansApi.suggestions(described ?? undefined);
      } catch (e) {
        // a kept situation the server no longer understands (e.g. an old example id): go on without it
        if (!(described && e instanceof ApiError && e.status === 400)) throw e;
        used = null;
        result = await plansApi.suggestions();
      }
      const known = (id: string) => result.scales.some((s) => s.id === id);
      setSituation(result.situation ? used : null);
      setChosen(
        (fromLink.some(known) ? fromLink.filter(known) : result.focusAreas.map((f) => f.scale)).slice(0, 3),
      );
      setData(result);
    };
    load().catch((e) => setLoadError(messageOf(e)));
  }, [me, params]);

  const heading = useHeadingFocus(data !== null, step);
  if (!data) return <Loading title="New development plan" error={loadError} />;

  const scaleName = (id: string) => data.scales.find((s) => s.id === id)?.name ?? id;
  const toggle = (id: string, on: boolean) => {
    setStepError(null);
    setChosen((c) => (on ? [...c, id] : c.filter((x) => x !== id)));
  };

  const toStep2 = (e: FormEvent) => {
    e.preventDefault();
    if (chosen.length < 1 || chosen.length > 3) {
      setStepError('Choose one, two or three focus areas.');
      return;
    }
    setPractices((p) => p.filter((id) => chosen.includes(practiceScale(data, id))));
    setDrafts((d) => d.filter((x) => chosen.includes(x.scale)));
    setStep(2);
  };

  // the actions in the order they are sent, so a problem at `actions[i]` finds its field
  const actions: { action: NewAction; draft?: number }[] = [
    ...chosen.flatMap((scale) =>
      practices
        .filter((id) => practiceScale(data, id) === scale)
        .map((practiceId) => ({ action: { practiceId } as NewAction })),
    ),
    ...drafts
      .filter((d) => chosen.includes(d.scale))
      .map((d) => ({
        draft: d.key,
        action: {
          scale: d.scale,
          title: d.title,
          ...(d.when === 'once' ? { dueDate: d.dueDate } : { cadence: d.when }),
          ...(d.partner.trim() ? { partner: d.partner.trim() } : {}),
        } as NewAction,
      })),
  ];
  const draftPath = (key: number) => `actions[${actions.findIndex((a) => a.draft === key)}]`;

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    setStatus('Creating your plan…');
    try {
      const plan = await plansApi.create({
        title: title.trim(),
        focusAreas: chosen,
        ...(situation ? { situation } : {}),
        checkInCadence,
        reassessAfterDays: Number(reassessAfterDays),
        actions: actions.map((a) => a.action),
      });
      navigate(`/plans/${plan.id}`, { state: { created: true } });
    } catch (err) {
      setError(err);
      setStatus(null);
      setBusy(false);
    }
  };

  if (step === 1) {
    const suggested = data.focusAreas;
    const others = data.scales.filter((s) => !suggested.some((f) => f.scale === s.id));
    const full = chosen.length >= 3;
    return (
      <div className="wrap narrow page plans">
        <p className="muted step">Step 1 of 2</p>
        <h1 ref={heading} tabIndex={-1}>
          What will you work on?
        </h1>
        {data.profile ? (
          <p>
            {data.situation
              ? 'Suggested based on your profile and the situation you described'
              : 'Suggested based on your profile'}{' '}
            ({data.profile.quadrant?.name ?? 'your latest assessment'}). Choose one to three focus areas;
            fewer is usually better.
          </p>
        ) : (
          <div className="intro">
            <p>
              You have not completed the assessment yet, so there is nothing to suggest from.{' '}
              <Link to="/">Take the assessment first</Link> (about five minutes) and come back for suggestions
              — or choose freely below.
            </p>
          </div>
        )}
        {data.situation && (
          <p className="muted">
            Your situation: {data.situation.overall}. {data.situation.summary}
          </p>
        )}
        <form onSubmit={toStep2} className="account-form" noValidate>
          {suggested.length > 0 && (
            <fieldset className="choices">
              <legend>Suggested focus areas</legend>
              {suggested.map((f) => (
                <p key={f.scale} className="choice">
                  <label>
                    <input
                      type="checkbox"
                      checked={chosen.includes(f.scale)}
                      disabled={full && !chosen.includes(f.scale)}
                      onChange={(e) => toggle(f.scale, e.target.checked)}
                      aria-describedby={`reason-${f.scale}`}
                    />{' '}
                    <strong>{f.name}</strong>
                  </label>
                  <span id={`reason-${f.scale}`} className="reason">
                    {f.reason}
                  </span>
                </p>
              ))}
            </fieldset>
          )}
          <fieldset className="choices">
            <legend>{suggested.length > 0 ? 'Or choose another area' : 'Choose focus areas'}</legend>
            {others.map((s) => (
              <p key={s.id} className="choice">
                <label>
                  <input
                    type="checkbox"
                    checked={chosen.includes(s.id)}
                    disabled={full && !chosen.includes(s.id)}
                    onChange={(e) => toggle(s.id, e.target.checked)}
                  />{' '}
                  {s.name} <span className="muted">({poleLabel(s.pole)})</span>
                </label>
              </p>
            ))}
          </fieldset>
          <p className="muted" aria-live="polite">
            {chosen.length} of at most 3 chosen{full ? ' — uncheck one to choose another.' : '.'}
          </p>
          <LiveStatus status={null} error={stepError} />
          <p>
            <button type="submit" className="button button-primary">
              Continue: choose actions
            </button>
          </p>
        </form>
      </div>
    );
  }

  const fields = [
    'title',
    'checkInCadence',
    'reassessAfterDays',
    'focusAreas',
    ...actions.map((_, i) => `actions[${i}]`),
  ];
  return (
    <div className="wrap narrow page plans">
      <p className="muted step">Step 2 of 2</p>
      <h1 ref={heading} tabIndex={-1}>
        Choose your actions
      </h1>
      <p>
        For each focus area, pick practices from the library and/or write an action of your own. Two or three
        actions in all are plenty to start with.
      </p>
      <form onSubmit={create} className="account-form" noValidate>
        {chosen.map((scale) => {
          const choice = data.scales.find((s) => s.id === scale);
          const reason = data.focusAreas.find((f) => f.scale === scale)?.reason;
          return (
            <section key={scale} className="focus-section" aria-labelledby={`focus-${scale}`}>
              <h2 id={`focus-${scale}`}>{scaleName(scale)}</h2>
              {reason && <p className="reason">{reason}</p>}
              <ul className="practice-cards">
                {(choice?.practices ?? []).map((p) => (
                  <PracticeCard
                    key={p.id}
                    practice={p}
                    checked={practices.includes(p.id)}
                    onChange={(on) =>
                      setPractices((list) => (on ? [...list, p.id] : list.filter((x) => x !== p.id)))
                    }
                  />
                ))}
              </ul>
              {drafts
                .filter((d) => d.scale === scale)
                .map((d, i) => (
                  <DraftFields
                    key={d.key}
                    draft={d}
                    legend={`Your own action ${i + 1} for ${scaleName(scale)}`}
                    problems={(field) => problemsAt(error, `${draftPath(d.key)}.${field}`)}
                    onChange={(changed) =>
                      setDrafts((list) => list.map((x) => (x.key === d.key ? { ...x, ...changed } : x)))
                    }
                    onRemove={() => setDrafts((list) => list.filter((x) => x.key !== d.key))}
                  />
                ))}
              <p>
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={() =>
                    setDrafts((list) => [
                      ...list,
                      {
                        key: nextKey++,
                        scale,
                        title: '',
                        when: 'weekly',
                        dueDate: inDays(30),
                        partner: '',
                      },
                    ])
                  }
                >
                  Write my own action for {scaleName(scale)}
                </button>
              </p>
            </section>
          );
        })}

        <section className="plan-settings" aria-labelledby="settings-h">
          <h2 id="settings-h">Check-ins and re-assessment</h2>
          <LabelledField label="Plan title" problems={problemsAt(error, 'title')}>
            {(a) => <input {...a} type="text" value={title} onChange={(e) => setTitle(e.target.value)} />}
          </LabelledField>
          <LabelledField
            label="Check in"
            hint="A short look at each action and a line of reflection. Weekly suits most people."
            problems={problemsAt(error, 'checkInCadence')}
          >
            {(a) => (
              <select
                {...a}
                value={checkInCadence}
                onChange={(e) => setCheckInCadence(e.target.value as Cadence)}
              >
                {CADENCES.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.label}
                  </option>
                ))}
              </select>
            )}
          </LabelledField>
          <LabelledField
            label="Re-take the assessment after (days)"
            hint="From 14 to 730 days. About 90 days gives habits time to show; sooner, a change is hard to tell from measurement error."
            problems={problemsAt(error, 'reassessAfterDays')}
          >
            {(a) => (
              <input
                {...a}
                type="number"
                min={14}
                max={730}
                inputMode="numeric"
                value={reassessAfterDays}
                onChange={(e) => setReassessAfterDays(e.target.value)}
              />
            )}
          </LabelledField>
        </section>
        <p className="muted">
          {actions.length === 0
            ? 'No action chosen yet: you can also add actions later, on the plan.'
            : `${actions.length} action${actions.length === 1 ? '' : 's'} chosen.`}
        </p>
        <LiveStatus status={status} error={formMessage(error, fields)} />
        <p className="button-row">
          <button type="button" className="button button-secondary" onClick={() => setStep(1)}>
            ← Back to focus areas
          </button>
          <button type="submit" className="button button-primary" disabled={busy}>
            Create the plan
          </button>
        </p>
      </form>
    </div>
  );
}

const practiceScale = (data: Suggestions, id: string) =>
  data.scales.find((s) => s.practices.some((p) => p.id === id))?.id ?? '';

export const poleLabel = (pole: string) =>
  pole === 'lead' ? 'leading' : pole === 'manage' ? 'managing' : 'foundation';

/** A practice from the library as a card: what to do, how often, how long, how to tell it works. */
export function PracticeCard(props: {
  practice: Practice;
  checked: boolean;
  onChange: (on: boolean) => void;
}) {
  const { practice: p } = props;
  const id = useId();
  return (
    <li className={`practice-card${props.checked ? ' chosen' : ''}`}>
      <h3 id={`${id}-t`}>{p.title}</h3>
      <p>{p.what}</p>
      <dl className="facts">
        <div>
          <dt>How often</dt>
          <dd>{p.cadence === 'once' ? 'Once (a small project)' : cadenceLabel(p.cadence)}</dd>
        </div>
        <div>
          <dt>Time</dt>
          <dd>{p.time}</dd>
        </div>
      </dl>
      <p className="signs">
        <strong>Signs it works:</strong> {p.signs}
      </p>
      <label className="pick">
        <input type="checkbox" checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} />{' '}
        Add “{p.title}” to my plan
      </label>
    </li>
  );
}

function DraftFields(props: {
  draft: Draft;
  legend: string;
  problems: (field: string) => string[];
  onChange: (changed: Partial<Draft>) => void;
  onRemove?: () => void;
}) {
  const { draft: d } = props;
  return (
    <fieldset className="draft">
      <legend>{props.legend}</legend>
      <LabelledField label="What you will do" problems={props.problems('title')}>
        {(a) => (
          <input
            {...a}
            type="text"
            value={d.title}
            maxLength={300}
            onChange={(e) => props.onChange({ title: e.target.value })}
          />
        )}
      </LabelledField>
      <LabelledField label="How often" problems={props.problems('cadence')}>
        {(a) => (
          <select
            {...a}
            value={d.when}
            onChange={(e) => props.onChange({ when: e.target.value as Draft['when'] })}
          >
            {CADENCES.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
            <option value="once">Once, by a date</option>
          </select>
        )}
      </LabelledField>
      {d.when === 'once' && (
        <LabelledField label="Due date" problems={props.problems('dueDate')}>
          {(a) => (
            <input
              {...a}
              type="date"
              value={d.dueDate}
              onChange={(e) => props.onChange({ dueDate: e.target.value })}
            />
          )}
        </LabelledField>
      )}
      <LabelledField
        label="Accountability partner (optional)"
        hint="Someone who will ask you how it went: a name or e-mail address."
        problems={props.problems('partner')}
      >
        {(a) => (
          <input
            {...a}
            type="text"
            value={d.partner}
            maxLength={200}
            onChange={(e) => props.onChange({ partner: e.target.value })}
          />
        )}
      </LabelledField>
      {props.onRemove && (
        <button type="button" className="button button-secondary" onClick={props.onRemove}>
          Remove this action
        </button>
      )}
    </fieldset>
  );
}

export { type Draft, DraftFields, inDays };
