import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import i18n from '../../../lib/i18n';
import { api, aTemplate } from '../../../test/handlers';
import { renderWithProviders, setupUser } from '../../../test/render';
import { server } from '../../../test/server';
import { AccountLayout } from '../../accounts';
import { TemplateDetailPage } from './TemplateDetailPage';

const LONG = 'Fanmail 限量版陶瓷马克杯礼盒套装（含杯垫与勺子）';

/** Mimics the server: cuts thing fields to 20 characters and says so (the client never does). */
function servePreview() {
  const calls: { key: string; value: string }[][] = [];
  server.use(
    api.query('Template', () => HttpResponse.json({ data: { template: aTemplate() } })),
    api.query('TemplatePreview', ({ variables }) => {
      const values = variables.values as { key: string; value: string }[];
      calls.push(values);
      const thing = values.find((v) => v.key === 'thing1')?.value ?? '';
      const cut = [...thing].length > 20;
      const shown = cut ? [...thing].slice(0, 20).join('') : thing;
      return HttpResponse.json({
        data: {
          templatePreview: {
            __typename: 'TemplatePreview',
            title: '订单发货通知',
            lines: [
              { __typename: 'TemplatePreviewLine', key: 'thing1', label: '商品名称', text: `商品名称：${shown}`, value: shown, truncated: cut },
              { __typename: 'TemplatePreviewLine', key: 'character_string2', label: '订单号', text: '订单号：', value: '', truncated: false },
            ],
            warnings: [
              ...(cut
                ? [{ __typename: 'TemplatePreviewWarning', code: 'VALUE_TRUNCATED', field: 'thing1', message: 'Cut to 20 characters.' }]
                : []),
              { __typename: 'TemplatePreviewWarning', code: 'VALUE_EMPTY', field: 'character_string2', message: 'Empty.' },
            ],
          },
        },
      });
    }),
  );
  return calls;
}

describe('TemplateDetailPage', () => {
  it('shows the server’s truncation warning on the right field, with original and shown length', async () => {
    const calls = servePreview();
    await i18n.changeLanguage('en-US');
    renderWithProviders(
      <Routes>
        <Route path="/accounts/:id" element={<AccountLayout />}>
          <Route path="templates/:templateId" element={<TemplateDetailPage />} />
        </Route>
      </Routes>,
      { route: '/accounts/acc-1/templates/tpl-1' },
    );
    expect(await screen.findByRole('heading', { level: 1, name: '订单发货通知' })).toBeInTheDocument();
    expect(screen.getByTestId('template-content')).toHaveTextContent('{{thing1.DATA}}');
    expect(screen.getByText('IT / Internet / e-commerce')).toBeInTheDocument();
    expect(screen.queryByText(/IT科技/)).not.toBeInTheDocument();
    expect(within(screen.getByTestId('template-fields')).getByText('Thing (20 characters)')).toBeInTheDocument();
    await waitFor(() => expect(calls.length).toBeGreaterThan(0));
    const user = setupUser();

    await user.type(screen.getByTestId('preview-input-thing1'), LONG);

    const warning = await screen.findByTestId('preview-warning-thing1');
    expect(warning).toHaveTextContent(`商品名称: too long for a phone, cut from ${[...LONG].length} to 20 characters.`);
    expect(within(screen.getByTestId('preview-warnings')).getByTestId('preview-warning-character_string2')).toHaveTextContent(
      '订单号: the value is empty.',
    );
    expect(within(screen.getByTestId('template-preview')).getByTestId('preview-line-thing1')).toHaveTextContent(
      [...LONG].slice(0, 20).join(''),
    );
    // debounced: not one request per keystroke
    expect(calls.length).toBeLessThan(LONG.length);
    expect(calls.at(-1)).toEqual([
      { key: 'thing1', value: LONG },
      { key: 'character_string2', value: '' },
    ]);
  });
});
