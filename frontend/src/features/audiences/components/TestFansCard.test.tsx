import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import i18n from '../../../lib/i18n';
import { api, sessionAs, viewer } from '../../../test/handlers';
import { enterText, renderWithProviders, setupUser } from '../../../test/render';
import { server } from '../../../test/server';
import { TestFansCard } from './TestFansCard';

const A = 'oTestFan_A_000000000000000001';
const B = 'oTestFan_B_000000000000000002';

function aTestFan(openid: string, label: string, subscribed = true) {
  return { __typename: 'TestFan', openid, label, remark: '', subscribed, createdAt: '2026-12-01T08:00:00Z', createdBy: 'olivia' };
}

function serve() {
  const fans = [aTestFan(A, 'Phone A'), aTestFan(B, 'Old phone', false)];
  const calls = { adds: [] as Record<string, unknown>[], removes: [] as Record<string, unknown>[] };
  server.use(
    api.query('TestFans', () => HttpResponse.json({ data: { testFans: fans } })),
    api.mutation('TestFanAdd', ({ variables }) => {
      calls.adds.push(variables);
      const input = variables.input as { openid: string; label: string };
      if (input.openid === 'oStranger_000000000000000000') {
        return HttpResponse.json({
          data: {
            testFanAdd: {
              __typename: 'TestFanAddPayload',
              testFan: null,
              userErrors: [{ __typename: 'UserError', code: 'NOT_A_FOLLOWER', field: 'openid', message: 'not a follower' }],
            },
          },
        });
      }
      const added = aTestFan(input.openid, input.label);
      fans.push(added);
      return HttpResponse.json({ data: { testFanAdd: { __typename: 'TestFanAddPayload', testFan: added, userErrors: [] } } });
    }),
    api.mutation('TestFanRemove', ({ variables }) => {
      calls.removes.push(variables);
      const openid = (variables.input as { openid: string }).openid;
      fans.splice(fans.findIndex((f) => f.openid === openid), 1);
      return HttpResponse.json({ data: { testFanRemove: { __typename: 'TestFanRemovePayload', removedOpenid: openid, userErrors: [] } } });
    }),
  );
  return calls;
}

describe('TestFansCard', () => {
  it('lists the test fans, adds one with the server refusal translated, and removes one after confirmation', async () => {
    await i18n.changeLanguage('zh-CN');
    const calls = serve();
    renderWithProviders(<TestFansCard accountId="acc-1" />);
    const user = setupUser();

    const a = await screen.findByTestId(`test-fan-row-${A}`);
    expect(a).toHaveTextContent('Phone A');
    expect(a).toHaveTextContent(A);
    expect(a).toHaveTextContent('已关注');
    expect(screen.getByTestId(`test-fan-row-${B}`)).toHaveTextContent('已取关');
    expect(screen.getByTestId('test-fans-card')).toHaveTextContent('2 / 20');

    // a fan that does not follow the account: the server's code, translated, under the openid
    await enterText(user, await screen.findByTestId('test-fan-add-openid'), 'oStranger_000000000000000000');
    await enterText(user, screen.getByTestId('test-fan-add-label'), '陌生人');
    await user.click(screen.getByTestId('test-fan-add-submit'));
    expect(await screen.findByText('该 OpenID 不是本公众号的已关注粉丝：微信只向关注者发送消息。')).toBeInTheDocument();
    expect(screen.queryByTestId('test-fan-row-oStranger_000000000000000000')).not.toBeInTheDocument();

    // a follower: added, the list reloaded, the form emptied
    const C = 'oTestFan_C_000000000000000003';
    await user.clear(screen.getByTestId('test-fan-add-openid'));
    await enterText(user, screen.getByTestId('test-fan-add-openid'), C);
    await user.clear(screen.getByTestId('test-fan-add-label'));
    await enterText(user, screen.getByTestId('test-fan-add-label'), '李雷的手机');
    await user.click(screen.getByTestId('test-fan-add-submit'));
    expect(await screen.findByTestId(`test-fan-row-${C}`)).toHaveTextContent('李雷的手机');
    expect(calls.adds[1]).toEqual({ input: { accountId: 'acc-1', openid: C, label: '李雷的手机' } });
    await waitFor(() => expect(screen.getByTestId('test-fan-add-openid')).toHaveValue(''));

    // removing asks first
    await user.click(within(screen.getByTestId(`test-fan-row-${B}`)).getByRole('button', { name: '移除测试粉丝 Old phone' }));
    expect(calls.removes).toHaveLength(0);
    await user.click(await screen.findByTestId(`test-fan-remove-confirm-${B}`));
    await waitFor(() => expect(screen.queryByTestId(`test-fan-row-${B}`)).not.toBeInTheDocument());
    expect(calls.removes).toEqual([{ input: { accountId: 'acc-1', openid: B } }]);
  });

  it('checks the label before asking the server', async () => {
    await i18n.changeLanguage('en-US');
    const calls = serve();
    renderWithProviders(<TestFansCard accountId="acc-1" />);
    const user = setupUser();
    await enterText(user, await screen.findByTestId('test-fan-add-openid'), 'oTestFan_D_000000000000000004');
    await enterText(user, screen.getByTestId('test-fan-add-label'), 'x'.repeat(31));
    await user.click(screen.getByTestId('test-fan-add-submit'));
    expect(await screen.findByText('A label has at most 30 characters.')).toBeInTheDocument();
    expect(calls.adds).toHaveLength(0);
  });

  it('lets viewers read the list but not change it', async () => {
    await i18n.changeLanguage('en-US');
    serve();
    server.use(sessionAs(viewer));
    renderWithProviders(<TestFansCard accountId="acc-1" />);
    expect(await screen.findByTestId(`test-fan-row-${A}`)).toHaveTextContent('Phone A');
    expect(screen.queryByTestId('test-fan-add-openid')).not.toBeInTheDocument();
    expect(screen.queryByTestId(`test-fan-remove-${A}`)).not.toBeInTheDocument();
  });
});
