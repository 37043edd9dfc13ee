import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { FanFieldsFragment, FanSyncFieldsFragment } from '../../../gql/graphql';
import i18n from '../../../lib/i18n';
import { api, FakeSubscriptionServer } from '../../../test/handlers';
import { enterText, renderWithProviders, setupUser } from '../../../test/render';
import { server } from '../../../test/server';
import { AccountLayout } from '../../accounts';
import { aFan, aFanSync, aTag, connectionOf } from '../testData';
import { FansPage } from './FansPage';

interface Calls {
  fans: Record<string, unknown>[];
  counts: Record<string, unknown>[];
  starts: Record<string, unknown>[];
}

function serveFans({
  fans = [aFan(), aFan({ openid: 'oFan_0000000000000000000002', remark: '', tags: [] })],
  syncs = [] as FanSyncFieldsFragment[],
  count = 2,
  startErrors = [] as { code: string; field: string | null; message: string }[],
}: { fans?: FanFieldsFragment[]; syncs?: FanSyncFieldsFragment[]; count?: number; startErrors?: { code: string; field: string | null; message: string }[] } = {}) {
  const calls: Calls = { fans: [], counts: [], starts: [] };
  server.use(
    api.query('Fans', ({ variables }) => {
      calls.fans.push(variables);
      return HttpResponse.json({ data: { fans: connectionOf('Fan', fans) } });
    }),
    api.query('FanCount', ({ variables }) => {
      calls.counts.push(variables);
      return HttpResponse.json({ data: { fanCount: count } });
    }),
    api.query('Tags', () => HttpResponse.json({ data: { tags: [aTag(), aTag({ id: 101, name: 'Newcomers' })] } })),
    api.query('FanSyncs', () => HttpResponse.json({ data: { fanSyncs: syncs } })),
    api.mutation('FanSyncStart', ({ variables }) => {
      calls.starts.push(variables);
      return HttpResponse.json({
        data: {
          fanSyncStart: {
            sync: startErrors.length ? null : aFanSync({ id: 'sync-2', done: 0, total: null, startedAt: '2026-11-06T08:00:00Z' }),
            userErrors: startErrors.map((e) => ({ __typename: 'UserError', ...e })),
          },
        },
      });
    }),
  );
  return calls;
}

function renderFans() {
  renderWithProviders(
    <Routes>
      <Route path="/accounts/:id" element={<AccountLayout />}>
        <Route path="fans" element={<FansPage />} />
      </Route>
    </Routes>,
    { route: '/accounts/acc-1/fans' },
  );
}

function rows(): string[] {
  return Array.from(screen.getByTestId('fans-table').querySelectorAll('tr[data-row-key]')).map((row) => row.getAttribute('data-row-key') ?? '');
}

