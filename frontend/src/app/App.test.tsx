import { render, screen, waitFor, within } from '@testing-library/react';
import { graphql as mswGraphql, http, HttpResponse } from 'msw';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import {
  aCallbackEvent,
  aConnection,
  admin,
  anAccount,
  api,
  aTemplate,
  aTemplateSetup,
  callbackEventConnection,
  operator,
  sessionAs,
  templateConnection,
  viewer,
} from '../test/handlers';
import { enterText, setupUser, TestStyles } from '../test/render';
import { server } from '../test/server';
import { AppProviders } from './providers';
import { AppRoutes } from './router';

function renderApp(route: string) {
  return render(
    <TestStyles>
      <AppProviders graphql={{ url: 'http://localhost:3000/graphql', webSocketUrl: 'ws://localhost:3000/graphql' }}>
        <MemoryRouter initialEntries={[route]}>
          <AppRoutes />
        </MemoryRouter>
      </AppProviders>
    </TestStyles>,
  );
}

const emptyAccounts = api.query('AccountsList', () =>
  HttpResponse.json({
    data: {
      accounts: {
        __typename: 'AccountConnection',
        totalCount: 0,
        pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
        edges: [],
      },
    },
  }),
);

describe('App routing and layout', () => {
  it('sends an anonymous visitor to sign-in and back to the wanted page afterwards', async () => {
    let signedIn = false;
    server.use(
      http.get('*/api/session', () =>
        signedIn ? HttpResponse.json(operator) : new HttpResponse(null, { status: 204 }),
      ),
      http.post('*/api/session', () => {
        signedIn = true;
        return HttpResponse.json(operator);
      }),
      api.query('Account', () => HttpResponse.json({ data: { account: anAccount() } })),
    );
    renderApp('/accounts/acc-1');
    const user = setupUser();

    await enterText(user, await screen.findByLabelText('用户名'), 'olivia');
    await enterText(user, screen.getByLabelText('密码'), 'correct-horse');
    await user.click(screen.getByRole('button', { name: '登录' }));

    expect(await screen.findByTestId('secret-status-appSecret')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: /Fanmail Demo/ })).toBeInTheDocument();
  });

  it('returns to sign-in when GraphQL says UNAUTHENTICATED', async () => {
    server.use(
      api.query('AccountsList', () =>
        HttpResponse.json({
          data: null,
          errors: [{ message: 'Not signed in', extensions: { code: 'UNAUTHENTICATED' } }],
        }),
      ),
    );
    renderApp('/accounts');
    expect(await screen.findByRole('button', { name: '登录' })).toBeInTheDocument();
  });

  it('returns to sign-in when /graphql answers HTTP 401', async () => {
    server.use(
      mswGraphql.query('AccountsList', () =>
        HttpResponse.json({ errors: [{ message: 'Unauthorized' }] }, { status: 401 }),
      ),
    );
    renderApp('/accounts');
    expect(await screen.findByRole('button', { name: '登录' })).toBeInTheDocument();
  });

  it('shows an OPERATOR the accounts menu only, and "no permission" for /users', async () => {
    server.use(emptyAccounts);
    renderApp('/users');

    expect(await screen.findByText('没有权限')).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: '主导航' });
    expect(within(nav).getByRole('link', { name: '公众号' })).toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: '用户' })).not.toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'GraphiQL' })).not.toBeInTheDocument();
    expect(screen.getByTestId('user-menu')).toHaveTextContent('olivia');
    expect(screen.getByTestId('user-menu')).toHaveTextContent('运营');
  });

  it('shows an ADMIN the users page and the GraphiQL link', async () => {
    server.use(
      sessionAs(admin),
      emptyAccounts,
      api.query('UsersList', () =>
        HttpResponse.json({
          data: {
            users: {
              __typename: 'UserConnection',
              totalCount: 0,
              pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
              edges: [],
            },
          },
        }),
      ),
    );
    renderApp('/accounts');
    const nav = await screen.findByRole('navigation', { name: '主导航' });
    const graphiql = within(nav).getByRole('link', { name: 'GraphiQL' });
    expect(graphiql).toHaveAttribute('href', '/graphiql/');
    expect(graphiql).toHaveAttribute('target', '_blank');

    await setupUser().click(within(nav).getByRole('link', { name: '用户' }));
    expect(await screen.findByRole('heading', { name: '用户' })).toBeInTheDocument();
  });

  it('hides "New account" from a VIEWER and blocks /accounts/new', async () => {
    server.use(sessionAs(viewer), emptyAccounts);
    renderApp('/accounts/new');
    expect(await screen.findByText('没有权限')).toBeInTheDocument();
    expect(screen.queryByTestId('account-form')).not.toBeInTheDocument();
  });

  it('signs out from the user menu', async () => {
    let deleted = false;
    let signedIn = true;
    server.use(
      emptyAccounts,
      http.get('*/api/session', () =>
        signedIn ? HttpResponse.json(operator) : new HttpResponse(null, { status: 204 }),
      ),
      http.delete('*/api/session', ({ request }) => {
        deleted = request.headers.get('X-Fanmail-Csrf') === '1';
        signedIn = false;
        return new HttpResponse(null, { status: 204 });
      }),
    );
    renderApp('/accounts');
    const user = setupUser();

    await user.click(await screen.findByTestId('user-menu'));
    await user.click(await screen.findByTestId('sign-out'));

    expect(await screen.findByRole('button', { name: '登录' })).toBeInTheDocument();
    expect(deleted).toBe(true);
  });

  it('switches the whole layout to English from the header', async () => {
    server.use(emptyAccounts);
    renderApp('/accounts');
    const user = setupUser();
    await screen.findByRole('heading', { name: '公众号' });

    await user.click(within(screen.getByTestId('lang-switch')).getByRole('radio', { name: 'English' }));

    expect(await screen.findByRole('heading', { name: 'Official accounts' })).toBeInTheDocument();
    expect(screen.getByTestId('user-menu')).toHaveTextContent('Operator');
    expect(window.localStorage.getItem('fanmail.language')).toBe('en-US');
  });

  it("shows an account's WeChat connection and opens its events console from the page and the menu", async () => {
    server.use(
      api.query('Account', () => HttpResponse.json({ data: { account: anAccount() } })),
      api.query('WeChatConnection', () =>
        HttpResponse.json({
          data: { weChatConnection: aConnection({ connected: false, lastErrorCode: 40013, lastError: 'invalid appid' }) },
        }),
      ),
      api.query('CallbackEvents', () =>
        HttpResponse.json({ data: { callbackEvents: callbackEventConnection([aCallbackEvent()]) } }),
      ),
    );
    renderApp('/accounts/acc-1');
    const user = setupUser();

    // the connection card, composed into the account page
    expect(await screen.findByTestId('connection-last-error')).toHaveTextContent('40013 invalid appid');
    const nav = screen.getByRole('navigation', { name: '主导航' });
    expect(within(nav).getByRole('link', { name: '事件控制台' })).toHaveAttribute('href', '/accounts/acc-1/events');

    await user.click(screen.getByRole('button', { name: '事件控制台' }));

    expect(await within(await screen.findByTestId('events-table')).findByText('Hello Fanmail')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: /Fanmail Demo/ })).toBeInTheDocument();
    expect(within(nav).getByRole('menuitem', { name: /事件控制台/ })).toHaveClass('ant-menu-item-selected');
  });

  it("opens an account's template messages from the page and marks them in the menu", async () => {
    server.use(
      api.query('Account', () => HttpResponse.json({ data: { account: anAccount() } })),
      api.query('TemplatesSetupPage', () =>
        HttpResponse.json({
          data: {
            templateSetup: aTemplateSetup(),
            industryCatalog: [],
          },
        }),
      ),
      api.query('Templates', () => HttpResponse.json({ data: { templates: templateConnection([aTemplate()]) } })),
      api.query('TemplateSetupChanges', () => HttpResponse.json({ data: { templateSetupChanges: [] } })),
    );
    renderApp('/accounts/acc-1');
    const user = setupUser();
    const nav = await screen.findByRole('navigation', { name: '主导航' });
    expect(within(nav).getByRole('link', { name: '模板消息' })).toHaveAttribute('href', '/accounts/acc-1/templates');

    await user.click(await screen.findByTestId('templates-link'));

    expect(await within(await screen.findByTestId('templates-table')).findByText('订单发货通知')).toBeInTheDocument();
    expect(within(nav).getByRole('menuitem', { name: /模板消息/ })).toHaveClass('ant-menu-item-selected');
  });

  it('keeps the events console out of the menu away from an account', async () => {
    server.use(emptyAccounts);
    renderApp('/accounts');
    const nav = await screen.findByRole('navigation', { name: '主导航' });
    expect(within(nav).getByRole('link', { name: '公众号' })).toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: '事件控制台' })).not.toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: '模板消息' })).not.toBeInTheDocument();
  });

  it('shows a 404 page for unknown paths', async () => {
    renderApp('/nope');
    expect(await screen.findByText('页面不存在')).toBeInTheDocument();
  });

  it('sends the CSRF header and the session cookie policy on GraphQL requests', async () => {
    let csrf: string | null = null;
    let method = '';
    server.use(
      api.query('AccountsList', ({ request }) => {
        csrf = request.headers.get('X-Fanmail-Csrf');
        method = request.method;
        return HttpResponse.json({
          data: {
            accounts: {
              __typename: 'AccountConnection',
              totalCount: 0,
              pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
              edges: [],
            },
          },
        });
      }),
    );
    renderApp('/accounts');
    await waitFor(() => expect(csrf).toBe('1'));
    expect(method).toBe('POST');
  });
});
