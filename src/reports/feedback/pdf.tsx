/**
 * The 360° report as a PDF, drawn with @react-pdf/renderer (pure Node, no browser). Charts are the
 * same `Drawing`s the web page shows (`geometry.ts`), rendered here with react-pdf's SVG primitives.
 * Text is set in DejaVu Sans (shipped as an npm package) so any name or comment — "Zoë", "Łukasz",
 * "—" — prints as written.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  Circle,
  Document,
  Font,
  G,
  Line,
  Link,
  Page,
  Path,
  Rect,
  renderToBuffer,
  StyleSheet,
  Svg,
  Text,
  View,
} from '@react-pdf/renderer';
import type { FeedbackReport, ScaleReport } from '../../model/feedback/report.ts';
import { fmt } from '../charts/scale.ts';
import {
  type Drawing,
  feedbackGridDrawing,
  GROUP_COLOURS,
  INK,
  type Shape,
  scaleDrawing,
} from './geometry.ts';
import { woffToSfnt } from './woff.ts';
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
} from './wording.ts';

const FAMILY = 'DejaVu Sans';
let fontsReady = false;

/** Registers the embedded font once per process; react-pdf's font registry is global. */
function registerFonts() {
  if (fontsReady) return;
  const require = createRequire(import.meta.url);
  // Unpacked to TrueType once, handed over as a data URL (see woff.ts for why).
  const file = (name: string) => {
    const woff = readFileSync(
      require.resolve(`@fontsource/dejavu-sans/files/dejavu-sans-latin-${name}.woff`),
    );
    return `data:font/ttf;base64,${woffToSfnt(woff).toString('base64')}`;
  };
  Font.register({
    family: FAMILY,
    fonts: [
      { src: file('400-normal') },
      { src: file('700-normal'), fontWeight: 700 },
      { src: file('400-italic'), fontStyle: 'italic' },
      { src: file('700-italic'), fontWeight: 700, fontStyle: 'italic' },
    ],
  });
  // Verbatim comments and names are never broken with added hyphens.
  Font.registerHyphenationCallback((word) => [word]);
  fontsReady = true;
}

const MUTED = '#5d6b78';
const RULE = '#d5dae0';
const ACCENT = '#0f5566';

const s = StyleSheet.create({
  page: {
    fontFamily: FAMILY,
    fontSize: 10,
    color: INK,
    paddingTop: 48,
    paddingBottom: 56,
    paddingHorizontal: 48,
    lineHeight: 1.4,
  },
  footer: {
    position: 'absolute',
    bottom: 24,
    left: 48,
    right: 48,
    flexDirection: 'row',
    justifyContent: 'space-between',
    fontSize: 8,
    color: MUTED,
    borderTopWidth: 0.5,
    borderTopColor: RULE,
    paddingTop: 6,
  },
  eyebrow: { fontSize: 9, color: ACCENT, fontWeight: 700, marginBottom: 6 },
  h1: { fontSize: 28, fontWeight: 700, marginBottom: 6, lineHeight: 1.2 },
  h2: { fontSize: 16, fontWeight: 700, marginBottom: 8, marginTop: 4, color: INK, lineHeight: 1.25 },
  h3: { fontSize: 12, fontWeight: 700, marginBottom: 4 },
  lead: { fontSize: 13, color: MUTED, marginBottom: 18, lineHeight: 1.3 },
  muted: { color: MUTED },
  small: { fontSize: 8.5, color: MUTED },
  box: { borderWidth: 0.75, borderColor: RULE, borderRadius: 4, padding: 12, marginBottom: 12 },
  mirror: {
    backgroundColor: '#eef5f7',
    borderLeftWidth: 3,
    borderLeftColor: ACCENT,
    padding: 12,
    marginBottom: 12,
  },
  row: { flexDirection: 'row' },
  th: {
    fontWeight: 700,
    fontSize: 9,
    color: MUTED,
    paddingVertical: 4,
    borderBottomWidth: 0.75,
    borderBottomColor: INK,
  },
  td: { paddingVertical: 4, borderBottomWidth: 0.5, borderBottomColor: RULE },
  tag: {
    fontSize: 8,
    fontWeight: 700,
    paddingHorizontal: 5,
    paddingTop: 2.5,
    paddingBottom: 1,
    lineHeight: 1.2,
    borderRadius: 3,
    marginLeft: 6,
  },
  para: { marginBottom: 6 },
  quote: { borderLeftWidth: 2, borderLeftColor: RULE, paddingLeft: 10, marginBottom: 8 },
});

