import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import i18n from '../../../lib/i18n';
import { api } from '../../../test/handlers';
import { enterText, renderWithProviders, setupUser } from '../../../test/render';
import { server } from '../../../test/server';
import { AccountLayout } from '../../accounts';
import { TemplateSendPage } from './TemplateSendPage';

const template = {
  __typename: 'Template',
  id: 'tpl-1',
  templateId: 'Xk9_order_paid',
  title: '订单支付成功',
  fields: [
    { __typename: 'TemplateFieldInfo', key: 'keyword1', label: '订单号', legacy: false, type: 'OTHER' },
    { __typename: 'TemplateFieldInfo', key: 'keyword2', label: '支付金额', legacy: false, type: 'OTHER' },
  ],
  preset: {
    __typename: 'TemplatePreset',
    url: 'https://example.com/orders',
    miniProgramAppId: null,
    miniProgramPagePath: null,
    mappings: [{ __typename: 'TemplateFieldMapping', key: 'keyword1', source: 'FAN_REMARK', fixedValue: null, csvColumn: null }],
  },
};

const A = 'oTestFan_A_000000000000000001';
const B = 'oTestFan_B_000000000000000002';
const C = 'oTestFan_C_000000000000000003';

function serve(testFans: { openid: string; label: string; subscribed: boolean }[]) {
  const sends: Record<string, unknown>[] = [];
  server.use(
    api.query('DispatchTemplates', () =>
      HttpResponse.json({ data: { templates: { __typename: 'TemplateConnection', edges: [{ __typename: 'TemplateEdge', node: template }] } } }),
    ),
    api.query('DispatchAudienceOptions', () =>
      HttpResponse.json({ data: { tags: [], uploads: { __typename: 'UploadConnection', edges: [] }, segments: [] } }),
    ),
    api.query('DispatchTestFans', () => HttpResponse.json({ data: { testFans: testFans.map((f) => ({ __typename: 'TestFan', ...f })) } })),
    api.mutation('DispatchTestSend', ({ variables }) => {
      sends.push(variables);
      const openids = (variables.input as { openids: string[] }).openids;
      return HttpResponse.json({
        data: {
          dispatchTestSend: {
            __typename: 'DispatchTestSendPayload',
            results: openids.map((openid) =>
              openid === A
                ? { __typename: 'TestSendResult', openid, label: 'Phone A', status: 'SENT', msgid: '3001', errcode: null, message: null }
                : { __typename: 'TestSendResult', openid, label: 'Phone B', status: 'FAILED', msgid: null, errcode: 43004, message: 'require subscribe' },
            ),
            userErrors: [],
          },
        },
      });
    }),
  );
  return sends;
}

async function openPanel() {
  renderWithProviders(
    <Routes>
      <Route path="/accounts/:id" element={<AccountLayout />}>
        <Route path="dispatch/new" element={<TemplateSendPage />} />
        <Route path="fans" element={<h1>fans page</h1>} />
      </Route>
    </Routes>,
    { route: '/accounts/acc-1/dispatch/new' },
  );
  const user = setupUser();
  await user.click(within(await screen.findByTestId('send-template-select')).getByRole('combobox'));
  const option = await waitFor(() => {
    const found = document.querySelector('.ant-select-dropdown .ant-select-item-option[title="订单支付成功 (Xk9_order_paid)"]');
    if (!found) throw new Error('no option');
    return found as HTMLElement;
  });
  await user.click(option);
  await enterText(user, await screen.findByTestId('send-text-keyword2'), '128.00元');
  await user.click(screen.getByTestId('test-send-open'));
  return user;
}

describe('TestSendPanel', () => {
  it('sends the content as it stands to the chosen test fans and shows each outcome inline', async () => {
    await i18n.changeLanguage('en-US');
    const sends = serve([
      { openid: A, label: 'Phone A', subscribed: true },
      { openid: B, label: 'Phone B', subscribed: true },
      { openid: C, label: 'Phone C', subscribed: false },
    ]);
    const user = await openPanel();

    // every test fan is chosen; the operator leaves out C
    const c = await screen.findByRole('checkbox', { name: /Phone C/ });
    expect(screen.getByRole('checkbox', { name: /Phone A/ })).toBeChecked();
    expect(c).toBeChecked();
    expect(c.closest('label')).toHaveTextContent('Not subscribed');
    await user.click(c);
    expect(screen.getByTestId('test-send-submit')).toHaveTextContent('Send to 2 test fans');
    await user.click(screen.getByTestId('test-send-submit'));

    const sent = await screen.findByTestId(`test-send-result-${A}`);
    expect(sent).toHaveTextContent('Sent');
    expect(sent).toHaveTextContent('msgid 3001');
    const failed = screen.getByTestId(`test-send-result-${B}`);
    expect(failed).toHaveTextContent('Failed');
    expect(failed).toHaveTextContent('WeChat error 43004: require subscribe');
    expect(screen.queryByTestId(`test-send-result-${C}`)).not.toBeInTheDocument();
    expect(sends).toEqual([
      {
        input: {
          accountId: 'acc-1',
          openids: [A, B],
          content: {
            templateId: 'tpl-1',
            fields: [
              { key: 'keyword1', source: 'FAN_REMARK', text: null, column: null },
              { key: 'keyword2', source: 'FIXED', text: '128.00元', column: null },
            ],
            url: 'https://example.com/orders',
            miniProgramAppId: null,
            miniProgramPagePath: null,
          },
        },
      },
    ]);
  });

  it('links to the fans page when the account has no test fans', async () => {
    await i18n.changeLanguage('zh-CN');
    serve([]);
    const user = await openPanel();
    expect(await screen.findByText('本公众号还没有测试粉丝。')).toBeInTheDocument();
    expect(screen.queryByTestId('test-send-submit')).not.toBeInTheDocument();
    await user.click(screen.getByTestId('test-send-manage'));
    expect(screen.getByTestId('location')).toHaveTextContent('/accounts/acc-1/fans');
  });
});
