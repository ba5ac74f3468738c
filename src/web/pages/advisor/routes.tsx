import { Route } from 'react-router';
import './advisor.css';
import { AdvisorPage } from './AdvisorPage.tsx';
import { PracticesPage } from './PracticesPage.tsx';

/** The situational advisor and the practice library, added to the app's routes as one fragment. */
export const advisorRoutes = (
  <>
    <Route path="/advisor" element={<AdvisorPage />} />
    <Route path="/practices" element={<PracticesPage />} />
  </>
);
