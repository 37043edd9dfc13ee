import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import i18n from '../../../lib/i18n';
import { api, FakeSubscriptionServer } from '../../../test/handlers';
import { renderWithProviders, setupUser } from '../../../test/render';
import { server } from '../../../test/server';
import { AccountLayout } from '../../accounts';
import { DispatchJobPage } from './DispatchJobPage';

function counts(over: Record<string, number> = {}) {
  return {
    __typename: 'DispatchCounts',
    queued: 0,
    sending: 0,
    sent: 0,
    delivered: 0,
    userBlocked: 0,
    systemFailed: 0,
    failed: 0,
    skipped: 0,
    inDoubt: 0,
    done: 0,
    total: 4,
    ...over,
  };
}

function aJob(over: Record<string, unknown> = {}) {
  return {
    __typename: 'DispatchJob',
    id: 'job-1',
    accountId: 'acc-1',
    kind: 'TEMPLATE',
    state: 'SENDING',
    title: '订单支付成功',
    total: 4,
    counts: counts({ queued: 2, delivered: 2, done: 2 }),
    pausedUntil: null,
    pauseReason: null,
    failure: null,
    createdBy: 'olivia',
    createdAt: '2026-12-03T08:00:00Z',
    startedAt: '2026-12-03T08:00:01Z',
    finishedAt: null,
    audience: 'All followers',
    followUpOf: null,
    content: null,
    plan: null,
    events: [{ __typename: 'DispatchJobEvent', at: '2026-12-03T08:00:00Z', actor: 'olivia', from: null, to: 'PLANNED', reason: null }],
    ...over,
  };
}

function renderJob() {
  renderWithProviders(
    <Routes>
      <Route path="/accounts/:id" element={<AccountLayout />}>
        <Route path="dispatch/jobs/:jobId" element={<DispatchJobPage renderRecipients={(job) => <p>recipients of {job.id}</p>} />} />
      </Route>
    </Routes>,
    { route: '/accounts/acc-1/dispatch/jobs/job-1' },
  );
}

describe('DispatchJobPage', () => {
  it('moves the progress bar with the live progress and shows rate, ETA and counts', async () => {
    await i18n.changeLanguage('en-US');
    const live = new FakeSubscriptionServer();
    server.use(live.handler, api.query('DispatchJob', () => HttpResponse.json({ data: { dispatchJob: aJob() } })));
    renderJob();

    expect(await screen.findByTestId('job-progress')).toHaveAttribute('data-percent', '50');
    expect(screen.getByText('recipients of job-1')).toBeInTheDocument();
    await waitFor(() => expect(live.subscriptions.map((s) => s.operationName)).toContain('DispatchProgress'));

    live.emit('DispatchProgress', {
      dispatchProgress: {
        __typename: 'DispatchProgress',
        jobId: 'job-1',
        state: 'SENDING',
        counts: counts({ queued: 1, delivered: 2, userBlocked: 1, done: 3 }),
        ratePerSecond: 2.5,
        etaSeconds: 150,
        at: '2026-12-03T08:00:05Z',
      },
    });

    await waitFor(() => expect(screen.getByTestId('job-progress')).toHaveAttribute('data-percent', '75'));
    expect(screen.getByTestId('job-count-USER_BLOCKED')).toHaveTextContent('1');
    expect(screen.getByText('2 min 30 s')).toBeInTheDocument();
    expect(screen.getByTestId('job-outcome-USER_BLOCKED')).toHaveAttribute('data-count', '1');
  });

  it('warns that in-doubt recipients may get the message twice before resending to them', async () => {
    await i18n.changeLanguage('en-US');
    const resends: unknown[] = [];
    server.use(
      api.query('DispatchJob', () =>
        HttpResponse.json({ data: { dispatchJob: aJob({ state: 'COMPLETED', counts: counts({ delivered: 3, inDoubt: 1, done: 4 }), finishedAt: '2026-12-01T08:00:00Z' }) } }),
      ),
      api.mutation('DispatchResendInDoubt', ({ variables }) => {
        resends.push(variables);
        return HttpResponse.json({ data: { dispatchResendInDoubt: { __typename: 'DispatchJobPayload', job: { __typename: 'DispatchJob', id: 'job-2', state: 'PLANNED' }, userErrors: [] } } });
      }),
    );
    renderJob();
    const user = setupUser();

    await user.click(await screen.findByTestId('job-resend-in-doubt'));
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('Some fans may receive the message twice');
    expect(resends).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Resend in-doubt' }));

    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/accounts/acc-1/dispatch/jobs/job-2'));
    expect(resends[0]).toEqual({ input: { jobId: 'job-1' } });
    expect(screen.queryByTestId('job-pause')).not.toBeInTheDocument();
  });
});
