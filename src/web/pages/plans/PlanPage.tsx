import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../lib/api.ts';
import { useTitle } from '../../lib/useTitle.ts';
import { messageOf } from '../account/api.ts';
import {
  type ActionStatus,
  cadenceLabel,
  formatDay,
  formMessage,
  type NewAction,
  type PlanAction,
  type PlanView,
  plansApi,
  problemsAt,
  type Share,
  STATUSES,
  type Suggestions,
  statusLabel,
} from './api.ts';
import { LabelledField, LiveStatus, Loading, useHeadingFocus, useSession } from './common.tsx';
import { type Draft, DraftFields, inDays } from './NewPlanPage.tsx';

/** Announcements shared by the whole page: one polite status, one alert. */
interface Announce {
  saved: (text: string) => void;
  failed: (error: unknown) => void;
}

/**
 * `/plans/:planId`: the plan's focus areas, actions (status changeable), check-ins and schedule;
 * to its owner also adding actions, the calendar feed, sharing, archiving and deleting. A person the
 * plan is shared with reads it without any form.
 */
export function PlanPage() {
  const { planId = '' } = useParams();
  const location = useLocation();
  const me = useSession();
  const [plan, setPlan] = useState<PlanView | null>(null);
  const [library, setLibrary] = useState<Suggestions['scales']>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(
    (location.state as { created?: boolean } | null)?.created ? 'Plan created.' : null,
  );
  const [error, setError] = useState<string | null>(null);
  useTitle(plan?.title ?? 'Development plan');

  const reload = useCallback(async () => setPlan(await plansApi.get(planId)), [planId]);
  useEffect(() => {
    if (!me) return;
    plansApi.get(planId).then(
      (p) => {
        setPlan(p);
        if (p.mine)
          plansApi.suggestions().then(
            (s) => setLibrary(s.scales),
            () => {},
          );
      },
      (e) =>
        setLoadError(
          e instanceof ApiError && e.status === 404
            ? 'This plan does not exist, or it is not shared with you.'
            : messageOf(e),
        ),
    );
  }, [me, planId]);
  const heading = useHeadingFocus(plan !== null);

  if (!plan) return <Loading title="Development plan" error={loadError} />;
  const announce: Announce = {
    saved: (text) => {
      setError(null);
      setStatus(text);
    },
    failed: (e) => {
      setStatus(null);
      setError(messageOf(e));
    },
  };
  const editable = plan.mine;
  const scaleName = (id: string) =>
    plan.focusAreas.find((f) => f.scale === id)?.name ?? library.find((s) => s.id === id)?.name ?? id;

  return (
    <div className="wrap page plans plan">
      <p className="breadcrumb">
        <Link to="/plans">← All plans</Link>
      </p>
      <h1 ref={heading} tabIndex={-1}>
        {plan.title}
        {plan.status === 'archived' && <span className="badge badge-muted"> archived</span>}
      </h1>
      {!plan.mine && (
        <p className="intro">
          {plan.owner.name} shared this plan with you. You can read it; only {plan.owner.name} can change it,
          and they can stop sharing it at any time.
        </p>
      )}
      <LiveStatus status={status} error={error} />

      <section aria-labelledby="focus-h">
        <h2 id="focus-h">Focus areas</h2>
        <ul className="focus-list">
          {plan.focusAreas.map((f) => (
            <li key={f.scale}>
              <strong>{f.name}</strong> — <span className="reason">{f.reason}</span>
            </li>
          ))}
        </ul>
      </section>

      <Schedule plan={plan} />

      <section aria-labelledby="actions-h">
        <h2 id="actions-h">Actions</h2>
        {plan.actions.length === 0 ? (
          <p className="muted">No actions yet.</p>
        ) : (
          <ul className="action-list">
            {plan.actions.map((a) => (
              <ActionItem
                key={a.id}
                planId={plan.id}
                action={a}
                scaleName={scaleName(a.scale)}
                editable={editable}
                announce={announce}
                onChanged={reload}
              />
            ))}
          </ul>
        )}
        {editable && (
          <AddAction
            plan={plan}
            library={library}
            announce={announce}
            onAdded={reload}
            scaleName={scaleName}
          />
        )}
      </section>

      {editable && plan.status === 'active' && plan.actions.length > 0 && (
        <CheckInForm
          key={plan.actions.map((a) => `${a.id}:${a.status}`).join()}
          plan={plan}
          announce={announce}
          onDone={reload}
        />
      )}
      <CheckInHistory plan={plan} />

      {editable && (
        <>
          <CalendarFeed plan={plan} announce={announce} onChanged={reload} />
          <Sharing plan={plan} announce={announce} />
          <Manage plan={plan} announce={announce} onChanged={setPlan} />
        </>
      )}
    </div>
  );
}