const TAG_STYLE: Record<string, { backgroundColor: string; color: string }> = {
  'blind-spot': { backgroundColor: '#fbe9d5', color: '#83490a' },
  'hidden-strength': { backgroundColor: '#dff0e6', color: '#1f6b3a' },
  'lowest-rated': { backgroundColor: '#ece8f5', color: '#4b3d7a' },
  aligned: { backgroundColor: '#eef0f2', color: '#3d4955' },
};

/** One shape of a report drawing as a react-pdf SVG primitive. */
function PdfShape({ shape }: { shape: Shape }) {
  switch (shape.kind) {
    case 'rect':
      return (
        <Rect
          x={shape.x}
          y={shape.y}
          width={shape.width}
          height={shape.height}
          fill={shape.fill}
          {...(shape.fillOpacity === undefined ? {} : { fillOpacity: shape.fillOpacity })}
          {...(shape.stroke ? { stroke: shape.stroke, strokeWidth: 1 } : {})}
          {...(shape.rx ? { rx: shape.rx } : {})}
        />
      );
    case 'line':
      return (
        <Line
          x1={shape.x1}
          y1={shape.y1}
          x2={shape.x2}
          y2={shape.y2}
          stroke={shape.stroke}
          strokeWidth={shape.strokeWidth}
          {...(shape.dash ? { strokeDasharray: shape.dash } : {})}
        />
      );
    case 'circle':
      return (
        <Circle
          cx={shape.cx}
          cy={shape.cy}
          r={shape.r}
          fill={shape.fill}
          {...(shape.stroke ? { stroke: shape.stroke, strokeWidth: shape.strokeWidth ?? 1 } : {})}
        />
      );
    case 'path':
      return (
        <Path
          d={shape.d}
          fill={shape.fill}
          {...(shape.stroke ? { stroke: shape.stroke, strokeWidth: shape.strokeWidth ?? 1 } : {})}
        />
      );
    case 'text': {
      const text = (
        <Text
          x={shape.rotate ? 0 : shape.x}
          y={shape.rotate ? 0 : shape.y}
          fill={shape.fill}
          textAnchor={shape.anchor ?? 'start'}
          style={{ fontFamily: FAMILY, fontSize: shape.size, fontWeight: shape.bold ? 700 : 400 }}
        >
          {shape.text}
        </Text>
      );
      return shape.rotate ? (
        <G transform={`translate(${shape.x},${shape.y}) rotate(${shape.rotate})`}>{text}</G>
      ) : (
        text
      );
    }
  }
}

/** A drawing at a given width in points (height follows its aspect ratio). */
function PdfDrawing({ drawing, width }: { drawing: Drawing; width: number }) {
  return (
    <Svg
      width={width}
      height={(width * drawing.height) / drawing.width}
      viewBox={`0 0 ${drawing.width} ${drawing.height}`}
    >
      {drawing.shapes.map((shape, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a drawing is static; order is identity
        <PdfShape key={i} shape={shape} />
      ))}
    </Svg>
  );
}

function Tag({ kind, label }: { kind: string; label: string }) {
  return <Text style={[s.tag, TAG_STYLE[kind] ?? TAG_STYLE.aligned!]}>{label}</Text>;
}

function Footer({ report }: { report: FeedbackReport }) {
  return (
    <View style={s.footer} fixed>
      <Text>{`${report.subject.name} · ${report.cycle.title} · confidential`}</Text>
      <Text render={({ pageNumber, totalPages }) => `Page ${pageNumber} of ${totalPages}`} />
    </View>
  );
}

