import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { FeedbackReport, ScaleReport } from '../../../model/feedback/report.ts';
import { fmt } from '../../../reports/charts/scale.ts';
import { feedbackGridDrawing, GROUP_COLOURS, scaleDrawing } from '../../../reports/feedback/geometry.ts';
import { DrawingSvg } from '../../../reports/feedback/svg-dom.tsx';
import {
  alignedLine,
  commentsByQuestion,
  confidentiality,
  GAP_EXPLAINED,
  GAP_LABEL,
  gapLine,
  groupNote,
  itemText,
  MIRROR,
  NEXT_STEP_LABEL,
  POLES,
  regionName,
  reportDate,
  responseLabel,
  scaleName,
  suppressedNote,
} from '../../../reports/feedback/wording.ts';
import { ApiError, getJson } from '../../lib/api.ts';
import { useTitle } from '../../lib/useTitle.ts';
import './ReportPage.css';

type State =
  | { kind: 'loading' }
  | { kind: 'error'; error: ApiError }
  | { kind: 'ready'; report: FeedbackReport };

/**
 * The 360° report of one subject in one cycle (`/cycles/:cycleId/subjects/:subjectId/report`):
 * the same charts as the PDF, links to the PDF and CSV exports and into a development plan.
 */
export function ReportPage() {
  const { cycleId = '', subjectId = '' } = useParams();
  const base = `/api/cycles/${encodeURIComponent(cycleId)}/subjects/${encodeURIComponent(subjectId)}/report`;
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useTitle(state.kind === 'ready' ? `360° feedback — ${state.report.subject.name}` : '360° feedback report');

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the fetch on "Try again"
  useEffect(() => {
    let live = true;
    setState({ kind: 'loading' });
    getJson<FeedbackReport>(base).then(
      (report) => live && setState({ kind: 'ready', report }),
      (e: unknown) =>
        live &&
        setState({ kind: 'error', error: e instanceof ApiError ? e : new ApiError(0, 'network', String(e)) }),
    );
    return () => {
      live = false;
    };
  }, [base, attempt]);

  if (state.kind === 'loading') {
    return (
      <div className="wrap narrow page">
        <p role="status">Loading the report…</p>
      </div>
    );
  }
  if (state.kind === 'error')
    return <ReportError error={state.error} retry={() => setAttempt((a) => a + 1)} />;
  return <ReportView report={state.report} base={base} />;
}

export function ReportError({ error, retry }: { error: ApiError; retry: () => void }) {
  const { heading, text } =
    error.status === 403
      ? {
          heading: 'This report is not available yet',
          text: 'Results are put together only after the feedback cycle closes, or when the person running it releases them once enough people have answered. Until then nobody can see them — that way, watching results change can never reveal what one person answered. If you expected to see this report, ask the person who runs the cycle.',
        }
      : error.status === 404
        ? { heading: 'No report here', text: 'This link does not lead to a report. It may be incomplete.' }
        : error.status === 401
          ? { heading: 'Please sign in', text: 'Sign in to read this report.' }
          : {
              heading: 'The report could not be loaded',
              text: 'The server could not be reached; try again in a moment.',
            };
  return (
    <div className="wrap narrow page">
      <h1>{heading}</h1>
      <p role="alert">{text}</p>
      <p>
        {error.transient && (
          <>
            <button type="button" className="button button-secondary" onClick={retry}>
              Try again
            </button>{' '}
          </>
        )}
        {error.status === 401 && (
          <>
            <Link to="/login">Sign in</Link> ·{' '}
          </>
        )}
        <Link to="/">Start page</Link>
      </p>
    </div>
  );
}

