import { Route } from 'react-router';
import './plans.css';
import { GrowthPage } from './GrowthPage.tsx';
import { NewPlanPage } from './NewPlanPage.tsx';
import { PlanPage } from './PlanPage.tsx';
import { PlansPage } from './PlansPage.tsx';

/** The development plan and growth pages, added to the app's routes as one fragment. */
export const planRoutes = (
  <>
    <Route path="/plans" element={<PlansPage />} />
    <Route path="/plans/new" element={<NewPlanPage />} />
    <Route path="/plans/:planId" element={<PlanPage />} />
    <Route path="/growth" element={<GrowthPage />} />
  </>
);