function Schedule({ plan }: { plan: PlanView }) {
  const { schedule } = plan;
  return (
    <section aria-labelledby="schedule-h">
      <h2 id="schedule-h">Schedule</h2>
      {schedule.reassessDue && (
        <div className="callout">
          <p>
            <strong>It is time to re-take the assessment</strong> (due since {formatDay(schedule.reassessOn)}
            ). Your growth view then shows which changes are real and which are within measurement error.
          </p>
          <p>
            <Link to="/" className="button button-primary">
              Re-take the assessment
            </Link>
          </p>
        </div>
      )}
      <dl className="facts">
        <div>
          <dt>Next check-in</dt>
          <dd>{plan.status === 'archived' ? 'none (archived)' : formatDay(schedule.nextCheckIn)}</dd>
        </div>
        <div>
          <dt>Check-ins</dt>
          <dd>{cadenceLabel(plan.checkInCadence)}</dd>
        </div>
        <div>
          <dt>Re-assessment</dt>
          <dd>{formatDay(schedule.reassessOn)}</dd>
        </div>
      </dl>
      {schedule.upcoming.length > 1 && plan.status === 'active' && (
        <p className="muted">Upcoming check-ins: {schedule.upcoming.map((d) => formatDay(d)).join(' · ')}</p>
      )}
    </section>
  );
}

function when(a: PlanAction): string {
  if (a.cadence) return cadenceLabel(a.cadence);
  if (a.dueDate) return `by ${formatDay(a.dueDate)}`;
  return '';
}

