import { Navigate, Route, Routes } from 'react-router';
import { AccountCreatePage, AccountEditPage, AccountLayout, AccountsListPage } from '../features/accounts';
import { FanDetailPage, FansPage, SegmentsPage, TagsPage, UploadsPage } from '../features/audiences';
import { SignInPage } from '../features/auth';
import { DispatchJobPage, TemplateSendPage } from '../features/dispatch';
import { EventsConsolePage, WeChatConnectionCard } from '../features/events';
import { FanSentMessagesCard, HistoryJobsPage, RecipientsCard } from '../features/history';
import { MaterialsPage, NewsEditorPage, NewsListPage } from '../features/materials';
import { TemplateDetailPage, TemplatesPage } from '../features/templates';
import { UsersPage } from '../features/users';
import { AppLayout } from './layout/AppLayout';
import { ForbiddenPage } from './routes/ForbiddenPage';
import { RequireAuth, RequirePermission } from './routes/guards';
import { NotFoundPage } from './routes/NotFoundPage';

/** All routes; the Router itself (Browser or Memory) is supplied by the caller. */
export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<SignInPage />} />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<Navigate to="/accounts" replace />} />
        <Route path="accounts" element={<AccountsListPage />} />
        <Route
          path="accounts/new"
          element={
            <RequirePermission permission="manageAccounts">
              <AccountCreatePage />
            </RequirePermission>
          }
        />
        <Route path="accounts/:id" element={<AccountLayout />}>
          <Route index element={<AccountEditPage renderCards={(account) => <WeChatConnectionCard accountId={account.id} />} />} />
          <Route path="events" element={<EventsConsolePage />} />
          <Route path="templates" element={<TemplatesPage />} />
          <Route path="templates/:templateId" element={<TemplateDetailPage />} />
          <Route path="fans" element={<FansPage />} />
          <Route
            path="fans/:openid"
            element={<FanDetailPage renderCards={(fan) => <FanSentMessagesCard accountId={fan.accountId} openid={fan.openid} />} />}
          />
          <Route path="tags" element={<TagsPage />} />
          <Route path="uploads" element={<UploadsPage />} />
          <Route path="segments" element={<SegmentsPage />} />
          <Route
            path="dispatch/new"
            element={
              <RequirePermission permission="manageAccounts">
                <TemplateSendPage />
              </RequirePermission>
            }
          />
          <Route path="dispatch/jobs/:jobId" element={<DispatchJobPage renderRecipients={(job) => <RecipientsCard jobId={job.id} />} />} />
          <Route path="history" element={<HistoryJobsPage />} />
          <Route path="materials" element={<MaterialsPage />} />
          <Route path="news" element={<NewsListPage />} />
          <Route
            path="news/new"
            element={
              <RequirePermission permission="manageAccounts">
                <NewsEditorPage />
              </RequirePermission>
            }
          />
          <Route path="news/:draftId" element={<NewsEditorPage />} />
        </Route>
        <Route path="history" element={<HistoryJobsPage />} />
        <Route
          path="users"
          element={
            <RequirePermission permission="manageUsers">
              <UsersPage />
            </RequirePermission>
          }
        />
        <Route path="forbidden" element={<ForbiddenPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
