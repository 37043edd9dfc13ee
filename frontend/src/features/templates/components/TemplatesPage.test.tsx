import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { TemplateFieldsFragment, TemplateSetupFieldsFragment } from '../../../gql/graphql';
import i18n from '../../../lib/i18n';
import {
  anAccount,
  anIndustry,
  api,
  aTemplate,
  aTemplateSetup,
  sessionAs,
  templateConnection,
  viewer,
} from '../../../test/handlers';
import { renderWithProviders, setupUser } from '../../../test/render';
import { server } from '../../../test/server';
import { TemplatesPage } from './TemplatesPage';

const catalog = [
  anIndustry(),
  anIndustry({ id: 2, secondClass: 'IT软件与服务', secondClassEn: 'IT software and services' }),
  anIndustry({ id: 3, firstClass: '金融业', firstClassEn: 'Finance', secondClass: '银行', secondClassEn: 'Banking' }),
];

function servePage({
  setup = aTemplateSetup(),
  templates = [aTemplate()],
}: { setup?: TemplateSetupFieldsFragment; templates?: TemplateFieldsFragment[] } = {}) {
  const account = anAccount();
  server.use(
    api.query('TemplatesPage', () =>
      HttpResponse.json({
        data: {
          account: { __typename: 'Account', id: account.id, name: account.name },
          templateSetup: setup,
          industryCatalog: catalog,
        },
      }),
    ),
    api.query('Templates', () => HttpResponse.json({ data: { templates: templateConnection(templates) } })),
  );
}

function renderPage() {
  renderWithProviders(
    <Routes>
      <Route path="/accounts/:id/templates" element={<TemplatesPage />} />
      <Route path="/accounts/:id/templates/:templateId" element={<h1>template page</h1>} />
    </Routes>,
    { route: '/accounts/acc-1/templates' },
  );
}

function rowKeys(): string[] {
  return Array.from(screen.getByTestId('templates-table').querySelectorAll('tr[data-row-key]')).map(
    (row) => row.getAttribute('data-row-key') ?? '',
  );
}

describe('TemplatesPage', () => {
  it('explains why an account cannot use template messages instead of hiding the page', async () => {
    servePage({
      setup: aTemplateSetup({
        eligible: false,
        reason: 'Only verified (认证) service accounts can send template messages; this account is not verified.',
      }),
    });
    await i18n.changeLanguage('en-US');
    renderPage();

    expect(await screen.findByText('Template messages are not available for this account')).toBeInTheDocument();
    expect(screen.getByText(/this account is not verified/)).toBeInTheDocument();
    expect(screen.queryByTestId('templates-table')).not.toBeInTheDocument();
    expect(screen.queryByTestId('industries-card')).not.toBeInTheDocument();
  });

  it('lists the templates with their fields and the count against the limit of 25', async () => {
    servePage({ templates: [aTemplate(), aTemplate({ id: 'tpl-2', title: '预约提醒', fields: [] })] });
    await i18n.changeLanguage('en-US');
    renderPage();

    await waitFor(() => expect(rowKeys()).toEqual(['tpl-1', 'tpl-2']));
    const first = screen.getByTestId('templates-table').querySelector('tr[data-row-key="tpl-1"]') as HTMLElement;
    expect(within(first).getByRole('link', { name: '订单发货通知' })).toHaveAttribute('href', '/accounts/acc-1/templates/tpl-1');
    expect(within(first).getByText('thing1')).toBeInTheDocument();
    expect(within(first).getByText('character_string2')).toBeInTheDocument();
    expect(within(first).getByText('IT科技 / 互联网|电子商务')).toBeInTheDocument();
    expect(screen.getByTestId('templates-count')).toHaveTextContent('2 / 25');
    // industries in the current language
    expect(screen.getByTestId('industry-primary')).toHaveTextContent('IT / Internet / e-commerce');
  });

  it('shows WeChat’s 25-template limit, translated, when adding from the library', async () => {
    servePage();
    const inputs: unknown[] = [];
    server.use(
      api.mutation('TemplateAdd', ({ variables }) => {
        inputs.push(variables.input);
        return HttpResponse.json({
          data: {
            templateAdd: {
              template: null,
              userErrors: [{ code: 'TEMPLATE_LIMIT_REACHED', field: 'accountId', message: 'At most 25 templates.' }],
            },
          },
        });
      }),
    );
    await i18n.changeLanguage('zh-CN');
    renderPage();
    await waitFor(() => expect(rowKeys()).toEqual(['tpl-1']));
    const user = setupUser();

    await user.click(screen.getByTestId('templates-add'));
    await user.type(await screen.findByTestId('template-short-id'), ' TM00015 ');
    await user.click(screen.getByTestId('template-add-submit'));

    expect(await screen.findByRole('alert')).toHaveTextContent('该公众号已有 25 个模板，达到微信上限。请先删除一个。');
    expect(inputs).toEqual([{ accountId: 'acc-1', shortId: 'TM00015' }]);
  });

  it('shows a refused industry change with the translated reason and the next allowed date', async () => {
    let setup = aTemplateSetup();
    server.use(
      api.mutation('TemplateIndustriesSet', () => {
        setup = aTemplateSetup({ nextIndustryChangeAt: '2026-12-01T00:00:00+08:00' });
        return HttpResponse.json({
          data: {
            templateIndustriesSet: {
              setup: null,
              userErrors: [{ code: 'INDUSTRY_CHANGE_TOO_SOON', field: null, message: 'Changed this month.' }],
            },
          },
        });
      }),
      api.query('TemplatesPage', () =>
        HttpResponse.json({
          data: { account: { __typename: 'Account', id: 'acc-1', name: 'Fanmail Demo' }, templateSetup: setup, industryCatalog: catalog },
        }),
      ),
      api.query('Templates', () => HttpResponse.json({ data: { templates: templateConnection([aTemplate()]) } })),
    );
    await i18n.changeLanguage('en-US');
    renderPage();
    const user = setupUser();

    await user.click(await screen.findByTestId('industries-submit'));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The industries were already changed this month');
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent(/can change again from .*2026/));
  });

  it('shows a viewer everything read-only', async () => {
    server.use(sessionAs(viewer));
    servePage();
    await i18n.changeLanguage('en-US');
    renderPage();

    await waitFor(() => expect(rowKeys()).toEqual(['tpl-1']));
    expect(screen.getByTestId('industry-primary')).toBeInTheDocument();
    expect(screen.queryByTestId('templates-sync')).not.toBeInTheDocument();
    expect(screen.queryByTestId('templates-add')).not.toBeInTheDocument();
    expect(screen.queryByTestId('template-delete-tpl-1')).not.toBeInTheDocument();
    expect(screen.queryByTestId('industries-submit')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Delete/ })).not.toBeInTheDocument();
  });
});
