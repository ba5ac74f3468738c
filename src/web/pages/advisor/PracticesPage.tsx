import { useEffect, useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTitle } from '../../lib/useTitle.ts';
import { messageOf } from '../account/api.ts';
import { ErrorMessage } from '../account/Field.tsx';
import {
  advisorApi,
  type PracticeFilters,
  type PracticeResults,
  type PracticeSize,
  type Side,
} from './api.ts';

const SIZES: { id: PracticeSize; name: string }[] = [
  { id: 'habit', name: 'Habit (small, daily)' },
  { id: 'routine', name: 'Routine (weekly or so)' },
  { id: 'project', name: 'Project (a few weeks)' },
];
const SIDES: { id: Side; name: string }[] = [
  { id: 'lead', name: 'Leading' },
  { id: 'manage', name: 'Managing' },
  { id: 'foundation', name: 'Foundations (both)' },
];
const SIDE_NAME: Record<Side, string> = { lead: 'Lead', manage: 'Manage', foundation: 'Foundation' };

function filtersOf(params: URLSearchParams): PracticeFilters {
  const size = params.get('size') ?? '';
  const pole = params.get('pole') ?? '';
  return {
    q: params.get('q') ?? '',
    scale: params.get('scale') ?? '',
    size: SIZES.some((s) => s.id === size) ? (size as PracticeSize) : '',
    pole: SIDES.some((s) => s.id === pole) ? (pole as Side) : '',
  };
}

/** The practice library: search and filter; the filters live in the URL so a view can be shared. */
export function PracticesPage() {
  useTitle('Practice library');
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const [text, setText] = useState(filters.q);
  const [data, setData] = useState<PracticeResults | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ids = useId();

  const update = (patch: Partial<PracticeFilters>) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(patch)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );

  // the text box updates the URL after a short pause, not on every key
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the typed text starts the timer
  useEffect(() => {
    if (text === filters.q) return;
    const timer = setTimeout(() => update({ q: text }), 200);
    return () => clearTimeout(timer);
  }, [text]);

  const key = `${filters.q}|${filters.scale}|${filters.size}|${filters.pole}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for the filters
  useEffect(() => {
    let current = true;
    advisorApi.practices(filters).then(
      (d) => {
        if (!current) return;
        setData(d);
        setError(null);
      },
      (e) => current && setError(messageOf(e)),
    );
    return () => {
      current = false;
    };
  }, [key]);

  const scaleName = (id: string) => data?.scales.find((s) => s.id === id)?.name ?? id;
  const count = data?.practices.length ?? 0;
  const countText = !data
    ? ''
    : count === 0
      ? 'No practice matches. Try fewer words or another filter.'
      : `${count} ${count === 1 ? 'practice matches' : 'practices match'}.`;

  return (
    <div className="wrap page practices">
      <h1>Practice library</h1>
      <p className="lede">
        Concrete things to practise, from a small daily habit to a project of a few weeks, for each side of
        leading and managing and for the foundations both rest on.
      </p>
      <p className="fine-print">
        Not sure which side to work on? The <Link to="/advisor">situational advisor</Link> suggests behaviours
        for the week in front of you.
      </p>

      <search>
        <form className="practice-filters" onSubmit={(e) => e.preventDefault()}>
          <p className="field">
            <label htmlFor={`${ids}-q`}>Search</label>
            <input
              id={`${ids}-q`}
              type="search"
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder="e.g. feedback, agenda"
              maxLength={200}
            />
          </p>
          <p className="field">
            <label htmlFor={`${ids}-scale`}>Scale</label>
            <select
              id={`${ids}-scale`}
              value={filters.scale}
              onChange={(e) => update({ scale: e.target.value })}
            >
              <option value="">All scales</option>
              {SIDES.map((side) => (
                <optgroup key={side.id} label={side.name}>
                  {(data?.scales ?? [])
                    .filter((s) => s.pole === side.id)
                    .map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.name}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
          </p>
          <p className="field">
            <label htmlFor={`${ids}-size`}>Size</label>
            <select
              id={`${ids}-size`}
              value={filters.size}
              onChange={(e) => update({ size: e.target.value as PracticeSize | '' })}
            >
              <option value="">Any size</option>
              {SIZES.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </p>
          <p className="field">
            <label htmlFor={`${ids}-pole`}>Side</label>
            <select
              id={`${ids}-pole`}
              value={filters.pole}
              onChange={(e) => update({ pole: e.target.value as Side | '' })}
            >
              <option value="">Any side</option>
              {SIDES.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </p>
        </form>
      </search>

      <p className="result-count" role="status" aria-live="polite">
        {countText}
      </p>
      <ErrorMessage error={error} />

      {data && count > 0 && (
        <ul className="practice-list">
          {data.practices.map((p) => (
            <li key={p.id}>
              <article className={`practice-card practice-${p.pole}`} aria-labelledby={`${ids}-${p.id}`}>
                <p className="practice-tags">
                  <span className="tag">{scaleName(p.scale)}</span>
                  <span className="tag tag-quiet">
                    {SIDE_NAME[p.pole]} · {p.size}
                  </span>
                </p>
                <h2 id={`${ids}-${p.id}`} className="practice-title">
                  {p.title}
                </h2>
                <p>{p.what}</p>
                <dl className="practice-facts">
                  <div>
                    <dt>How often</dt>
                    <dd>{p.cadence}</dd>
                  </div>
                  <div>
                    <dt>Time</dt>
                    <dd>{p.time}</dd>
                  </div>
                  <div className="practice-signs">
                    <dt>How to tell it’s working</dt>
                    <dd>{p.signs}</dd>
                  </div>
                </dl>
              </article>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