function Cover({ report }: { report: FeedbackReport }) {
  const suppressed = suppressedNote(report);
  const { instrument } = report.cycle;
  return (
    <Page size="A4" style={s.page}>
      <Text style={s.eyebrow}>FULCRUM · 360° FEEDBACK REPORT</Text>
      <Text style={s.h1}>{report.subject.name}</Text>
      <Text style={s.lead}>{report.cycle.title}</Text>
      <View style={[s.row, { marginBottom: 16 }]}>
        <View style={{ width: '50%' }}>
          <Text style={s.small}>Instrument</Text>
          <Text>{`${instrument.title} (${instrument.id} v${instrument.version})`}</Text>
        </View>
        <View style={{ width: '50%' }}>
          <Text style={s.small}>Cycle closed</Text>
          <Text>{reportDate(report.cycle.closedAt)}</Text>
        </View>
      </View>
      <Text style={s.h3}>Who answered</Text>
      <View style={{ marginBottom: 8 }}>
        <View style={s.row}>
          <Text style={[s.th, { width: '45%' }]}>Group</Text>
          <Text style={[s.th, { width: '15%', textAlign: 'right', paddingRight: 12 }]}>Respondents</Text>
          <Text style={[s.th, { width: '40%' }]}>Note</Text>
        </View>
        {report.groups.map((g) => (
          <View style={s.row} key={g.id} wrap={false}>
            <Text style={[s.td, { width: '45%', color: GROUP_COLOURS[g.id], fontWeight: 700 }]}>
              {g.label}
            </Text>
            <Text style={[s.td, { width: '15%', textAlign: 'right', paddingRight: 12 }]}>
              {String(g.respondents)}
            </Text>
            <Text style={[s.td, { width: '40%', color: MUTED }]}>{groupNote(g) || ' '}</Text>
          </View>
        ))}
      </View>
      {suppressed && <Text style={[s.para, { marginBottom: 12 }]}>{suppressed}</Text>}
      <View style={[s.box, { marginTop: 8 }]}>
        <Text style={s.h3}>Confidentiality</Text>
        {confidentiality(report).map((line) => (
          <Text key={line} style={s.para}>
            {line}
          </Text>
        ))}
      </View>
      <View style={s.mirror}>
        <Text>{MIRROR}</Text>
      </View>
      <Text style={s.h3}>How to read this report</Text>
      <Text style={s.para}>
        Scores run from 0 to 100 (0 = “rarely or never” on every item, 100 = “almost always”); 62.5, between
        “sometimes” and “often”, is where a side counts as strong. Each score comes with a 95% band: the range
        the score would likely fall in if it were measured again. Where bands overlap, treat the scores as the
        same.
      </Text>
      <Footer report={report} />
    </Page>
  );
}

function GridPage({ report }: { report: FeedbackReport }) {
  const { self, others } = report.grid;
  const blind = report.scales.filter((sc) => sc.gap === 'blind-spot');
  const hidden = report.scales.filter((sc) => sc.gap === 'hidden-strength');
  const point = (p: { lead: number; manage: number } | null, who: string, missing: string) =>
    p ? `${who}: Lead ${fmt(p.lead)}, Manage ${fmt(p.manage)} — ${regionName(p)}.` : `${who}: ${missing}.`;
  const list = (scales: ScaleReport[], none: string) =>
    scales.length === 0 ? (
      <Text style={[s.para, s.muted]}>{none}</Text>
    ) : (
      scales.map((sc) => (
        <View key={sc.scaleId} style={{ marginBottom: 6 }} wrap={false}>
          <Text style={{ fontWeight: 700 }}>{sc.name}</Text>
          <Text style={s.muted}>{gapLine(sc)}</Text>
        </View>
      ))
    );
  return (
    <Page size="A4" style={s.page}>
      <Text style={s.h2}>Lead × Manage: your view and others’ view</Text>
      <View style={[s.row, { alignItems: 'flex-start' }]}>
        <PdfDrawing drawing={feedbackGridDrawing(report.grid)} width={290} />
        <View style={{ flex: 1, paddingLeft: 16, paddingTop: 8 }}>
          <Text style={s.para}>{point(self, 'You (diamond)', 'no self rating')}</Text>
          <Text style={s.para}>
            {point(others, 'All other raters (circle)', 'not enough ratings to place')}
          </Text>
          <Text style={[s.para, s.muted]}>
            Lead is the mean of Vision, People and Change; Manage the mean of Operations, Tasks and Stability.
            The dashed lines at 62.5 divide the four regions.
          </Text>
        </View>
      </View>
      <Text style={[s.h2, { marginTop: 16 }]}>Blind spots and hidden strengths</Text>
      <Text style={[s.para, s.muted]}>{GAP_EXPLAINED}</Text>
      <View style={[s.row, { marginTop: 6 }]}>
        <View style={{ width: '50%', paddingRight: 10 }}>
          <View style={[s.row, { marginBottom: 6 }]}>
            <Text style={s.h3}>Blind spots</Text>
            <Tag kind="blind-spot" label="you see more" />
          </View>
          {list(
            blind,
            self ? 'None: on no scale is your view clearly above others’.' : 'No self rating to compare.',
          )}
        </View>
        <View style={{ width: '50%', paddingLeft: 10 }}>
          <View style={[s.row, { marginBottom: 6 }]}>
            <Text style={s.h3}>Hidden strengths</Text>
            <Tag kind="hidden-strength" label="others see more" />
          </View>
          {list(
            hidden,
            self ? 'None: on no scale is your view clearly below others’.' : 'No self rating to compare.',
          )}
        </View>
      </View>
      {alignedLine(report) && <Text style={[s.para, { marginTop: 8 }]}>{alignedLine(report)}</Text>}
      <Footer report={report} />
    </Page>
  );
}

