import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTitle } from '../../lib/useTitle.ts';
import { accountApi, messageOf } from '../account/api.ts';
import { ErrorMessage, Field, Status } from '../account/Field.tsx';
import { useSession } from '../account/useSession.ts';
import {
  type CycleView,
  feedbackApi,
  GROUPS,
  groupLabel,
  type Load,
  type MyCycles,
  type OtherGroup,
} from './api.ts';

const day = (iso: string) => iso.slice(0, 10);

/** 360° cycles: the ones I run, and the ones about me with their reports. */
export function CyclesPage() {
  useTitle('360° feedback');
  const me = useSession();
  const [data, setData] = useState<MyCycles | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (me) feedbackApi.cycles().then(setData, (e) => setError(messageOf(e)));
  }, [me]);
  if (!data)
    return <div className="wrap page">{error ? <ErrorMessage error={error} /> : <p>Loading…</p>}</div>;
  return (
    <div className="wrap page feedback">
      <h1>360° feedback</h1>
      <p>
        <Link className="button button-primary" to="/cycles/new">
          Open a cycle
        </Link>
      </p>
      <section aria-labelledby="mine-h">
        <h2 id="mine-h">About me</h2>
        {data.aboutMe.length === 0 ? (
          <p className="muted">No feedback cycle about you yet.</p>
        ) : (
          <ul className="plain-list">
            {data.aboutMe.map((c) => (
              <li key={c.subjectId}>
                <strong>{c.title}</strong> —{' '}
                {c.reportAvailable ? (
                  <Link to={`/cycles/${c.cycleId}/subjects/${c.subjectId}/report`}>Read your report</Link>
                ) : (
                  <span>open until {day(c.deadline)}; your report appears when it closes</span>
                )}
                {c.canNominate && <SuggestPeer cycleId={c.cycleId} subjectId={c.subjectId} />}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="run-h">
        <h2 id="run-h">Cycles I run</h2>
        {data.running.length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <ul className="plain-list">
            {data.running.map((c) => (
              <li key={c.id}>
                <Link to={`/cycles/${c.id}`}>{c.title}</Link> —{' '}
                {c.closedAt ? `closed ${day(c.closedAt)}` : `open until ${day(c.deadline)}`}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

/** The subject suggests a peer; the cycle's owner approves before the invitation goes out. */
function SuggestPeer({ cycleId, subjectId }: { cycleId: string; subjectId: string }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await feedbackApi.nominate(cycleId, subjectId, [{ email, name, group: 'peers' }]);
      setStatus(`${email} suggested; it goes out once approved.`);
      setEmail('');
      setName('');
    } catch (err) {
      setError(messageOf(err));
    }
  };
  return (
    <details>
      <summary>Suggest a peer to ask</summary>
      <form onSubmit={submit} className="account-form">
        <Field label="Peer's e-mail" type="email" value={email} onChange={setEmail} />
        <Field label="Peer's name" value={name} onChange={setName} required={false} />
        <button type="submit" className="button button-secondary">
          Suggest
        </button>
      </form>
      <Status text={status} />
      <ErrorMessage error={error} />
    </details>
  );
}

const DEFAULT_GROUPS: Record<OtherGroup, { on: boolean; min: string; max: string }> = {
  manager: { on: true, min: '1', max: '1' },
  peers: { on: true, min: '3', max: '8' },
  'direct-reports': { on: true, min: '3', max: '8' },
  others: { on: false, min: '0', max: '5' },
};

/** Opening a cycle: who, which groups and how many, the deadline, reminders and two open questions. */
export function NewCyclePage() {
  useTitle('Open a 360° cycle');
  const me = useSession();
  const navigate = useNavigate();
  const [people, setPeople] = useState<{ userId: string; name: string }[]>([]);
  const [chosen, setChosen] = useState<string[]>([]);
  const [title, setTitle] = useState('');
  const [deadline, setDeadline] = useState(() =>
    new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10),
  );
  const [groups, setGroups] = useState(DEFAULT_GROUPS);
  const [threshold, setThreshold] = useState('3');
  const [managerSeparately, setManagerSeparately] = useState(false);
  const [includeSelf, setIncludeSelf] = useState(true);
  const [reminders, setReminders] = useState('3, 1');
  const [q1, setQ1] = useState('What should this person keep doing?');
  const [q2, setQ2] = useState('What should this person start doing?');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!me?.user) return;
    const self = [{ userId: me.user.id, name: `${me.user.name} (me)` }];
    if (me.role === 'admin' || me.role === 'owner')
      accountApi.members().then((m) => setPeople(m.members.map((x) => ({ userId: x.userId, name: x.name }))));
    else if (me.role === 'coach') feedbackApi.clients().then((c) => setPeople([...c.clients, ...self]));
    else setPeople(self);
  }, [me]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const chosenGroups: Record<string, { min: number; max: number }> = {};
    for (const g of GROUPS) {
      const v = groups[g.id];
      if (v.on) chosenGroups[g.id] = { min: Number(v.min), max: Number(v.max) };
    }
    try {
      const cycle = await feedbackApi.open({
        title,
        subjectUserIds: chosen,
        deadline: new Date(`${deadline}T17:00:00`).toISOString(),
        groups: chosenGroups,
        threshold: Number(threshold),
        managerShownSeparately: managerSeparately,
        includeSelf,
        reminderDays: reminders
          .split(',')
          .map((d) => Number(d.trim()))
          .filter((d) => d > 0),
        questions: [q1, q2].map((q) => q.trim()).filter(Boolean),
      });
      navigate(`/cycles/${cycle.id}`);
    } catch (err) {
      setError(messageOf(err));
    }
  };

  return (
    <div className="wrap narrow page feedback">
      <h1>Open a 360° cycle</h1>
      <form onSubmit={submit} className="account-form">
        <Field label="Title" value={title} onChange={setTitle} hint="For example: Leadership team, spring" />
        <fieldset className="subjects">
          <legend>Who gets feedback</legend>
          {people.length === 0 && <p className="muted">Loading people…</p>}
          {people.map((p) => (
            <p key={p.userId}>
              <label>
                <input
                  type="checkbox"
                  checked={chosen.includes(p.userId)}
                  onChange={(e) =>
                    setChosen((c) => (e.target.checked ? [...c, p.userId] : c.filter((x) => x !== p.userId)))
                  }
                />{' '}
                {p.name}
              </label>
            </p>
          ))}
        </fieldset>
        <fieldset className="groups">
          <legend>Rater groups and how many raters each</legend>
          {GROUPS.map((g) => (
            <div className="group-row" key={g.id}>
              <label>
                <input
                  type="checkbox"
                  checked={groups[g.id].on}
                  onChange={(e) => setGroups((s) => ({ ...s, [g.id]: { ...s[g.id], on: e.target.checked } }))}
                />{' '}
                {g.label}
              </label>
              <label>
                min{' '}
                <input
                  type="number"
                  min={0}
                  max={20}
                  value={groups[g.id].min}
                  aria-label={`${g.label}: fewest raters`}
                  onChange={(e) => setGroups((s) => ({ ...s, [g.id]: { ...s[g.id], min: e.target.value } }))}
                />
              </label>
              <label>
                max{' '}
                <input
                  type="number"
                  min={1}
                  max={20}
                  value={groups[g.id].max}
                  aria-label={`${g.label}: most raters`}
                  onChange={(e) => setGroups((s) => ({ ...s, [g.id]: { ...s[g.id], max: e.target.value } }))}
                />
              </label>
            </div>
          ))}
          <p>
            <label>
              <input
                type="checkbox"
                checked={includeSelf}
                onChange={(e) => setIncludeSelf(e.target.checked)}
              />{' '}
              The person rates themselves too
            </label>
          </p>
          <p>
            <label>
              <input
                type="checkbox"
                checked={managerSeparately}
                onChange={(e) => setManagerSeparately(e.target.checked)}
              />{' '}
              Show the manager’s ratings on their own (the manager is told before answering)
            </label>
          </p>
        </fieldset>
        <Field
          label="Anonymity threshold"
          type="number"
          value={threshold}
          onChange={setThreshold}
          hint="Fewest raters a group needs to be shown (at least 2). Smaller groups are merged into Others or left out."
        />
        <Field label="Deadline" type="date" value={deadline} onChange={setDeadline} />
        <Field
          label="Reminders (days before the deadline)"
          value={reminders}
          onChange={setReminders}
          required={false}
          hint="Comma-separated, e.g. 3, 1"
        />
        <Field label="Open question 1 (optional)" value={q1} onChange={setQ1} required={false} />
        <Field label="Open question 2 (optional)" value={q2} onChange={setQ2} required={false} />
        <p className="actions">
          <button type="submit" className="button button-primary">
            Open the cycle
          </button>
        </p>
        <ErrorMessage error={error} />
      </form>
    </div>
  );
}

interface Nominee {
  key: number;
  email: string;
  name: string;
  group: OtherGroup;
}

/** Running a cycle: nominations with load warnings, progress counts per group, close and release. */
export function CyclePage() {
  const { cycleId = '' } = useParams();
  const me = useSession();
  const [cycle, setCycle] = useState<CycleView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  useTitle(cycle ? cycle.title : '360° cycle');
  const load = useCallback(
    () => feedbackApi.cycle(cycleId).then(setCycle, (e) => setError(messageOf(e))),
    [cycleId],
  );
  useEffect(() => {
    if (me) load();
  }, [me, load]);

  const act = async (what: 'close' | 'release') => {
    setError(null);
    try {
      await feedbackApi[what](cycleId);
      setStatus(
        what === 'close' ? 'The cycle is closed; reports are available to each person.' : 'Reports released.',
      );
      await load();
    } catch (e) {
      setError(messageOf(e));
    }
  };

  if (!cycle)
    return <div className="wrap page">{error ? <ErrorMessage error={error} /> : <p>Loading…</p>}</div>;
  const open = cycle.closedAt === null;
  return (
    <div className="wrap page feedback">
      <h1>{cycle.title}</h1>
      <p>
        {open ? `Open until ${day(cycle.deadline)}.` : `Closed ${day(cycle.closedAt!)}.`} Threshold: groups of
        at least {cycle.threshold} raters are shown
        {cycle.managerShownSeparately ? '; the manager is shown on their own' : ''}.
      </p>
      <Status text={status} />
      <ErrorMessage error={error} />
      {cycle.subjects.map((s) => (
        <section key={s.id} aria-labelledby={`s-${s.id}`}>
          <h2 id={`s-${s.id}`}>{s.name}</h2>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
          <section className="table-scroll" tabIndex={0} aria-label={`Progress for ${s.name}`}>
            <table className="group-table">
              <caption className="visually-hidden">Progress per group (counts only)</caption>
              <thead>
                <tr>
                  <th scope="col">Group</th>
                  <th scope="col">Minimum</th>
                  <th scope="col">Asked</th>
                  <th scope="col">Submitted</th>
                  <th scope="col">Declined</th>
                  <th scope="col">Awaiting approval</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(s.progress).map(([g, p]) => (
                  <tr key={g}>
                    <th scope="row">{groupLabel(g)}</th>
                    <td>{g === 'self' ? 1 : (cycle.groups[g as OtherGroup]?.min ?? 0)}</td>
                    <td
                      className={
                        p.nominated < (cycle.groups[g as OtherGroup]?.min ?? 0) ? 'load-warn' : undefined
                      }
                    >
                      {p.nominated}
                    </td>
                    <td>{p.submitted}</td>
                    <td>{p.declined}</td>
                    <td>{p.pending}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          {s.nominations.length > 0 && (
            <>
              <h3>Asked</h3>
              <ul className="plain-list">
                {s.nominations.map((n) => (
                  <li key={n.id}>
                    {n.name} &lt;{n.email}&gt; — {groupLabel(n.group)}
                    {!n.approved && open && (
                      <>
                        {' '}
                        <button
                          type="button"
                          className="link-button"
                          onClick={async () => {
                            try {
                              await feedbackApi.approve(cycleId, s.id, n.id);
                              setStatus(`Invitation sent to ${n.email}.`);
                              await load();
                            } catch (e) {
                              setError(messageOf(e));
                            }
                          }}
                        >
                          Approve and invite<span className="visually-hidden"> {n.email}</span>
                        </button>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
          {open && (
            <NominateForm
              cycle={cycle}
              subjectId={s.id}
              subjectName={s.name}
              onDone={async (text) => {
                setStatus(text);
                await load();
              }}
            />
          )}
        </section>
      ))}
      {open && (
        <section aria-labelledby="close-h">
          <h2 id="close-h">Close</h2>
          <p className="muted">
            Results are computed only after the cycle closes, so nobody can watch them change. Release early
            only once every group has reached the threshold.
          </p>
          <p className="actions">
            <button type="button" className="button button-secondary" onClick={() => act('release')}>
              Release reports now
            </button>
            <button type="button" className="button button-primary" onClick={() => act('close')}>
              Close the cycle
            </button>
          </p>
        </section>
      )}
    </div>
  );
}

let nextKey = 0;

function NominateForm(props: {
  cycle: CycleView;
  subjectId: string;
  subjectName: string;
  onDone: (status: string) => Promise<void>;
}) {
  const groups = GROUPS.filter((g) => props.cycle.groups[g.id]);
  const blank = (): Nominee => ({ key: nextKey++, email: '', name: '', group: groups[0]?.id ?? 'peers' });
  const [rows, setRows] = useState<Nominee[]>([blank()]);
  const [load, setLoad] = useState<Load | null>(null);
  const [error, setError] = useState<string | null>(null);
  const set = (i: number, change: Partial<Nominee>) =>
    setRows((r) => r.map((row, j) => (j === i ? { ...row, ...change } : row)));
  const emails = rows.map((r) => r.email.trim()).filter(Boolean);

  const checkLoad = async () => {
    if (emails.length > 0) setLoad(await feedbackApi.load(emails).catch(() => null));
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const result = await feedbackApi.nominate(
        props.cycle.id,
        props.subjectId,
        rows.filter((r) => r.email.trim()).map(({ email, name, group }) => ({ email, name, group })),
      );
      const heavy = result.load.filter((l) => l.warn).map((l) => l.email);
      await props.onDone(
        `Invitations sent.${heavy.length ? ` Busy raters (more than ${result.warnAbove} open requests): ${heavy.join(', ')}.` : ''}`,
      );
      setRows([blank()]);
      setLoad(null);
    } catch (err) {
      setError(messageOf(err));
    }
  };
  return (
    <form onSubmit={submit} className="account-form" aria-label={`Ask raters about ${props.subjectName}`}>
      <h3>Ask raters</h3>
      {rows.map((row, i) => {
        const l = load?.load.find((x) => x.email === row.email.trim());
        return (
          <div className="nominee" key={row.key}>
            <p className="field">
              <label htmlFor={`e-${props.subjectId}-${i}`}>E-mail {i + 1}</label>
              <input
                id={`e-${props.subjectId}-${i}`}
                type="email"
                value={row.email}
                required
                onChange={(e) => set(i, { email: e.target.value })}
                onBlur={checkLoad}
                aria-describedby={l ? `l-${props.subjectId}-${i}` : undefined}
              />
              {l && (
                <span id={`l-${props.subjectId}-${i}`} className={l.warn ? 'load-warn' : 'muted'}>
                  {l.openRequests} open request{l.openRequests === 1 ? '' : 's'}
                  {l.warn ? ' — already busy; consider someone else' : ''}
                </span>
              )}
            </p>
            <p className="field">
              <label htmlFor={`n-${props.subjectId}-${i}`}>Name {i + 1}</label>
              <input
                id={`n-${props.subjectId}-${i}`}
                value={row.name}
                onChange={(e) => set(i, { name: e.target.value })}
              />
            </p>
            <p className="field">
              <label htmlFor={`g-${props.subjectId}-${i}`}>Group {i + 1}</label>
              <select
                id={`g-${props.subjectId}-${i}`}
                value={row.group}
                onChange={(e) => set(i, { group: e.target.value as OtherGroup })}
              >
                {groups.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.label}
                  </option>
                ))}
              </select>
            </p>
          </div>
        );
      })}
      <p className="actions">
        <button
          type="button"
          className="button button-secondary"
          onClick={() => setRows((r) => [...r, blank()])}
        >
          Add another rater
        </button>
        <button type="submit" className="button button-primary">
          Send invitations
        </button>
      </p>
      <ErrorMessage error={error} />
    </form>
  );
}
