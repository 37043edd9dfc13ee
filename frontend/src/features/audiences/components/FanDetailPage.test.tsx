import { screen, waitFor } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { aCallbackEvent, api, callbackEventConnection } from '../../../test/handlers';
import { enterText, renderWithProviders, setupUser } from '../../../test/render';
import { server } from '../../../test/server';
import { AccountLayout } from '../../accounts';
import { aFan } from '../testData';
import { FanDetailPage } from './FanDetailPage';

const openid = 'oFan_0000000000000000000001';

function serveFan() {
  const calls = { timeline: [] as Record<string, unknown>[], remarks: [] as unknown[] };
  server.use(
    api.query('Fan', () =>
      HttpResponse.json({
        data: {
          fan: aFan({
            window: {
              __typename: 'FanWindow',
              open: true,
              kind: 'MESSAGE',
              openedBy: 'MESSAGE',
              openedAt: '2026-11-05T08:00:00Z',
              expiresAt: '2026-11-07T08:00:00Z',
              remaining: 5,
            },
          }),
          serviceWindowRules: {
            __typename: 'ServiceWindowRules',
            messageLimit: 5,
            messageSeconds: 172800,
            interactionLimit: 3,
            interactionSeconds: 60,
          },
        },
      }),
    ),
    api.query('FanTimeline', ({ variables }) => {
      calls.timeline.push(variables);
      return HttpResponse.json({ data: { callbackEvents: callbackEventConnection([aCallbackEvent({ summary: 'Hello Fanmail' })]) } });
    }),
    api.mutation('FanRemarkUpdate', ({ variables }) => {
      calls.remarks.push(variables);
      return HttpResponse.json({
        data: {
          fanRemarkUpdate: {
            fan: null,
            userErrors: [{ __typename: 'UserError', code: 'REMARK_TOO_LONG', field: 'remark', message: 'At most 30 characters.' }],
          },
        },
      });
    }),
  );
  return calls;
}

describe('FanDetailPage', () => {
  it('shows the open window with its rules, the fan pushes, and a remark refusal in the user language', async () => {
    const calls = serveFan();
    const user = setupUser();
    renderWithProviders(
      <Routes>
        <Route path="/accounts/:id" element={<AccountLayout />}>
          <Route path="fans/:openid" element={<FanDetailPage />} />
        </Route>
      </Routes>,
      { route: `/accounts/acc-1/fans/${openid}` },
    );

    const badge = await screen.findByTestId('fan-window');
    expect(badge).toHaveAttribute('data-open', 'true');
    expect(screen.getByTestId('fan-window-remaining')).toHaveTextContent('5');
    expect(screen.getByText('粉丝发送消息')).toBeInTheDocument();
    expect(screen.getByTestId('fan-window-rules')).toHaveTextContent('粉丝发送消息后 48 小时内可发送最多 5 条客服消息；粉丝触发事件（点击菜单、关注、扫码等）后 1 分钟内最多 3 条。')
    expect(await screen.findByText('Hello Fanmail')).toBeInTheDocument();
    expect(calls.timeline[0]).toMatchObject({ accountId: 'acc-1', openid, after: null });

    const input = screen.getByTestId('fan-remark-input');
    await user.clear(input);
    await enterText(user, input, 'A very long remark');
    await user.click(screen.getByTestId('fan-remark-save'));
    expect(await screen.findByText('备注最多 30 个字符。')).toBeInTheDocument();
    await waitFor(() => expect(calls.remarks).toEqual([{ input: { accountId: 'acc-1', openid, remark: 'A very long remark' } }]));
  });
});
