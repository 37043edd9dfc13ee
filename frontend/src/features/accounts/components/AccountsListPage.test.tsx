import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { AccountFieldsFragment } from '../../../gql/graphql';
import i18n from '../../../lib/i18n';
import { anAccount, api, FakeSubscriptionServer, sessionAs, viewer } from '../../../test/handlers';
import { renderWithProviders, setupUser } from '../../../test/render';
import { server } from '../../../test/server';
import { AccountsListPage } from './AccountsListPage';

function connection(accounts: AccountFieldsFragment[], hasNextPage = false, endCursor: string | null = null) {
  return {
    __typename: 'AccountConnection',
    totalCount: accounts.length,
    pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor },
    edges: accounts.map((node) => ({ __typename: 'AccountEdge', cursor: `c-${node.id}`, node })),
  };
}

describe('AccountsListPage', () => {
  it('lists accounts with translated tags', async () => {
    server.use(
      api.query('AccountsList', () =>
        HttpResponse.json({
          data: {
            accounts: connection([
              anAccount(),
              anAccount({
                id: 'acc-2',
                name: 'Second',
                appId: 'wx00000000000000ff',
                type: 'SUBSCRIPTION',
                status: 'DISABLED',
                apiTarget: 'WECHAT',
                verified: false,
                encryptionMode: 'PLAIN',
              }),
            ]),
          },
        }),
      ),
    );
    await i18n.changeLanguage('en-US');
    renderWithProviders(<AccountsListPage />, { route: '/accounts' });

    const table = await screen.findByTestId('accounts-table');
    const row = (await within(table).findByRole('link', { name: 'Second' })).closest('tr') as HTMLElement;
    expect(within(row).getByText('wx00000000000000ff')).toBeInTheDocument();
    expect(within(row).getByText('Subscription account')).toBeInTheDocument();
    expect(within(row).getByText('Disabled')).toBeInTheDocument();
    expect(within(row).getByText('WeChat')).toBeInTheDocument();
    expect(within(row).getByText('Plain text')).toBeInTheDocument();
    expect(within(row).getByText('Not verified')).toBeInTheDocument();
    expect(within(table).getByRole('link', { name: 'Fanmail Demo' })).toHaveAttribute('href', '/accounts/acc-1');
    expect(screen.getByText('2 accounts')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'New account' })).toBeInTheDocument();
  });

  it('sends the search text and pages by cursor', async () => {
    const calls: Record<string, unknown>[] = [];
    server.use(
      api.query('AccountsList', ({ variables }) => {
        calls.push(variables);
        if (variables.after === 'cursor-1') {
          return HttpResponse.json({ data: { accounts: connection([anAccount({ id: 'acc-3', name: 'Page two' })]) } });
        }
        return HttpResponse.json({ data: { accounts: connection([anAccount()], true, 'cursor-1') } });
      }),
    );
    renderWithProviders(<AccountsListPage />, { route: '/accounts' });
    const user = setupUser();

    await screen.findByRole('link', { name: 'Fanmail Demo' });
    await user.type(screen.getByRole('searchbox', { name: '搜索公众号' }), 'demo{Enter}');
    await waitFor(() => expect(calls.at(-1)).toMatchObject({ search: 'demo', after: null, first: 20 }));

    await user.click(await screen.findByRole('button', { name: '下一页' }));
    expect(await screen.findByRole('link', { name: 'Page two' })).toBeInTheDocument();
    expect(calls.at(-1)).toMatchObject({ search: 'demo', after: 'cursor-1' });

    await user.click(screen.getByRole('button', { name: '上一页' }));
    expect(await screen.findByRole('link', { name: 'Fanmail Demo' })).toBeInTheDocument();
  });

  it('shows an empty state without a create button for a VIEWER', async () => {
    server.use(
      sessionAs(viewer),
      api.query('AccountsList', () => HttpResponse.json({ data: { accounts: connection([]) } })),
    );
    renderWithProviders(<AccountsListPage />, { route: '/accounts' });

    expect(await screen.findByText('还没有公众号')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '新建公众号' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '添加第一个公众号' })).not.toBeInTheDocument();
  });

  it('shows only the spinner, not the empty state, until the first page arrives', async () => {
    let requested!: () => void;
    const requestSeen = new Promise<void>((resolve) => (requested = resolve));
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    server.use(
      api.query('AccountsList', async () => {
        requested();
        await answered;
        return HttpResponse.json({ data: { accounts: connection([]) } });
      }),
    );
    renderWithProviders(<AccountsListPage />, { route: '/accounts' });

    await requestSeen;
    const table = await screen.findByTestId('accounts-table');
    await waitFor(() => expect(table.querySelector('.ant-spin-spinning')).not.toBeNull());
    expect(within(table).queryByText('还没有公众号')).not.toBeInTheDocument();
    expect(within(table).queryByRole('button', { name: '添加第一个公众号' })).not.toBeInTheDocument();

    answer();
    expect(await within(table).findByText('还没有公众号')).toBeInTheDocument();
    expect(table.querySelector('.ant-spin-spinning')).toBeNull();
  });

  it('refreshes when another admin changes an account (accountChanged subscription)', async () => {
    const live = new FakeSubscriptionServer();
    let accounts = [anAccount()];
    server.use(
      live.handler,
      api.query('AccountsList', () => HttpResponse.json({ data: { accounts: connection(accounts) } })),
    );
    renderWithProviders(<AccountsListPage />, { route: '/accounts' });
    await screen.findByRole('link', { name: 'Fanmail Demo' });
    await waitFor(() => expect(live.subscriptions.map((s) => s.operationName)).toContain('AccountChanged'));

    const created = anAccount({ id: 'acc-9', name: 'Created elsewhere', appId: 'wx99999999999999aa' });
    accounts = [...accounts, created];
    live.emit('AccountChanged', {
      accountChanged: { __typename: 'AccountChange', kind: 'CREATED', accountId: 'acc-9', account: created },
    });

    expect(await screen.findByRole('link', { name: 'Created elsewhere' })).toBeInTheDocument();
  });
});
