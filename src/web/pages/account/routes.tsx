import { Route } from 'react-router';
import './account.css';
import { OrganizationPage } from './Organization.tsx';
import { ProfilePage, TwoFactorPage } from './Profile.tsx';
import { LoginPage, SetupPage } from './SignIn.tsx';
import { AcceptInvitationPage, ConfirmEmailPage, ForgotPasswordPage, ResetPasswordPage } from './Tokens.tsx';

/** The account pages, added to the app's routes as one fragment. */
export const accountRoutes = (
  <>
    <Route path="/setup" element={<SetupPage />} />
    <Route path="/login" element={<LoginPage />} />
    <Route path="/account" element={<ProfilePage />} />
    <Route path="/account/two-factor" element={<TwoFactorPage />} />
    <Route path="/account/accept" element={<AcceptInvitationPage />} />
    <Route path="/account/forgot" element={<ForgotPasswordPage />} />
    <Route path="/account/reset" element={<ResetPasswordPage />} />
    <Route path="/account/confirm-email" element={<ConfirmEmailPage />} />
    <Route path="/organization" element={<OrganizationPage />} />
  </>
);
