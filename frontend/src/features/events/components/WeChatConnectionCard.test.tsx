import { screen, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { WeChatConnectionFieldsFragment } from '../../../gql/graphql';
import i18n from '../../../lib/i18n';
import { aConnection, api, sessionAs, viewer } from '../../../test/handlers';
import { renderWithProviders, setupUser } from '../../../test/render';
import { server } from '../../../test/server';
import { WeChatConnectionCard } from './WeChatConnectionCard';

const refused = aConnection({
  connected: false,
  tokenExpiresAt: null,
  lastErrorCode: 40125,
  lastError: 'invalid appsecret, rid: 6543-21',
  failedAt: '2026-11-05T09:00:00Z',
  retryAfter: '2026-11-05T09:05:00Z',
});

/** Serves `state.current` for the query; the test mutation may replace it. */
function serveConnection(initial: WeChatConnectionFieldsFragment | null) {
  const state = { current: initial, queries: 0 };
  server.use(
    api.query('WeChatConnection', () => {
      state.queries += 1;
      return HttpResponse.json({ data: { weChatConnection: state.current } });
    }),
  );
  return state;
}

/** The body of a `weChatConnectionTest` answer. */
function testPayload(connection: WeChatConnectionFieldsFragment | null, userErrors: { code: string; message: string }[] = []) {
  return {
    data: {
      weChatConnectionTest: {
        __typename: 'WeChatConnectionTestPayload',
        connection,
        userErrors: userErrors.map((e) => ({ __typename: 'UserError', field: null, code: e.code, message: e.message })),
      },
    },
  };
}

describe('WeChatConnectionCard', () => {
  it("shows WeChat's last error verbatim and a translated credential error after a test", async () => {
    serveConnection(refused);
    let input: unknown;
    server.use(
      api.mutation('WeChatConnectionTest', ({ variables }) => {
        input = variables.input;
        return HttpResponse.json(
          testPayload(refused, [
            { code: 'WECHAT_CREDENTIALS_INVALID', message: 'WeChat refused the credentials: invalid appsecret' },
          ]),
        );
      }),
    );
    renderWithProviders(<WeChatConnectionCard accountId="acc-1" />);
    const user = setupUser();

    const card = await screen.findByTestId('wechat-connection');
    expect(await within(card).findByTestId('connection-state')).toHaveTextContent('未连接');
    expect(within(card).getByTestId('connection-last-error')).toHaveTextContent('40125 invalid appsecret, rid: 6543-21');
    expect(within(card).getByText('在此之前不再尝试')).toBeInTheDocument();

    await user.click(within(card).getByTestId('connection-test'));

    expect(await within(card).findByRole('alert')).toHaveTextContent(
      '微信拒绝了 AppID 或 AppSecret（或本服务器 IP 不在白名单中）。',
    );
    expect(input).toEqual({ accountId: 'acc-1' });
  });

  it('translates an unreachable WeChat with the server detail, in English too', async () => {
    serveConnection(null);
    server.use(
      api.mutation('WeChatConnectionTest', () =>
        HttpResponse.json(testPayload(null, [{ code: 'WECHAT_UNREACHABLE', message: 'connect timed out' }])),
      ),
    );
    await i18n.changeLanguage('en-US');
    renderWithProviders(<WeChatConnectionCard accountId="acc-1" />);
    const user = setupUser();

    expect(await screen.findByTestId('connection-state')).toHaveTextContent('Not checked yet');
    await user.click(screen.getByRole('button', { name: 'Test connection' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('WeChat cannot be reached: connect timed out');
  });

  it('shows the new state after a successful test', async () => {
    const state = serveConnection(null);
    server.use(
      api.mutation('WeChatConnectionTest', () => {
        state.current = aConnection({ connected: true, refreshCount: 1 });
        return HttpResponse.json(testPayload(state.current));
      }),
    );
    renderWithProviders(<WeChatConnectionCard accountId="acc-1" />);
    const user = setupUser();

    expect(await screen.findByTestId('connection-state')).toHaveTextContent('尚未检查');
    await user.click(screen.getByTestId('connection-test'));

    expect(await screen.findByText('微信已接受 AppID 和 AppSecret')).toBeInTheDocument();
    expect(await screen.findByText('已连接')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('lets a VIEWER see the state but not test', async () => {
    server.use(sessionAs(viewer));
    serveConnection(refused);
    renderWithProviders(<WeChatConnectionCard accountId="acc-1" />);

    expect(await screen.findByTestId('connection-last-error')).toHaveTextContent('invalid appsecret');
    expect(screen.queryByTestId('connection-test')).not.toBeInTheDocument();
  });
});