describe('FansPage', () => {
  it('lists the fans with their tags, window and the matching count', async () => {
    await i18n.changeLanguage('en-US');
    serveFans({
      fans: [
        aFan({
          window: {
            __typename: 'FanWindow',
            open: true,
            kind: 'MESSAGE',
            openedBy: 'MESSAGE',
            openedAt: '2026-11-05T08:00:00Z',
            expiresAt: '2026-11-07T08:00:00Z',
            remaining: 4,
          },
        }),
        aFan({ openid: 'oFan_0000000000000000000002', remark: '', tags: [], subscribed: false }),
      ],
      count: 2,
    });
    renderFans();

    await waitFor(() => expect(rows()).toEqual(['oFan_0000000000000000000001', 'oFan_0000000000000000000002']));
    expect(await screen.findByTestId('fan-count')).toHaveTextContent('2');
    const first = screen.getByTestId('fan-window-oFan_0000000000000000000001');
    expect(first).toHaveAttribute('data-open', 'true');
    expect(first).toHaveTextContent(/Open · 4 messages left · closes/);
    expect(screen.getByTestId('fan-window-oFan_0000000000000000000002')).toHaveTextContent('Closed');
    expect(within(screen.getByTestId('fans-table')).getByText('Unfollowed')).toBeInTheDocument();
    expect(screen.getByTestId('fan-link-oFan_0000000000000000000001')).toHaveAttribute(
      'href',
      '/accounts/acc-1/fans/oFan_0000000000000000000001',
    );
  });

  it('sends the filter controls as the FanFilterInput of the list and of the count', async () => {
    await i18n.changeLanguage('en-US');
    const calls = serveFans();
    const user = setupUser();
    renderFans();
    await waitFor(() => expect(calls.fans).toHaveLength(1));
    expect(calls.fans[0]).toMatchObject({ accountId: 'acc-1', filter: {}, orderBy: 'OPENID', first: 50, after: null });

    await enterText(user, screen.getByTestId('fan-filter-search'), 'oFan_00');
    await user.keyboard('{Enter}');
    await user.click(within(screen.getByTestId('fan-filter-subscribed')).getByRole('radio', { name: 'Following' }));
    await user.click(within(screen.getByTestId('fan-filter-window')).getByRole('radio', { name: 'Open' }));
    await user.click(within(screen.getByTestId('fan-filter-tags')).getByRole('combobox'));
    const option = await waitFor(() => {
      const found = document.querySelector('.ant-select-dropdown .ant-select-item-option[title="Newcomers"]');
      if (!found) throw new Error('no option');
      return found as HTMLElement;
    });
    await user.click(option);
    await user.click(within(screen.getByTestId('fan-filter-tag-match')).getByRole('radio', { name: 'None' }));

    const expected = { search: 'oFan_00', subscribed: true, window: 'OPEN', tagIds: [101], tagMatch: 'NONE' };
    await waitFor(() => expect(calls.fans.at(-1)?.filter).toEqual(expected));
    expect(calls.fans.at(-1)?.after).toBeNull();
    await waitFor(() => expect(calls.counts.at(-1)?.filter).toEqual(expected));

    await user.click(screen.getByTestId('fan-filter-reset'));
    await waitFor(() => expect(calls.fans.at(-1)?.filter).toEqual({}));
  });

  it('shows the running sync from fanSyncs and moves its bar with fanSyncProgress, then reloads the fans', async () => {
    const live = new FakeSubscriptionServer();
    server.use(live.handler);
    const calls = serveFans({ syncs: [aFanSync({ done: 10, total: 100 })] });
    renderFans();

    const bar = await screen.findByTestId('fan-sync-progress-FOLLOWERS');
    expect(bar).toHaveAttribute('data-percent', '10');
    expect(screen.getByTestId('fan-sync-status-FOLLOWERS')).toHaveTextContent('进行中');
    expect(screen.getByTestId('fan-sync-start-FOLLOWERS')).toBeDisabled();
    await waitFor(() => expect(live.subscriptions.map((s) => s.operationName)).toContain('FanSyncProgress'));
    const loadsBefore = calls.fans.length;

    expect(live.emit('FanSyncProgress', { fanSyncProgress: aFanSync({ done: 55, total: 100 }) })).toBe(1);
    await waitFor(() => expect(screen.getByTestId('fan-sync-progress-FOLLOWERS')).toHaveAttribute('data-percent', '55'));
    expect(screen.getByTestId('fan-sync-counts-FOLLOWERS')).toHaveTextContent('55 / 100');

    live.emit('FanSyncProgress', {
      fanSyncProgress: aFanSync({ done: 100, total: 100, status: 'SUCCEEDED', finishedAt: '2026-11-05T08:01:00Z' }),
    });
    await waitFor(() => expect(screen.getByTestId('fan-sync-progress-FOLLOWERS')).toHaveAttribute('data-percent', '100'));
    expect(screen.getByTestId('fan-sync-status-FOLLOWERS')).toHaveTextContent('已完成');
    expect(screen.getByTestId('fan-sync-start-FOLLOWERS')).toBeEnabled();
    await waitFor(() => expect(calls.fans.length).toBeGreaterThan(loadsBefore));
  });

  it('starts a details sync and shows a refusal in the user language; a failed run shows its error', async () => {
    const calls = serveFans({
      syncs: [aFanSync({ status: 'FAILED', errorCode: 'WECHAT_UNAVAILABLE', errorMessage: 'user/get timed out', done: 3, total: 100 })],
      startErrors: [{ code: 'SYNC_RUNNING', field: null, message: 'A sync of this kind is already running.' }],
    });
    const user = setupUser();
    renderFans();

    expect(await screen.findByTestId('fan-sync-error-FOLLOWERS')).toHaveTextContent('暂时无法连接微信');
    expect(screen.getByTestId('fan-sync-error-FOLLOWERS')).toHaveTextContent('user/get timed out');
    await user.click(screen.getByTestId('fan-sync-start-DETAILS'));
    expect(await screen.findByTestId('fan-sync-start-error-DETAILS')).toHaveTextContent('同类同步正在进行。');
    expect(calls.starts).toEqual([{ input: { accountId: 'acc-1', kind: 'DETAILS' } }]);
  });
});