function Legend() {
  const item = (mark: 'diamond' | 'circle' | 'band' | 'spread' | 'cut', text: string) => (
    <View style={[s.row, { alignItems: 'center', marginRight: 14, marginBottom: 4 }]}>
      <Svg width={18} height={12} viewBox="0 0 18 12">
        {mark === 'diamond' && <Path d="M9,0L13,6L9,12L5,6Z" fill={INK} />}
        {mark === 'circle' && <Circle cx={9} cy={6} r={4.5} fill={GROUP_COLOURS.peers} />}
        {mark === 'band' && (
          <G stroke={INK} strokeWidth={1.2}>
            <Line x1={2} x2={16} y1={6} y2={6} />
            <Line x1={2} x2={2} y1={2} y2={10} />
            <Line x1={16} x2={16} y1={2} y2={10} />
          </G>
        )}
        {mark === 'spread' && (
          <Rect x={1} y={1} width={16} height={10} fill={GROUP_COLOURS.peers} fillOpacity={0.18} />
        )}
        {mark === 'cut' && <Line x1={9} x2={9} y1={0} y2={12} stroke={MUTED} strokeDasharray="2 2" />}
      </Svg>
      <Text style={[s.small, { marginLeft: 4 }]}>{text}</Text>
    </View>
  );
  return (
    <View style={[s.row, { flexWrap: 'wrap', marginBottom: 10 }]}>
      {item('diamond', 'your own rating')}
      {item('circle', 'a group’s mean')}
      {item('band', '95% band')}
      {item('spread', 'spread among raters (± 1 SD)')}
      {item('cut', '62.5: strong')}
    </View>
  );
}

function ScalesPages({ report }: { report: FeedbackReport }) {
  return (
    <Page size="A4" style={s.page}>
      <Text style={s.h2}>Scale by scale</Text>
      <Text style={[s.para, s.muted]}>
        Your own rating, each group that could be shown, and all raters except you. A wide pale bar means
        raters saw you differently from one another.
      </Text>
      <Legend />
      {POLES.map(({ pole, heading, intro }, p) => {
        const scales = report.scales.filter((sc) => sc.pole === pole);
        if (scales.length === 0) return null;
        return (
          // Each pole starts a page: three scales, three, then the four foundations.
          <View key={pole} break={p > 0}>
            {scales.map((sc, i) => (
              <View key={sc.scaleId} wrap={false} style={{ marginBottom: 8 }}>
                {i === 0 && (
                  <View
                    style={{
                      marginTop: 6,
                      marginBottom: 6,
                      borderBottomWidth: 0.75,
                      borderBottomColor: RULE,
                      paddingBottom: 3,
                    }}
                  >
                    <Text style={[s.h3, { fontSize: 13, marginBottom: 0 }]}>{heading}</Text>
                    <Text style={s.small}>{intro}</Text>
                  </View>
                )}
                <View style={[s.row, { alignItems: 'center', marginBottom: 2 }]}>
                  <Text style={{ fontWeight: 700, fontSize: 11 }}>{sc.name}</Text>
                  {sc.gap && sc.gap !== 'aligned' && <Tag kind={sc.gap} label={GAP_LABEL[sc.gap]} />}
                </View>
                <PdfDrawing drawing={scaleDrawing(sc, report.groups)} width={440} />
              </View>
            ))}
          </View>
        );
      })}
      <Footer report={report} />
    </Page>
  );
}

function ItemsTable({
  report,
  title,
  items,
}: {
  report: FeedbackReport;
  title: string;
  items: FeedbackReport['items']['highest'];
}) {
  return (
    <View style={{ marginBottom: 14 }} wrap={false}>
      <Text style={s.h3}>{title}</Text>
      <View style={s.row}>
        <Text style={[s.th, { width: '58%' }]}>Item (as raters read it)</Text>
        <Text style={[s.th, { width: '20%' }]}>Scale</Text>
        <Text style={[s.th, { width: '14%', textAlign: 'right' }]}>Mean</Text>
        <Text style={[s.th, { width: '8%', textAlign: 'right' }]}>Raters</Text>
      </View>
      {items.map((it) => (
        <View style={s.row} key={it.itemId} wrap={false}>
          <Text style={[s.td, { width: '58%', paddingRight: 8 }]}>{itemText(report, it.text)}</Text>
          <Text style={[s.td, { width: '20%', color: MUTED, paddingRight: 6 }]}>
            {scaleName(report, it.scaleId)}
          </Text>
          <View style={[s.td, { width: '14%', alignItems: 'flex-end' }]}>
            <Text style={{ fontWeight: 700 }}>{it.mean.toFixed(1)}</Text>
            <Text style={s.small}>{responseLabel(report, it.mean)}</Text>
          </View>
          <Text style={[s.td, { width: '8%', textAlign: 'right' }]}>{String(it.n)}</Text>
        </View>
      ))}
    </View>
  );
}