function ActionItem(props: {
  planId: string;
  action: PlanAction;
  scaleName: string;
  editable: boolean;
  announce: Announce;
  onChanged: () => Promise<void>;
}) {
  const { action: a, announce } = props;
  const [confirming, setConfirming] = useState(false);
  const setStatus = async (status: ActionStatus) => {
    try {
      await plansApi.updateAction(props.planId, a.id, { status });
      await props.onChanged();
      announce.saved(`Saved: “${a.title}” is now ${statusLabel(status).toLowerCase()}.`);
    } catch (e) {
      announce.failed(e);
    }
  };
  const remove = async () => {
    try {
      await plansApi.removeAction(props.planId, a.id);
      await props.onChanged();
      announce.saved(`Removed “${a.title}”.`);
    } catch (e) {
      announce.failed(e);
    }
  };
  return (
    <li className={`action-item status-${a.status}`}>
      <h3>{a.title}</h3>
      <p className="muted">
        {props.scaleName} · {when(a)}
        {a.practiceId ? ' · from the practice library' : ''}
        {a.partner ? ` · with ${a.partner}` : ''}
      </p>
      {props.editable ? (
        <p className="action-controls">
          <label>
            Status of “{a.title}”{' '}
            <select value={a.status} onChange={(e) => setStatus(e.target.value as ActionStatus)}>
              {STATUSES.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
            </select>
          </label>
          {confirming ? (
            <>
              <button type="button" className="button button-danger" onClick={remove}>
                Yes, remove it
              </button>
              <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
                Keep it
              </button>
            </>
          ) : (
            <button
              type="button"
              className="button button-secondary"
              onClick={() => setConfirming(true)}
              aria-label={`Remove “${a.title}”`}
            >
              Remove
            </button>
          )}
        </p>
      ) : (
        <p>
          Status: <strong>{statusLabel(a.status)}</strong>
        </p>
      )}
    </li>
  );
}

function AddAction(props: {
  plan: PlanView;
  library: Suggestions['scales'];
  announce: Announce;
  onAdded: () => Promise<void>;
  scaleName: (id: string) => string;
}) {
  const { plan } = props;
  const focus = plan.focusAreas.map((f) => f.scale);
  const taken = new Set(plan.actions.map((a) => a.practiceId).filter(Boolean));
  const practices = props.library
    .filter((s) => focus.includes(s.id))
    .map((s) => ({ ...s, practices: s.practices.filter((p) => !taken.has(p.id)) }));
  const [practiceId, setPracticeId] = useState('');
  const [scale, setScale] = useState(focus[0] ?? '');
  const [draft, setDraft] = useState<Draft>(() => ({
    key: 0,
    scale: focus[0] ?? '',
    title: '',
    when: 'weekly',
    dueDate: inDays(30),
    partner: '',
  }));
  const [error, setError] = useState<unknown>(null);

  const add = async (action: NewAction, done: () => void) => {
    setError(null);
    try {
      const added = await plansApi.addAction(plan.id, action);
      await props.onAdded();
      done();
      props.announce.saved(`Added “${added.title}”.`);
    } catch (e) {
      setError(e);
      props.announce.failed(e);
    }
  };
  const addPractice = (e: FormEvent) => {
    e.preventDefault();
    if (practiceId) add({ practiceId }, () => setPracticeId(''));
  };
  const addOwn = (e: FormEvent) => {
    e.preventDefault();
    add(
      {
        scale,
        title: draft.title,
        ...(draft.when === 'once' ? { dueDate: draft.dueDate } : { cadence: draft.when }),
        ...(draft.partner.trim() ? { partner: draft.partner.trim() } : {}),
      },
      () => setDraft((d) => ({ ...d, title: '', partner: '' })),
    );
  };

  return (
    <details className="add-action">
      <summary>Add an action</summary>
      {practices.some((s) => s.practices.length > 0) && (
        <form onSubmit={addPractice} className="account-form">
          <LabelledField label="From the practice library" problems={problemsAt(error, 'practiceId')}>
            {(a) => (
              <select {...a} value={practiceId} onChange={(e) => setPracticeId(e.target.value)}>
                <option value="">Choose a practice…</option>
                {practices.map((s) => (
                  <optgroup key={s.id} label={s.name}>
                    {s.practices.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.title} ({p.cadence === 'once' ? 'once' : cadenceLabel(p.cadence).toLowerCase()},{' '}
                        {p.time})
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            )}
          </LabelledField>
          <button type="submit" className="button button-secondary" disabled={!practiceId}>
            Add this practice
          </button>
        </form>
      )}
      <form onSubmit={addOwn} className="account-form" noValidate>
        <LabelledField label="Focus area of your action" problems={problemsAt(error, 'scale')}>
          {(a) => (
            <select {...a} value={scale} onChange={(e) => setScale(e.target.value)}>
              {focus.map((id) => (
                <option key={id} value={id}>
                  {props.scaleName(id)}
                </option>
              ))}
            </select>
          )}
        </LabelledField>
        <DraftFields
          draft={draft}
          legend="Your own action"
          problems={(field) => problemsAt(error, field)}
          onChange={(changed) => setDraft((d) => ({ ...d, ...changed }))}
        />
        <button type="submit" className="button button-secondary">
          Add my action
        </button>
      </form>
      <p
        className="error"
        hidden={!formMessage(error, ['practiceId', 'scale', 'title', 'cadence', 'dueDate', 'partner'])}
      >
        {formMessage(error, ['practiceId', 'scale', 'title', 'cadence', 'dueDate', 'partner'])}
      </p>
    </details>
  );
}

function CheckInForm(props: { plan: PlanView; announce: Announce; onDone: () => Promise<void> }) {
  const { plan } = props;
  const open = plan.actions.filter((a) => a.status !== 'dropped');
  const initial = () => Object.fromEntries(open.map((a) => [a.id, { status: a.status, note: '' }]));
  const [progress, setProgress] = useState<Record<string, { status: ActionStatus; note: string }>>(initial);
  const [reflection, setReflection] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const ids = open.map((a) => a.id);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await plansApi.checkIn(plan.id, {
        progress: ids.map((actionId) => ({
          actionId,
          status: progress[actionId]?.status ?? 'planned',
          ...(progress[actionId]?.note.trim() ? { note: progress[actionId]!.note.trim() } : {}),
        })),
        ...(reflection.trim() ? { reflection: reflection.trim() } : {}),
      });
      await props.onDone();
      setReflection('');
      setProgress((p) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, { ...v, note: '' }])));
      props.announce.saved('Check-in recorded. It is at the top of your check-in history.');
    } catch (err) {
      setError(err);
      props.announce.failed(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="check-in-h">
      <h2 id="check-in-h">Check in</h2>
      <p>How did each action go since your last check-in? Each action takes the status you give here.</p>
      <form onSubmit={submit} className="account-form check-in" noValidate>
        {open.map((a, i) => {
          const value = progress[a.id] ?? { status: a.status, note: '' };
          const set = (changed: Partial<typeof value>) =>
            setProgress((p) => ({ ...p, [a.id]: { ...value, ...changed } }));
          return (
            <fieldset key={a.id} className="check-in-action">
              <legend>{a.title}</legend>
              <div className="radio-row">
                {STATUSES.map((s) => (
                  <label key={s.id}>
                    <input
                      type="radio"
                      name={`status-${a.id}`}
                      value={s.id}
                      checked={value.status === s.id}
                      onChange={() => set({ status: s.id })}
                    />{' '}
                    {s.label}
                  </label>
                ))}
              </div>
              <LabelledField
                label="Note (optional)"
                problems={problemsAt(error, `progress[${i}]`)}
                className="note-field"
              >
                {(attrs) => (
                  <input
                    {...attrs}
                    type="text"
                    maxLength={1000}
                    value={value.note}
                    onChange={(e) => set({ note: e.target.value })}
                  />
                )}
              </LabelledField>
            </fieldset>
          );
        })}
        <LabelledField
          label="Reflection"
          hint="What helped, what got in the way, what you will try next."
          problems={problemsAt(error, 'reflection')}
        >
          {(a) => (
            <textarea
              {...a}
              maxLength={4000}
              value={reflection}
              onChange={(e) => setReflection(e.target.value)}
            />
          )}
        </LabelledField>
        <button type="submit" className="button button-primary" disabled={busy}>
          Record the check-in
        </button>
      </form>
    </section>
  );
}

function CheckInHistory({ plan }: { plan: PlanView }) {
  const title = (id: string) => plan.actions.find((a) => a.id === id)?.title ?? 'A removed action';
  return (
    <section aria-labelledby="history-h">
      <h2 id="history-h">Check-in history</h2>
      {plan.checkIns.length === 0 ? (
        <p className="muted">No check-ins yet.</p>
      ) : (
        <ol className="history">
          {plan.checkIns.map((c) => (
            <li key={c.id}>
              <h3>
                <time dateTime={c.at}>{formatDay(c.at)}</time>
              </h3>
              {c.progress.length > 0 && (
                <ul>
                  {c.progress.map((p) => (
                    <li key={p.actionId}>
                      {title(p.actionId)}: <strong>{statusLabel(p.status)}</strong>
                      {p.note ? ` — ${p.note}` : ''}
                    </li>
                  ))}
                </ul>
              )}
              {c.reflection && <blockquote>{c.reflection}</blockquote>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function CalendarFeed(props: { plan: PlanView; announce: Announce; onChanged: () => Promise<void> }) {
  const { plan, announce } = props;
  const [url, setUrl] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const enabled = plan.calendar?.enabled ?? false;

  const turnOn = async () => {
    try {
      const { url } = await plansApi.enableCalendar(plan.id);
      setUrl(url);
      setCopied(false);
      await props.onChanged();
      announce.saved(
        enabled ? 'A new calendar link is ready; the old one no longer works.' : 'Calendar feed on.',
      );
      setTimeout(() => field.current?.select(), 0);
    } catch (e) {
      announce.failed(e);
    }
  };
  const turnOff = async () => {
    try {
      await plansApi.disableCalendar(plan.id);
      setUrl(null);
      await props.onChanged();
      announce.saved('Calendar feed off. The link no longer works.');
    } catch (e) {
      announce.failed(e);
    }
  };
  const copy = async () => {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
      announce.saved('Link copied.');
    } catch {
      field.current?.select();
      announce.saved('Press Ctrl+C (or ⌘C) to copy the selected link.');
    }
  };

  return (
    <section aria-labelledby="calendar-h">
      <h2 id="calendar-h">Calendar feed</h2>
      <p>
        Add your check-in dates, due dates and the re-assessment to your own calendar (Google, Outlook, Apple
        Calendar: “subscribe to a calendar by URL”). The link is private: anyone who has it sees this plan’s
        dates and action titles, so keep it to yourself.
      </p>
      {url && (
        <div className="callout">
          <LabelledField
            label="Your private calendar link"
            hint="Shown only now. Copy it into your calendar app; if you lose it, renew it to get a new one."
          >
            {(a) => <input {...a} ref={field} type="text" readOnly value={url} className="secret" />}
          </LabelledField>
          <button type="button" className="button button-secondary" onClick={copy}>
            {copied ? 'Copied' : 'Copy the link'}
          </button>
        </div>
      )}
      {enabled ? (
        <p className="button-row">
          {!url && <span>The feed is on.</span>}
          <button type="button" className="button button-secondary" onClick={turnOn}>
            Renew the link
          </button>
          <button type="button" className="button button-secondary" onClick={turnOff}>
            Turn the feed off
          </button>
        </p>
      ) : (
        <button type="button" className="button button-secondary" onClick={turnOn}>
          Turn on the calendar feed
        </button>
      )}
      {enabled && <p className="muted">Renewing makes a new link and stops the old one at once.</p>}
    </section>
  );
}

function Sharing({ plan, announce }: { plan: PlanView; announce: Announce }) {
  const [shared, setShared] = useState<Share[]>(plan.sharedWith ?? []);
  const [people, setPeople] = useState<{ userId: string; name: string; email: string }[]>([]);
  const [email, setEmail] = useState('');
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    plansApi.shareSuggestions().then(
      (r) => setPeople(r.people),
      () => {},
    );
  }, []);

  const share = async (address: string, clear = false) => {
    setError(null);
    try {
      const r = await plansApi.share(plan.id, address);
      setShared(r.sharedWith);
      if (clear) setEmail('');
      announce.saved(`Shared with ${address}. They can read this plan; you can stop sharing at any time.`);
    } catch (e) {
      setError(e);
      announce.failed(e);
    }
  };
  const revoke = async (s: Share) => {
    try {
      const r = await plansApi.unshare(plan.id, s.userId);
      setShared(r.sharedWith);
      announce.saved(`${s.name} can no longer see this plan.`);
    } catch (e) {
      announce.failed(e);
    }
  };
  const suggestions = people.filter((p) => !shared.some((s) => s.userId === p.userId));

  return (
    <section aria-labelledby="sharing-h">
      <h2 id="sharing-h">Sharing</h2>
      <p>
        You can share this plan with your coach or a colleague in your organisation. They can{' '}
        <strong>read</strong> it — focus areas, actions and check-ins — but cannot change anything. You can
        stop sharing at any time, and they lose access at once. Your assessment answers are never shared.
      </p>
      {suggestions.length > 0 && (
        <ul className="plain-list">
          {suggestions.map((p) => (
            <li key={p.userId}>
              <button type="button" className="button button-secondary" onClick={() => share(p.email)}>
                Share with {p.name} (your coach)
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="account-form inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          share(email.trim(), true);
        }}
        noValidate
      >
        <LabelledField label="Colleague’s e-mail address" problems={problemsAt(error, 'email')}>
          {(a) => (
            <input
              {...a}
              type="email"
              autoComplete="off"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </LabelledField>
        <button type="submit" className="button button-secondary">
          Share (read only)
        </button>
      </form>
      <h3>Shared with</h3>
      {shared.length === 0 ? (
        <p className="muted">No one. This plan is private to you.</p>
      ) : (
        <ul className="share-list">
          {shared.map((s) => (
            <li key={s.userId}>
              {s.name}{' '}
              <span className="muted">
                ({s.email}, since {formatDay(s.since)})
              </span>{' '}
              <button
                type="button"
                className="button button-secondary"
                onClick={() => revoke(s)}
                aria-label={`Stop sharing with ${s.name}`}
              >
                Stop sharing
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Manage(props: { plan: PlanView; announce: Announce; onChanged: (plan: PlanView) => void }) {
  const { plan, announce } = props;
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  const archive = async () => {
    const next = plan.status === 'active' ? 'archived' : 'active';
    try {
      props.onChanged(await plansApi.update(plan.id, { status: next }));
      announce.saved(next === 'archived' ? 'Plan archived. Reminders stop.' : 'Plan active again.');
    } catch (e) {
      announce.failed(e);
    }
  };
  const remove = async () => {
    try {
      await plansApi.remove(plan.id);
      navigate('/plans');
    } catch (e) {
      announce.failed(e);
    }
  };

  return (
    <section aria-labelledby="manage-h">
      <h2 id="manage-h">Archive or delete</h2>
      <p>
        Archive a plan you have finished: it stays readable, and reminders stop. Deleting removes the plan,
        its actions and check-ins for good.
      </p>
      <p className="button-row">
        <button type="button" className="button button-secondary" onClick={archive}>
          {plan.status === 'active' ? 'Archive this plan' : 'Make this plan active again'}
        </button>
        {!confirming && (
          <button type="button" className="button button-danger" onClick={() => setConfirming(true)}>
            Delete this plan…
          </button>
        )}
      </p>
      {confirming && (
        <div className="callout callout-danger">
          <p>
            Delete “{plan.title}” with its {plan.actions.length} actions and {plan.checkIns.length} check-ins?
            This cannot be undone.
          </p>
          <p className="button-row">
            <button ref={confirmButton} type="button" className="button button-danger" onClick={remove}>
              Yes, delete it
            </button>
            <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </p>
        </div>
      )}
    </section>
  );
}
