import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useTitle } from '../../lib/useTitle.ts';
import { messageOf } from '../account/api.ts';
import { formatDay, type PlanSummary, plansApi } from './api.ts';
import { Chip, Loading, useHeadingFocus, useSession } from './common.tsx';

type Listed = PlanSummary & { ownerName?: string };

/** `/plans`: my plans and the plans others share with me. */
export function PlansPage() {
  useTitle('Development plans');
  const me = useSession();
  const [data, setData] = useState<Awaited<ReturnType<typeof plansApi.list>> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (me) plansApi.list().then(setData, (e) => setError(messageOf(e)));
  }, [me]);
  const heading = useHeadingFocus(data !== null);
  if (!data) return <Loading title="Development plans" error={error} />;
  const active = data.plans.filter((p) => p.status === 'active');
  const archived = data.plans.filter((p) => p.status === 'archived');
  return (
    <div className="wrap page plans">
      <h1 ref={heading} tabIndex={-1}>
        Development plans
      </h1>
      <p className="lede-small">
        A plan turns your profile into a few concrete actions, regular check-ins and a re-assessment to see
        what really changed. <Link to="/growth">See your growth over time</Link>.
      </p>
      <p>
        <Link className="button button-primary" to="/plans/new">
          New plan
        </Link>
      </p>
      <section aria-labelledby="my-plans-h">
        <h2 id="my-plans-h">My plans</h2>
        {active.length === 0 ? (
          <p className="muted">No active plan yet. Start one from your profile with “New plan”.</p>
        ) : (
          <PlanList plans={active} />
        )}
        {archived.length > 0 && (
          <details className="archived">
            <summary>Archived plans ({archived.length})</summary>
            <PlanList plans={archived} />
          </details>
        )}
      </section>
      <section aria-labelledby="shared-h">
        <h2 id="shared-h">Shared with me</h2>
        {data.sharedWithMe.length === 0 ? (
          <p className="muted">No one has shared a plan with you.</p>
        ) : (
          <PlanList plans={data.sharedWithMe} />
        )}
      </section>
    </div>
  );
}

function PlanList({ plans }: { plans: Listed[] }) {
  return (
    <ul className="plan-list">
      {plans.map((p) => (
        <li key={p.id} className="plan-card">
          <h3>
            <Link to={`/plans/${p.id}`}>{p.title}</Link>
            {p.ownerName && <span className="muted"> · {p.ownerName}</span>}
          </h3>
          <p className="chips">
            <span className="visually-hidden">Focus areas: </span>
            {p.focusAreas.map((f) => (
              <Chip key={f.scale}>{f.name}</Chip>
            ))}
          </p>
          <dl className="facts">
            <div>
              <dt>Next check-in</dt>
              <dd>{p.status === 'archived' ? 'archived' : formatDay(p.nextCheckIn)}</dd>
            </div>
            <div>
              <dt>Progress</dt>
              <dd>
                {p.actions.done} of {p.actions.total} actions done
                {p.actions.total > 0 && (
                  <progress
                    value={p.actions.done}
                    max={p.actions.total}
                    aria-label={`${p.title}: ${p.actions.done} of ${p.actions.total} actions done`}
                  />
                )}
              </dd>
            </div>
            <div>
              <dt>Re-assessment</dt>
              <dd>{formatDay(p.reassessOn)}</dd>
            </div>
          </dl>
        </li>
      ))}
    </ul>
  );
}
