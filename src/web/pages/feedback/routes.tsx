import { Route } from 'react-router';
import './feedback.css';
import { CyclePage, CyclesPage, NewCyclePage } from './Cycles.tsx';
import { RaterFormPage } from './RaterForm.tsx';
import { ReportPage } from './ReportPage.tsx';

/** The 360° feedback pages, added to the app's routes as one fragment. */
export const feedbackRoutes = (
  <>
    <Route path="/cycles" element={<CyclesPage />} />
    <Route path="/cycles/new" element={<NewCyclePage />} />
    <Route path="/cycles/:cycleId" element={<CyclePage />} />
    <Route path="/cycles/:cycleId/subjects/:subjectId/report" element={<ReportPage />} />
    <Route path="/rate/:token" element={<RaterFormPage />} />
  </>
);
