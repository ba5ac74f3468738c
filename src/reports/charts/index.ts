export { LeadManageGrid, type LeadManageGridProps } from './LeadManageGrid.tsx';
export { ContrastBars, FoundationBars, ProfileGrid } from './profile-charts.tsx';
export { type Bar, type BarGroup, ScoreBars, type ScoreBarsProps } from './ScoreBars.tsx';
export { fmt, scoreScale, TONES, type Tone, Z95 } from './scale.ts';
