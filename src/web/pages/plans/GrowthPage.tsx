import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { fmt } from '../../../reports/charts/scale.ts';
import { useTitle } from '../../lib/useTitle.ts';
import { messageOf } from '../account/api.ts';
import { formatDay, type Growth, plansApi } from './api.ts';
import { Loading, useHeadingFocus, useSession } from './common.tsx';
import { GrowthChart, VerdictBadge } from './GrowthChart.tsx';

/** `/growth`: each scale over my assessments, and which changes are real. */
export function GrowthPage() {
  useTitle('Your growth');
  const me = useSession();
  const [growth, setGrowth] = useState<Growth | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (me) plansApi.growth().then(setGrowth, (e) => setError(messageOf(e)));
  }, [me]);
  const heading = useHeadingFocus(growth !== null);
  if (!growth) return <Loading title="Your growth" error={error} />;
  return (
    <div className="wrap page plans growth">
      <h1 ref={heading} tabIndex={-1}>
        Your growth
      </h1>
      <GrowthView growth={growth} />
    </div>
  );
}

/** The growth view itself (no fetching), so it can be rendered and checked on its own. */
export function GrowthView({ growth }: { growth: Growth }) {
  const count = growth.assessments.length;
  const first = growth.assessments[0];
  const last = growth.assessments.at(-1);
  return (
    <>
      {count < 2 ? (
        <div className="intro">
          <p>
            {count === 0
              ? 'You have not completed the assessment while signed in yet.'
              : `You have one completed assessment (${formatDay(first?.completedAt)}).`}{' '}
            Change over time needs at least two.{' '}
            <Link to="/">Take the assessment {count === 0 ? '' : 'again '}</Link>— ideally after some weeks of
            working on your plan.
          </p>
        </div>
      ) : (
        <p>
          {count} assessments from {formatDay(first?.completedAt)} to {formatDay(last?.completedAt)}. Lead
          index {fmt(first?.lead)} → {fmt(last?.lead)}; Manage index {fmt(first?.manage)} →{' '}
          {fmt(last?.manage)}. Each scale compares your first assessment with your latest.
        </p>
      )}
      <section className="rci-explained" aria-labelledby="rci-h">
        <h2 id="rci-h">Real change or measurement error?</h2>
        <p>
          No questionnaire measures exactly: answer it twice in one week and your scores will differ a little.
          The shaded bar around each point is its 95% measurement band. To tell a real change from that noise
          we use the reliable change index (Jacobson &amp; Truax, 1991): the difference between two scores
          divided by the standard error of that difference. Only when it is beyond ±1.96 (|RCI| &gt; 1.96) do
          we call the change real; a smaller change may be noise, even if the number moved. The short form has
          wider bands than the full form, so it takes a bigger change to count.
        </p>
      </section>
      {growth.scales.length > 0 && (
        <ul className="growth-grid">
          {growth.scales.map((s) => (
            <li key={s.scale} className="growth-scale">
              <section aria-labelledby={`g-${s.scale}`}>
                <h2 id={`g-${s.scale}`}>{s.name}</h2>
                <p>
                  <VerdictBadge change={s.change} />
                </p>
                <GrowthChart scale={s} />
                <p className="statement">{s.statement}</p>
              </section>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/plans">Your development plans</Link>
      </p>
    </>
  );
}