export function ReportView({ report, base }: { report: FeedbackReport; base: string }) {
  const { instrument } = report.cycle;
  const suppressed = suppressedNote(report);
  const shownGroups = report.groups.filter((g) => g.id !== 'self');
  return (
    <div className="wrap page fb-report">
      <header className="result-head">
        <p className="eyebrow">
          360° feedback · {report.cycle.title} · closed {reportDate(report.cycle.closedAt)}
        </p>
        <h1>{report.subject.name}</h1>
        <p className="mirror">
          <strong>A mirror for reflection, not a verdict.</strong>{' '}
          {MIRROR.replace('A mirror for reflection, not a verdict. ', '')}
        </p>
        <ul className="fb-actions no-print" aria-label="Downloads and next steps">
          <li>
            <a className="button button-secondary" href={`${base}.pdf`} download>
              Download PDF
            </a>
          </li>
          <li>
            <a className="button button-secondary" href={`${base}.csv`} download>
              Download CSV
            </a>
          </li>
          <li>
            <Link className="button button-primary" to={report.planLink}>
              Start a development plan
            </Link>
          </li>
        </ul>
      </header>

      <section className="panel" aria-labelledby="fb-who">
        <h2 id="fb-who">Who answered</h2>
        <table className="scales fb-table">
          <caption>
            Rater groups shown in this report ({instrument.title}, version {instrument.version})
          </caption>
          <thead>
            <tr>
              <th scope="col">Group</th>
              <th scope="col" className="num">
                Respondents
              </th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {report.groups.map((g) => (
              <tr key={g.id}>
                <th scope="row" style={{ color: GROUP_COLOURS[g.id] }}>
                  {g.label}
                </th>
                <td className="num">{g.respondents}</td>
                <td>{groupNote(g)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {suppressed && <p className="fb-note">{suppressed}</p>}
        <details className="fb-details">
          <summary>How your raters’ anonymity is protected</summary>
          {confidentiality(report).map((line) => (
            <p key={line}>{line}</p>
          ))}
        </details>
      </section>

      <section className="panel grid-panel" aria-labelledby="fb-grid">
        <div className="grid-figure">
          <DrawingSvg drawing={feedbackGridDrawing(report.grid)} />
        </div>
        <div className="grid-text">
          <h2 id="fb-grid">Lead × Manage: your view and others’ view</h2>
          <dl className="fb-points">
            <div>
              <dt>You (diamond)</dt>
              <dd>{pointText(report.grid.self, 'No self rating')}</dd>
            </div>
            <div>
              <dt style={{ color: GROUP_COLOURS['all-others'] }}>All other raters (circle)</dt>
              <dd>{pointText(report.grid.others)}</dd>
            </div>
          </dl>
          <p className="fine-print">
            Lead is the mean of Vision, People and Change; Manage the mean of Operations, Tasks and Stability.
            Scores run from 0 to 100; the dashed lines at 62.5 divide the four regions.
          </p>
        </div>
      </section>

      <section className="panel" aria-labelledby="fb-gaps">
        <h2 id="fb-gaps">Blind spots and hidden strengths</h2>
        <p className="section-intro">{GAP_EXPLAINED}</p>
        <div className="two-col">
          <GapList report={report} gap="blind-spot" heading="Blind spots: you see more than others do" />
          <GapList
            report={report}
            gap="hidden-strength"
            heading="Hidden strengths: others see more than you do"
          />
        </div>
        {alignedLine(report) && <p>{alignedLine(report)}</p>}
      </section>

      <section className="panel" aria-labelledby="fb-scales">
        <h2 id="fb-scales">Scale by scale</h2>
        <p className="section-intro">
          Your own rating (diamond), each group that could be shown, and all raters except you. The whisker is
          the 95% band; the pale bar is the spread among raters (± 1 standard deviation): wide means raters
          saw you differently from one another. The dashed line at 62.5 is where a scale counts as strong.
        </p>
        {POLES.map(({ pole, heading, intro }) => {
          const scales = report.scales.filter((sc) => sc.pole === pole);
          if (scales.length === 0) return null;
          return (
            <div key={pole} className="fb-pole">
              <h3>{heading}</h3>
              <p className="muted">{intro}</p>
              <div className="fb-scales">
                {scales.map((sc) => (
                  <ScaleFigure key={sc.scaleId} report={report} scale={sc} />
                ))}
              </div>
            </div>
          );
        })}
        <details className="fb-details">
          <summary>All scores as a table</summary>
          <div className="fb-scroll">
            <table className="scales fb-table">
              <caption>Scores from 0 to 100 by scale and group, with 95% bands</caption>
              <thead>
                <tr>
                  <th scope="col">Scale</th>
                  {report.groups.map((g) => (
                    <th scope="col" key={g.id} className="num">
                      {g.label}
                    </th>
                  ))}
                  <th scope="col">Self vs others</th>
                </tr>
              </thead>
              <tbody>
                {report.scales.map((sc) => (
                  <tr key={sc.scaleId}>
                    <th scope="row">{sc.name}</th>
                    {report.groups.map((g) => {
                      const score =
                        g.id === 'self' ? sc.self : (sc.groups.find((x) => x.group === g.id) ?? null);
                      return (
                        <td key={g.id} className="num">
                          {score ? (
                            <>
                              {fmt(score.score)}
                              <span className="fb-band">
                                {' '}
                                ({fmt(score.band.low)}–{fmt(score.band.high)})
                              </span>
                            </>
                          ) : (
                            '—'
                          )}
                        </td>
                      );
                    })}
                    <td>{sc.gap ? GAP_LABEL[sc.gap] : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </section>

      <section className="panel" aria-labelledby="fb-items">
        <h2 id="fb-items">Highest and lowest rated items</h2>
        <p className="section-intro">
          Means of all raters except you, on the answer scale from {report.responseScale.min} (
          {report.responseScale.labels[0]}) to {report.responseScale.max} (
          {report.responseScale.labels.at(-1)}).
        </p>
        <ItemsTable report={report} caption="Highest rated items" items={report.items.highest} />
        <ItemsTable report={report} caption="Lowest rated items" items={report.items.lowest} />
      </section>

      <section className="panel" aria-labelledby="fb-comments">
        <h2 id="fb-comments">Comments</h2>
        <p className="section-intro">Verbatim, as written, in random order and without names.</p>
        {report.comments.length === 0 && <p>No comments were given.</p>}
        {commentsByQuestion(report).map((q) => (
          <div key={q.question}>
            <h3>{q.question}</h3>
            <ul className="fb-comments">
              {q.comments.map((c, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: two raters may write the same words
                <li key={i}>
                  <blockquote>{c.text}</blockquote>
                  {c.group && <p className="muted fb-comment-group">{c.group}</p>}
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>

      <section className="panel" aria-labelledby="fb-next">
        <h2 id="fb-next">Next steps</h2>
        <ol className="plain-list">
          {report.nextSteps.map((step) => (
            <li key={step.scaleId + step.kind}>
              <strong>{scaleName(report, step.scaleId)}</strong>{' '}
              <span className={`fb-tag fb-tag-${step.kind}`}>{NEXT_STEP_LABEL[step.kind]}</span>
              <br />
              {step.text}
            </li>
          ))}
        </ol>
        <p>
          <Link className="button button-primary" to={report.planLink}>
            Turn these into a development plan
          </Link>
        </p>
        {shownGroups.length > 0 && (
          <p className="fine-print">
            Based on {report.groups.find((g) => g.id === 'all-others')?.respondents ?? 0} raters besides you.
          </p>
        )}
      </section>
    </div>
  );
}

function pointText(
  p: { lead: number; manage: number } | null,
  missing = 'Not enough ratings to place',
): string {
  return p ? `Lead ${fmt(p.lead)}, Manage ${fmt(p.manage)} — ${regionName(p)}` : missing;
}

function GapList({
  report,
  gap,
  heading,
}: {
  report: FeedbackReport;
  gap: 'blind-spot' | 'hidden-strength';
  heading: string;
}) {
  const scales = report.scales.filter((s) => s.gap === gap);
  return (
    <div>
      <h3>{heading}</h3>
      {scales.length === 0 ? (
        <p className="muted">None: the bands overlap or the difference runs the other way on every scale.</p>
      ) : (
        <ul className="plain-list">
          {scales.map((s) => (
            <li key={s.scaleId}>
              <strong>{s.name}</strong>
              <br />
              <span className="muted">{gapLine(s)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ScaleFigure({ report, scale }: { report: FeedbackReport; scale: ScaleReport }) {
  return (
    <figure className="fb-scale">
      <figcaption>
        <strong>{scale.name}</strong>
        {scale.gap && scale.gap !== 'aligned' && (
          <span className={`fb-tag fb-tag-${scale.gap}`}>{GAP_LABEL[scale.gap]}</span>
        )}
      </figcaption>
      <DrawingSvg drawing={scaleDrawing(scale, report.groups)} className="fb-wide" />
      <DrawingSvg drawing={scaleDrawing(scale, report.groups, { compact: true })} className="fb-compact" />
    </figure>
  );
}

function ItemsTable({
  report,
  caption,
  items,
}: {
  report: FeedbackReport;
  caption: string;
  items: FeedbackReport['items']['highest'];
}) {
  return (
    <table className="scales fb-table fb-items">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Item, as raters read it</th>
          <th scope="col" className="col-side">
            Scale
          </th>
          <th scope="col" className="num">
            Mean
          </th>
          <th scope="col" className="num">
            Raters
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((it) => (
          <tr key={it.itemId}>
            <td>{itemText(report, it.text)}</td>
            <td className="col-side">{scaleName(report, it.scaleId)}</td>
            <td className="num">
              {it.mean.toFixed(1)}
              <span className="fb-band"> {responseLabel(report, it.mean)}</span>
            </td>
            <td className="num">{it.n}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
