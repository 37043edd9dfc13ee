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

/** Mimics the server: a thing value over 20 characters is refused by WeChat (never cut), and said so per field. */
function servePreview() {
  const calls: { key: string; value: string }[][] = [];
  server.use(
    api.query('Template', () => HttpResponse.json({ data: { template: aTemplate() } })),
    api.query('TemplatePreview', ({ variables }) => {
      const values = variables.values as { key: string; value: string }[];
      calls.push(values);
      const thing = values.find((v) => v.key === 'thing1')?.value ?? '';
      const refused = [...thing].length > 20;
      return HttpResponse.json({
        data: {
          templatePreview: {
            __typename: 'TemplatePreview',
            title: '订单发货通知',
            lines: [
              { __typename: 'TemplatePreviewLine', key: 'thing1', label: '商品名称', text: `商品名称：${thing}`, value: thing, truncated: false, refused },
              { __typename: 'TemplatePreviewLine', key: 'character_string2', label: '订单号', text: '订单号：', value: '', truncated: false, refused: false },
            ],
            warnings: [{ __typename: 'TemplatePreviewWarning', code: 'VALUE_EMPTY', field: 'character_string2', message: 'Empty.' }],
            refusals: refused
              ? [{ __typename: 'TemplateValueRefusal', field: 'thing1', type: 'THING', reason: 'TOO_LONG', limit: 20,
                  message: "'thing1' (thing) has too many characters." }]
              : [],
          },
        },
      });
    }),
  );
  return calls;
}

function renderPage() {
  renderWithProviders(
    <Routes>
      <Route path="/accounts/:id" element={<AccountLayout />}>
        <Route path="templates/:templateId" element={<TemplateDetailPage />} />
      </Route>
    </Routes>,
    { route: '/accounts/acc-1/templates/tpl-1' },
  );
}

describe('TemplateDetailPage', () => {
  it('shows WeChat’s refusal of a typed value on its field instead of cutting it, debounced', async () => {
    const calls = servePreview();
    await i18n.changeLanguage('en-US');
    renderPage();
    expect(await screen.findByRole('heading', { level: 1, name: '订单发货通知' })).toBeInTheDocument();
    expect(screen.getByTestId('template-content')).toHaveTextContent('{{thing1.DATA}}');
    expect(screen.getByText('IT / Internet / e-commerce')).toBeInTheDocument();
    expect(screen.queryByText(/IT科技/)).not.toBeInTheDocument();
    expect(within(screen.getByTestId('template-fields')).getByText('Thing (20 characters)')).toBeInTheDocument();
    await waitFor(() => expect(calls.length).toBeGreaterThan(0));
    const user = setupUser();

    await user.type(screen.getByTestId('preview-input-thing1'), LONG);

    const refusal = await screen.findByTestId('preview-refusal-thing1', {}, { timeout: 5000 });
    expect(refusal).toHaveTextContent(
      '商品名称: a thing field takes at most 20 characters; WeChat refuses longer values instead of cutting them.',
    );
    expect(screen.getByTestId('preview-refusals')).toHaveTextContent('WeChat refuses these values: the message would not be sent');
    expect(within(screen.getByTestId('template-preview')).getByTestId('preview-line-thing1')).toHaveTextContent(LONG);
    expect(screen.getByTestId('preview-refused-thing1')).toHaveTextContent('Refused');
    expect(within(screen.getByTestId('preview-warnings')).getByTestId('preview-warning-character_string2')).toHaveTextContent(
      '订单号: the value is empty.',
    );
    // debounced: not one request per keystroke
    expect(calls.length).toBeLessThan(LONG.length);
    expect(calls.at(-1)).toEqual([
      { key: 'thing1', value: LONG },
      { key: 'character_string2', value: '' },
    ]);
  });

  it('explains the refusal in Chinese too, and clears it once the value fits', async () => {
    servePreview();
    await i18n.changeLanguage('zh-CN');
    renderPage();
    const input = await screen.findByTestId('preview-input-thing1');
    const user = setupUser();

    await user.type(input, LONG);

    expect(await screen.findByTestId('preview-refusal-thing1', {}, { timeout: 5000 })).toHaveTextContent(
      '商品名称：事物类字段最多 20 个字，超出时微信会直接拒绝，而不是截断。',
    );
    await user.clear(input);
    await user.type(input, '陶瓷马克杯');
    await waitFor(() => expect(screen.queryByTestId('preview-refusals')).not.toBeInTheDocument(), { timeout: 5000 });
    expect(screen.queryByTestId('preview-refused-thing1')).not.toBeInTheDocument();
    await i18n.changeLanguage('en-US');
  });
});
