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
    mappings: [{ __typename: 'TemplateFieldMapping', key: 'keyword1', source: 'OPENID', fixedValue: null, csvColumn: null }],
  },
};

const plan = {
  __typename: 'DispatchPlan',
  audienceSize: 120,
  reachable: 100,
  excluded: [
    { __typename: 'DispatchPlanExclusion', reason: 'UNSUBSCRIBED', count: 20 },
    { __typename: 'DispatchPlanExclusion', reason: 'DUPLICATE', count: 0 },
  ],
  quota: { __typename: 'DispatchQuota', limit: 100000, usedByWeChat: 99940, usedByFanmail: 99950, remaining: 50, resetsAt: '2026-12-03T16:00:00Z' },
  sendToday: 50,
  sendAfterReset: 50,
  warnings: [{ __typename: 'DispatchPlanWarning', code: 'VALUE_EMPTY', field: 'keyword2', count: 3, message: 'empty' }],
  sample: [
    { __typename: 'DispatchPlanSample', openid: 'oSample1', remark: 'Alice', values: [{ __typename: 'DispatchValue', key: 'keyword1', value: 'oSample1' }] },
  ],
};

function serveSend() {
  const calls = { plans: [] as Record<string, unknown>[], creates: [] as Record<string, unknown>[], starts: [] as Record<string, unknown>[], previews: [] as Record<string, unknown>[] };
  server.use(
    api.query('DispatchTemplates', () =>
      HttpResponse.json({ data: { templates: { __typename: 'TemplateConnection', edges: [{ __typename: 'TemplateEdge', node: template }] } } }),
    ),
    api.query('DispatchAudienceOptions', () =>
      HttpResponse.json({
        data: {
          tags: [{ __typename: 'Tag', id: '100', name: 'VIP', fanCount: 12 }],
          uploads: { __typename: 'UploadConnection', edges: [] },
          segments: [],
        },
      }),
    ),
    api.mutation('DispatchPlan', ({ variables }) => {
      calls.plans.push(variables);
      return HttpResponse.json({ data: { dispatchPlan: { __typename: 'DispatchPlanPayload', plan, userErrors: [] } } });
    }),
    api.query('DispatchPreview', ({ variables }) => {
      calls.previews.push(variables);
      return HttpResponse.json({
        data: {
          templatePreview: {
            __typename: 'TemplatePreview',
            title: '订单支付成功',
            lines: [{ __typename: 'TemplatePreviewLine', key: 'keyword1', label: '订单号', value: 'oSample1', truncated: false, refused: false }],
            warnings: [],
          },
        },
      });
    }),
    api.mutation('DispatchCreate', ({ variables }) => {
      calls.creates.push(variables);
      return HttpResponse.json({ data: { dispatchCreate: { __typename: 'DispatchJobPayload', job: { __typename: 'DispatchJob', id: 'job-1', state: 'PLANNED' }, userErrors: [] } } });
    }),
    api.mutation('DispatchStart', ({ variables }) => {
      calls.starts.push(variables);
      return HttpResponse.json({ data: { dispatchStart: { __typename: 'DispatchJobPayload', job: null, userErrors: [] } } });
    }),
  );
  return calls;
}

function renderSend() {
  renderWithProviders(
    <Routes>
      <Route path="/accounts/:id" element={<AccountLayout />}>
        <Route path="dispatch/new" element={<TemplateSendPage />} />
        <Route path="dispatch/jobs/:jobId" element={<h1>job page</h1>} />
      </Route>
    </Routes>,
    { route: '/accounts/acc-1/dispatch/new' },
  );
}

describe('TemplateSendPage', () => {
  it('fills the fields from the preset, plans the send across the quota reset and starts it on confirmation', async () => {
    await i18n.changeLanguage('en-US');
    const calls = serveSend();
    renderSend();
    const user = setupUser();

    await user.click(within(await screen.findByTestId('send-template-select')).getByRole('combobox'));
    const option = await waitFor(() => {
      const found = document.querySelector('.ant-select-dropdown .ant-select-item-option[title="订单支付成功 (Xk9_order_paid)"]');
      if (!found) throw new Error('no option');
      return found as HTMLElement;
    });
    await user.click(option);

    // keyword1 comes from the preset (the fan's openid), keyword2 is typed
    expect(await screen.findByTestId('send-field-keyword1')).toHaveTextContent("Fan's openid");
    await enterText(user, screen.getByTestId('send-text-keyword2'), '128.00元');
    await user.click(screen.getByTestId('send-next-audience'));
    await user.click(await screen.findByTestId('send-review'));

    // the plan: nothing sent yet, 50 today and 50 after the reset, the empty values warned about
    expect(await screen.findByTestId('plan-split')).toHaveTextContent('50 go today; the other 50 continue automatically after the quota resets at 00:00 Asia/Shanghai');
    expect(screen.getByTestId('plan-reachable')).toHaveTextContent('100');
    expect(screen.getByTestId('plan-excluded-UNSUBSCRIBED')).toHaveTextContent('20');
    expect(screen.queryByTestId('plan-excluded-DUPLICATE')).not.toBeInTheDocument();
    expect(screen.getByTestId('plan-warning-VALUE_EMPTY')).toHaveTextContent('keyword2: 3 values are empty.');
    expect(calls.plans[0]).toEqual({
      input: {
        audience: { accountId: 'acc-1', kind: 'ALL', tagIds: null, tagMatch: null, uploadId: null, segmentId: null },
        content: {
          templateId: 'tpl-1',
          fields: [
            { key: 'keyword1', source: 'OPENID', text: null, column: null },
            { key: 'keyword2', source: 'FIXED', text: '128.00元', column: null },
          ],
          url: 'https://example.com/orders',
          miniProgramAppId: null,
          miniProgramPagePath: null,
        },
      },
    });
    expect(calls.creates).toHaveLength(0);
    // the sample fan's phone, from the plan's values
    expect(await screen.findByTestId('send-preview-0-line-keyword1')).toHaveTextContent('oSample1');
    expect(calls.previews[0]).toEqual({ templateId: 'tpl-1', values: [{ key: 'keyword1', value: 'oSample1' }, { key: 'keyword2', value: '' }] });

    await user.click(screen.getByTestId('send-confirm'));

    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/accounts/acc-1/dispatch/jobs/job-1'));
    expect(calls.creates[0]).toEqual(calls.plans[0]);
    expect(calls.starts[0]).toEqual({ input: { jobId: 'job-1' } });
  });

  it('asks for the tags before planning a send to fans with tags', async () => {
    await i18n.changeLanguage('en-US');
    const calls = serveSend();
    renderSend();
    const user = setupUser();
    await user.click(within(await screen.findByTestId('send-template-select')).getByRole('combobox'));
    const option = await waitFor(() => {
      const found = document.querySelector('.ant-select-dropdown .ant-select-item-option[title="订单支付成功 (Xk9_order_paid)"]');
      if (!found) throw new Error('no option');
      return found as HTMLElement;
    });
    await user.click(option);
    await user.click(await screen.findByTestId('send-next-audience'));
    await user.click(within(screen.getByTestId('send-audience-kind')).getByText('Fans with tags'));

    expect(await screen.findByTestId('send-problems')).toHaveTextContent('Choose at least one tag.');
    expect(screen.getByTestId('send-review')).toBeDisabled();
    expect(calls.plans).toHaveLength(0);
  });
});