function ItemsCommentsSteps({ report, baseUrl }: { report: FeedbackReport; baseUrl: string | undefined }) {
  const planUrl = baseUrl ? new URL(report.planLink, baseUrl).toString() : null;
  const { min, max, labels } = report.responseScale;
  return (
    <Page size="A4" style={s.page}>
      <Text style={s.h2}>Highest and lowest rated items</Text>
      <Text style={[s.para, s.muted]}>
        {`Means of all raters except you, on the answer scale from ${min} (${labels[0] ?? ''}) to ${max} (${labels.at(-1) ?? ''}), with the number of raters.`}
      </Text>
      <ItemsTable report={report} title="Highest rated" items={report.items.highest} />
      <ItemsTable report={report} title="Lowest rated" items={report.items.lowest} />

      <View break={false}>
        <Text style={[s.h2, { marginTop: 8 }]}>Comments</Text>
        <Text style={[s.para, s.muted]}>Verbatim, as written, in random order and without names.</Text>
        {report.comments.length === 0 && <Text style={s.para}>No comments were given.</Text>}
        {commentsByQuestion(report).map((q) => (
          <View key={q.question} style={{ marginBottom: 6 }}>
            <Text style={[s.h3, { marginTop: 4 }]} minPresenceAhead={40}>
              {q.question}
            </Text>
            {q.comments.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the same words may come from two raters
              <View key={i} style={s.quote} wrap={false}>
                <Text>{c.text}</Text>
                {c.group && <Text style={s.small}>{c.group}</Text>}
              </View>
            ))}
          </View>
        ))}
      </View>

      <View style={{ marginTop: 8 }}>
        <Text style={s.h2} minPresenceAhead={80}>
          Next steps
        </Text>
        {report.nextSteps.map((step, i) => (
          <View key={step.scaleId + step.kind} style={[s.row, { marginBottom: 6 }]} wrap={false}>
            <Text style={{ width: 16, fontWeight: 700 }}>{`${i + 1}.`}</Text>
            <View style={{ flex: 1 }}>
              <View style={[s.row, { alignItems: 'center' }]}>
                <Text style={{ fontWeight: 700 }}>{scaleName(report, step.scaleId)}</Text>
                <Tag kind={step.kind} label={NEXT_STEP_LABEL[step.kind]} />
              </View>
              <Text>{step.text}</Text>
            </View>
          </View>
        ))}
        <View style={[s.mirror, { marginTop: 6 }]} wrap={false}>
          <Text style={{ fontWeight: 700, marginBottom: 2 }}>Turn this into a development plan</Text>
          {planUrl ? (
            <Link src={planUrl} style={{ color: ACCENT }}>
              {planUrl}
            </Link>
          ) : (
            <Text>{`In Fulcrum, open ${report.planLink} to start a plan focused on these areas.`}</Text>
          )}
        </View>
      </View>
      <Footer report={report} />
    </Page>
  );
}

export interface PdfOptions {
  /** The app's public origin (e.g. `https://fulcrum.example.org`), to make the plan link clickable. */
  baseUrl?: string;
}

/** The report as a react-pdf document (exported for tests and for streaming). */
export function FeedbackReportDocument({
  report,
  baseUrl,
}: {
  report: FeedbackReport;
  baseUrl?: string | undefined;
}) {
  return (
    <Document
      title={`360° feedback — ${report.subject.name}`}
      subject={report.cycle.title}
      author="Fulcrum"
      creator="Fulcrum"
      producer="Fulcrum"
      language="en"
    >
      <Cover report={report} />
      <GridPage report={report} />
      <ScalesPages report={report} />
      <ItemsCommentsSteps report={report} baseUrl={baseUrl} />
    </Document>
  );
}

/**
 * Renders the 360° report to PDF bytes: cover, Lead × Manage grid with blind spots and hidden
 * strengths, scale-by-scale charts, highest and lowest items, comments, next steps.
 *
 * @example
 * const bytes = await renderFeedbackReportPdf(report, { baseUrl: 'https://fulcrum.example.org' });
 * reply.type('application/pdf').send(Buffer.from(bytes));
 */
export async function renderFeedbackReportPdf(
  report: FeedbackReport,
  options: PdfOptions = {},
): Promise<Uint8Array> {
  registerFonts();
  const buffer = await renderToBuffer(<FeedbackReportDocument report={report} baseUrl={options.baseUrl} />);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
