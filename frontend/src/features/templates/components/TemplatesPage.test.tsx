import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import type {
  TemplateLibraryQuery,
  TemplateSetupChangesQuery,
  TemplateCategoryFieldsFragment,
  TemplateCategoryPlanQuery,
  TemplateFieldsFragment,
  TemplatesSetupPageQuery,
} from '../../../gql/graphql';
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
import { enterText, renderWithProviders, setupUser } from '../../../test/render';
import { server } from '../../../test/server';
import { AccountLayout } from '../../accounts';
import { TemplatesPage } from './TemplatesPage';

const catalog = [
  anIndustry(),
  anIndustry({ id: 2, secondClass: 'IT软件与服务', secondClassEn: 'IT software and services' }),
  anIndustry({ id: 3, firstClass: '金融业', firstClassEn: 'Finance', secondClass: '银行', secondClassEn: 'Banking' }),
];

type Setup = TemplatesSetupPageQuery['templateSetup'];
type Plan = TemplateCategoryPlanQuery['templateCategoryPlan'];
type Library = TemplateLibraryQuery['templateLibrary'];
type LibraryEntry = Library['entries'][number];

/** Real WeChat: no API to browse its library. */
const unbrowsable: Library = { __typename: 'TemplateLibrary', browsable: false, entries: [] };

function aLibraryEntry(overrides: Partial<LibraryEntry> = {}): LibraryEntry {
  return {
    __typename: 'TemplateLibraryEntry',
    shortId: 'TM00015',
    title: '订单支付成功',
    primaryIndustry: 'IT科技',
    deputyIndustry: '互联网|电子商务',
    categoryId: null,
    keywordNames: [],
    inSetup: true,
    fields: [
      { __typename: 'TemplateFieldInfo', key: 'first', label: null, legacy: true },
      { __typename: 'TemplateFieldInfo', key: 'keyword1', label: '支付金额', legacy: false },
      { __typename: 'TemplateFieldInfo', key: 'keyword2', label: '商品信息', legacy: false },
    ],
    ...overrides,
  };
}

function aCategory(overrides: Partial<TemplateCategoryFieldsFragment> = {}): TemplateCategoryFieldsFragment {
  return { __typename: 'TemplateCategory', id: '101', name: '电商平台', parentId: '1', parentName: '商业服务', ...overrides };
}

const shop = aCategory();
const logistics = aCategory({ id: '202', name: '快递、物流', parentId: '2', parentName: '快递业与邮政' });
const education = aCategory({ id: '303', name: '在线教育', parentId: '3', parentName: '教育服务' });
const categoryCatalog = [shop, logistics, education];

const allowance = {
  __typename: 'TemplateChangeAllowance' as const,
  limit: 5,
  remaining: 3,
  used: 2,
  resetsAt: '2026-11-30T16:00:00Z',
};

/** The page's setup: the industry model unless told otherwise. */
function aSetup(overrides: Partial<Setup> = {}): Setup {
  return {
    ...aTemplateSetup(),
    model: 'INDUSTRY',
    categoryLimit: 5,
    categories: [],
    categoryChanges: allowance,
    ...overrides,
  };
}

/** The category model with two categories, 3 of 5 changes left this month. */
function aCategorySetup(overrides: Partial<Setup> = {}): Setup {
  return aSetup({ model: 'CATEGORY', categories: [shop, logistics], ...overrides });
}

function aPlan(overrides: Partial<Plan> = {}): Plan {
  return {
    __typename: 'TemplateCategoryPlan',
    added: [],
    removed: [],
    changesNeeded: 0,
    allowance,
    deletedTemplates: [],
    problems: [],
    ...overrides,
  };
}

const shopTemplate = aTemplate({ id: 'tpl-1', title: '订单发货通知', primaryIndustry: '电商平台', deputyIndustry: '商业服务' });
const parcelTemplate = aTemplate({ id: 'tpl-2', title: '快递签收提醒', primaryIndustry: '快递、物流', deputyIndustry: '快递业与邮政' });
const parcelTemplate2 = aTemplate({ id: 'tpl-3', title: '派件通知', primaryIndustry: '快递、物流', deputyIndustry: '快递业与邮政' });

function servePage({
  setup = aSetup(),
  templates = [aTemplate()],
  changes = [],
  library = unbrowsable,
}: {
  setup?: Setup;
  templates?: TemplateFieldsFragment[];
  changes?: TemplateSetupChangesQuery['templateSetupChanges'];
  library?: Library;
} = {}) {
  const account = anAccount();
  server.use(
    api.query('Account', () => HttpResponse.json({ data: { account } })),
    api.query('TemplateLibrary', () => HttpResponse.json({ data: { templateLibrary: library } })),
    api.query('TemplateSetupChanges', () => HttpResponse.json({ data: { templateSetupChanges: changes } })),
    api.query('TemplateCategoryCatalog', () => HttpResponse.json({ data: { templateCategoryCatalog: categoryCatalog } })),
    api.query('TemplatesSetupPage', () =>
      HttpResponse.json({
        data: {
          templateSetup: setup,
          industryCatalog: catalog,
        },
      }),
    ),
    api.query('Templates', () => HttpResponse.json({ data: { templates: templateConnection(templates) } })),
  );
}

/** Answers templateAdd with `answer` and returns the inputs it was sent. */
function serveTemplateAdd(answer: {
  template?: TemplateFieldsFragment;
  userErrors?: { code: string; field: string | null; message: string }[];
}): unknown[] {
  const inputs: unknown[] = [];
  server.use(
    api.mutation('TemplateAdd', ({ variables }) => {
      inputs.push(variables.input);
      return HttpResponse.json({ data: { templateAdd: { template: answer.template ?? null, userErrors: answer.userErrors ?? [] } } });
    }),
  );
  return inputs;
}

function renderPage() {
  renderWithProviders(
    <Routes>
      <Route path="/accounts/:id" element={<AccountLayout />}>
        <Route path="templates" element={<TemplatesPage />} />
        <Route path="templates/:templateId" element={<h1>template page</h1>} />
      </Route>
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
      setup: aSetup({
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
    // the catalogue's English names, not WeChat's Chinese ones, in the English UI
    expect(within(first).getByText('IT / Internet / e-commerce')).toBeInTheDocument();
    expect(within(first).queryByText(/IT科技/)).not.toBeInTheDocument();
    expect(screen.getByTestId('templates-count')).toHaveTextContent('2 / 25');
    // industries in the current language
    expect(screen.getByTestId('industry-primary')).toHaveTextContent('IT / Internet / e-commerce');
  });

  it('pages the library with the shared cursor pager when the server has more than one page', async () => {
    servePage();
    const afters: unknown[] = [];
    const firstPage = templateConnection([aTemplate()]);
    server.use(
      api.query('Templates', ({ variables }) => {
        afters.push(variables.after ?? null);
        return HttpResponse.json({
          data: {
            templates: variables.after
              ? { ...templateConnection([aTemplate({ id: 'tpl-2', title: '预约提醒', fields: [] })]), totalCount: 2 }
              : { ...firstPage, totalCount: 2, pageInfo: { ...firstPage.pageInfo, hasNextPage: true } },
          },
        });
      }),
    );
    await i18n.changeLanguage('en-US');
    renderPage();
    const user = setupUser();

    await waitFor(() => expect(rowKeys()).toEqual(['tpl-1']));
    expect(screen.getByRole('button', { name: 'Previous page' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() => expect(rowKeys()).toEqual(['tpl-2']));
    expect(afters).toEqual([null, 'cur-tpl-1']);
    await user.click(screen.getByRole('button', { name: 'Previous page' }));
    await waitFor(() => expect(rowKeys()).toEqual(['tpl-1']));
  });

  it('shows WeChat’s 25-template limit, translated, when adding from the library', async () => {
    servePage();
    const inputs = serveTemplateAdd({
      userErrors: [{ code: 'TEMPLATE_LIMIT_REACHED', field: 'accountId', message: 'At most 25 templates.' }],
    });
    await i18n.changeLanguage('zh-CN');
    renderPage();
    await waitFor(() => expect(rowKeys()).toEqual(['tpl-1']));
    const user = setupUser();

    await user.click(screen.getByTestId('templates-add'));
    await enterText(user, await screen.findByTestId('template-short-id'), ' TM00015 ');
    await user.click(screen.getByTestId('template-add-submit'));

    expect(await screen.findByRole('alert')).toHaveTextContent('该公众号已有 25 个模板，达到微信上限。请先删除一个。');
    expect(inputs).toEqual([{ accountId: 'acc-1', shortId: 'TM00015' }]);
  });

  it('shows a refused industry change with the translated reason and the next allowed date', async () => {
    let setup = aSetup();
    server.use(
      api.mutation('TemplateIndustriesSet', () => {
        setup = aSetup({ nextIndustryChangeAt: '2026-12-01T00:00:00+08:00' });
        return HttpResponse.json({
          data: {
            templateIndustriesSet: {
              setup: null,
              userErrors: [{ code: 'INDUSTRY_CHANGE_TOO_SOON', field: null, message: 'Changed this month.' }],
            },
          },
        });
      }),
      api.query('TemplatesSetupPage', () =>
        HttpResponse.json({
          data: { templateSetup: setup, industryCatalog: catalog },
        }),
      ),
      api.query('Templates', () => HttpResponse.json({ data: { templates: templateConnection([aTemplate()]) } })),
      api.query('TemplateSetupChanges', () => HttpResponse.json({ data: { templateSetupChanges: [] } })),
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

/** Opens the categories Select and picks the option with this label. */
async function pickCategory(user: ReturnType<typeof setupUser>, selectName: string, label: string) {
  await user.click(screen.getByRole('combobox', { name: selectName }));
  let option: Element | undefined;
  await waitFor(() => {
    option = [...document.querySelectorAll(`.ant-select-dropdown .ant-select-item-option[title="${label}"]`)].at(-1);
    expect(option).toBeDefined();
  });
  await user.click(option as Element);
}

describe('TemplatesPage change history', () => {
  it('says who changed the industries or categories, when, and what', async () => {
    servePage({
      changes: [
        {
          __typename: 'TemplateSetupChange',
          model: 'CATEGORY',
          changedAt: '2026-11-20T02:00:00Z',
          changedBy: null,
          primaryIndustry: null,
          secondaryIndustry: null,
          added: [],
          removed: [shop],
        },
        {
          __typename: 'TemplateSetupChange',
          model: 'INDUSTRY',
          changedAt: '2026-11-02T02:00:00Z',
          changedBy: 'olivia',
          primaryIndustry: catalog[0],
          secondaryIndustry: catalog[1],
          added: [],
          removed: [],
        },
      ],
    });
    await i18n.changeLanguage('en-US');
    renderPage();
    const history = await screen.findByTestId('setup-history');
    expect(await within(history).findByText(/^Removed .*电商平台; WeChat deleted its templates\.$/)).toBeInTheDocument();
    expect(within(history).getByText(/by an unrecorded user/)).toBeInTheDocument();
    expect(within(history).getByText(/^Industries set to .+ and .+\.$/)).toBeInTheDocument();
    expect(within(history).getByText(/by olivia/)).toBeInTheDocument();
  });

  it('says so when nothing was changed through Fanmail', async () => {
    servePage();
    await i18n.changeLanguage('en-US');
    renderPage();
    expect(await within(await screen.findByTestId('setup-history')).findByText('No changes made through Fanmail yet.')).toBeInTheDocument();
  });
});

describe('TemplatesPage in the category model', () => {
  it('shows the service categories and this month’s changes instead of the industries', async () => {
    servePage({ setup: aCategorySetup(), templates: [shopTemplate] });
    await i18n.changeLanguage('en-US');
    renderPage();

    const card = await screen.findByTestId('categories-card');
    expect(screen.queryByTestId('industries-card')).not.toBeInTheDocument();
    expect(within(card).getByText('商业服务 / 电商平台')).toBeInTheDocument();
    expect(within(card).getByText('快递业与邮政 / 快递、物流')).toBeInTheDocument();
    expect(screen.getByTestId('categories-count')).toHaveTextContent('2 / 5');
    expect(screen.getByTestId('categories-changes-left')).toHaveTextContent(
      'Changes left this month: 3 of 5 (resets Dec 1, 2026)',
    );
    expect(screen.getByRole('radio', { name: 'Service categories' })).toBeChecked();
    // the library's column names the category, parent first
    await waitFor(() => expect(rowKeys()).toEqual(['tpl-1']));
    expect(within(screen.getByTestId('templates-table')).getByRole('columnheader', { name: 'Category' })).toBeInTheDocument();
    expect(within(screen.getByTestId('templates-table')).getByText('商业服务 / 电商平台')).toBeInTheDocument();
  });

  it('lists the templates WeChat will delete and applies the change only once that is acknowledged', async () => {
    let setup = aCategorySetup();
    const plans: unknown[] = [];
    const inputs: unknown[] = [];
    let templateLoads = 0;
    servePage({ setup });
    server.use(
      api.query('TemplatesSetupPage', () =>
        HttpResponse.json({
          data: { templateSetup: setup, industryCatalog: catalog },
        }),
      ),
      api.query('Templates', () => {
        templateLoads += 1;
        const templates = setup.categories.length === 2 ? [shopTemplate, parcelTemplate] : [shopTemplate];
        return HttpResponse.json({ data: { templates: templateConnection(templates) } });
      }),
      api.query('TemplateCategoryPlan', ({ variables }) => {
        plans.push(variables);
        return HttpResponse.json({
          data: {
            templateCategoryPlan: aPlan({
              removed: [logistics],
              changesNeeded: 1,
              deletedTemplates: [parcelTemplate, parcelTemplate2],
            }),
          },
        });
      }),
      api.mutation('TemplateCategoriesSet', ({ variables }) => {
        inputs.push(variables.input);
        setup = aCategorySetup({ categories: [shop], categoryChanges: { ...allowance, remaining: 2, used: 3 } });
        return HttpResponse.json({ data: { templateCategoriesSet: { setup, userErrors: [] } } });
      }),
    );
    await i18n.changeLanguage('en-US');
    renderPage();
    const user = setupUser();
    await waitFor(() => expect(rowKeys()).toEqual(['tpl-1', 'tpl-2']));

    expect(screen.getByTestId('categories-review')).toBeDisabled();
    await user.click(screen.getByRole('combobox', { name: 'Service categories' }));
    await user.keyboard('{Backspace}');
    await user.click(screen.getByRole('button', { name: 'Review change' }));

    const dialog = await screen.findByRole('dialog', { name: 'Review the category change' });
    expect(plans).toEqual([{ accountId: 'acc-1', categoryIds: ['101'] }]);
    expect(within(dialog).getByTestId('categories-plan-removed')).toHaveTextContent('快递业与邮政 / 快递、物流');
    expect(within(dialog).getByTestId('categories-plan-changes')).toHaveTextContent('Uses 1 of the 3 changes left this month.');
    const deleted = within(dialog).getByTestId('categories-deleted-templates');
    expect(deleted).toHaveTextContent('WeChat will delete these templates');
    expect(within(deleted).getByText('快递签收提醒')).toBeInTheDocument();
    expect(within(deleted).getByText('派件通知')).toBeInTheDocument();
    const apply = within(dialog).getByRole('button', { name: 'Apply change' });
    expect(apply).toBeDisabled();

    await user.click(within(dialog).getByRole('checkbox', { name: 'I understand these templates will be deleted' }));
    expect(apply).toBeEnabled();
    await user.click(apply);

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(inputs).toEqual([{ accountId: 'acc-1', categoryIds: ['101'], confirmDeletedTemplateIds: ['tpl-2', 'tpl-3'] }]);
    expect(await screen.findByText('The service categories were changed.')).toBeInTheDocument();
    // the setup and the library are read again
    await waitFor(() => expect(screen.getByTestId('categories-count')).toHaveTextContent('1 / 5'));
    expect(screen.getByTestId('categories-changes-left')).toHaveTextContent('Changes left this month: 2 of 5');
    await waitFor(() => expect(rowKeys()).toEqual(['tpl-1']));
    expect(templateLoads).toBeGreaterThanOrEqual(2);
  });

  it('asks again with the new list when WeChat would now delete another template', async () => {
    servePage({ setup: aCategorySetup(), templates: [shopTemplate, parcelTemplate] });
    const inputs: unknown[] = [];
    let planned = 0;
    server.use(
      api.query('TemplateCategoryPlan', () => {
        planned += 1;
        const deletedTemplates = planned === 1 ? [parcelTemplate] : [parcelTemplate, parcelTemplate2];
        return HttpResponse.json({
          data: { templateCategoryPlan: aPlan({ removed: [logistics], changesNeeded: 1, deletedTemplates }) },
        });
      }),
      api.mutation('TemplateCategoriesSet', ({ variables }) => {
        inputs.push(variables.input);
        return HttpResponse.json({
          data: {
            templateCategoriesSet: {
              setup: null,
              userErrors: [
                { code: 'CATEGORY_CHANGE_UNCONFIRMED', field: 'confirmDeletedTemplateIds', message: 'Confirm their deletion.' },
              ],
            },
          },
        });
      }),
    );
    await i18n.changeLanguage('zh-CN');
    renderPage();
    const user = setupUser();
    await waitFor(() => expect(rowKeys()).toEqual(['tpl-1', 'tpl-2']));

    await user.click(screen.getByRole('combobox', { name: '服务类目' }));
    await user.keyboard('{Backspace}');
    await user.click(screen.getByTestId('categories-review'));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('checkbox'));
    await user.click(within(dialog).getByTestId('categories-apply'));

    expect(await within(dialog).findByTestId('categories-apply-errors')).toHaveTextContent('微信现在还会删除其他模板');
    expect(within(within(dialog).getByTestId('categories-deleted-templates')).getByText('派件通知')).toBeInTheDocument();
    expect(within(dialog).getByRole('checkbox')).not.toBeChecked();
    expect(within(dialog).getByTestId('categories-apply')).toBeDisabled();
    expect(inputs).toEqual([{ accountId: 'acc-1', categoryIds: ['101'], confirmDeletedTemplateIds: ['tpl-2'] }]);
  });

  it('shows why the plan cannot be made, in the user’s language, and does not let it be applied', async () => {
    servePage({ setup: aCategorySetup() });
    const plans: unknown[] = [];
    server.use(
      api.query('TemplateCategoryPlan', ({ variables }) => {
        plans.push(variables);
        return HttpResponse.json({
          data: {
            templateCategoryPlan: aPlan({
              added: [education],
              changesNeeded: 1,
              allowance: { ...allowance, remaining: 0, used: 5 },
              problems: [
                { __typename: 'UserError', code: 'CATEGORY_UNKNOWN', field: 'categoryIds.2', message: 'WeChat has no category 303.' },
                { __typename: 'UserError', code: 'CATEGORY_CHANGE_LIMIT_REACHED', field: 'categoryIds', message: 'No changes left.' },
              ],
            }),
          },
        });
      }),
    );
    await i18n.changeLanguage('zh-CN');
    renderPage();
    const user = setupUser();
    await screen.findByTestId('categories-card');

    await pickCategory(user, '服务类目', '在线教育');
    await user.click(screen.getByTestId('categories-review'));

    const dialog = await screen.findByRole('dialog');
    expect(plans).toEqual([{ accountId: 'acc-1', categoryIds: ['101', '202', '303'] }]);
    const problems = within(dialog).getByTestId('categories-plan-problems');
    expect(problems).toHaveTextContent('教育服务 / 在线教育: 微信未向该公众号提供此类目。');
    expect(problems).toHaveTextContent('暂时无法再次修改类目。');
    expect(within(dialog).getByTestId('categories-apply')).toBeDisabled();
  });

  it('switches the setup model after a confirmation', async () => {
    let setup = aSetup();
    const inputs: unknown[] = [];
    servePage();
    server.use(
      api.query('TemplatesSetupPage', () =>
        HttpResponse.json({
          data: { templateSetup: setup, industryCatalog: catalog },
        }),
      ),
      api.mutation('TemplateSetupModelSet', ({ variables }) => {
        inputs.push(variables.input);
        setup = aCategorySetup();
        return HttpResponse.json({ data: { templateSetupModelSet: { setup, userErrors: [] } } });
      }),
    );
    await i18n.changeLanguage('en-US');
    renderPage();
    const user = setupUser();
    await screen.findByTestId('industries-card');

    await user.click(screen.getByRole('radio', { name: 'Service categories' }));
    expect(await screen.findByText(/WeChat keeps both/)).toBeInTheDocument();
    expect(inputs).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Switch' }));

    expect(await screen.findByTestId('categories-card')).toBeInTheDocument();
    expect(inputs).toEqual([{ accountId: 'acc-1', model: 'CATEGORY' }]);
    expect(screen.queryByTestId('industries-card')).not.toBeInTheDocument();
  });

  it('shows a viewer the categories and the model without any editor', async () => {
    server.use(sessionAs(viewer));
    let catalogAsked = false;
    servePage({ setup: aCategorySetup(), templates: [shopTemplate] });
    server.use(
      api.query('TemplateCategoryCatalog', () => {
        catalogAsked = true;
        return HttpResponse.json({ data: { templateCategoryCatalog: categoryCatalog } });
      }),
    );
    await i18n.changeLanguage('en-US');
    renderPage();

    await waitFor(() => expect(rowKeys()).toEqual(['tpl-1']));
    expect(within(screen.getByTestId('categories-card')).getByText('商业服务 / 电商平台')).toBeInTheDocument();
    expect(screen.getByTestId('setup-model-value')).toHaveTextContent('Service categories');
    expect(screen.queryByRole('radio')).not.toBeInTheDocument();
    expect(screen.queryByRole('combobox', { name: 'Service categories' })).not.toBeInTheDocument();
    expect(screen.queryByTestId('categories-review')).not.toBeInTheDocument();
    expect(catalogAsked).toBe(false);
  });

  it('adds a library template with the keywords to keep, and shows WeChat’s refusal of one under them', async () => {
    servePage({ setup: aCategorySetup(), templates: [shopTemplate] });
    const inputs = serveTemplateAdd({
      userErrors: [{ code: 'TEMPLATE_KEYWORD_UNKNOWN', field: 'keywordNames', message: 'No such keyword: 备注' }],
    });
    await i18n.changeLanguage('en-US');
    renderPage();
    await waitFor(() => expect(rowKeys()).toEqual(['tpl-1']));
    const user = setupUser();

    await user.click(screen.getByTestId('templates-add'));
    await enterText(user, await screen.findByTestId('template-short-id'), 'OPENTM200565259');
    const keywords = screen.getByRole('combobox', { name: 'Keywords' });
    // a comma ends a keyword, as Enter does in a browser
    await user.type(keywords, '商品名称,订单号，');
    expect(screen.getByText("The library template's keywords to use, in order (WeChat needs at least one).")).toBeInTheDocument();
    await user.click(screen.getByTestId('template-add-submit'));

    const refusal = await screen.findByText('The library template has no such keyword.');
    // under the keywords, not as a form-level message
    expect(within(refusal.closest('.ant-form-item') as HTMLElement).getByRole('combobox', { name: 'Keywords' })).toBeInTheDocument();
    expect(inputs).toEqual([{ accountId: 'acc-1', shortId: 'OPENTM200565259', keywordNames: ['商品名称', '订单号'] }]);
  });
});

/** The options the open library picker shows, by group, as their titles. */
function libraryGroups(): Record<string, string[]> {
  const dropdown = [...document.querySelectorAll('.ant-select-dropdown')].at(-1) as HTMLElement;
  const groups: Record<string, string[]> = {};
  let current = '';
  for (const item of dropdown.querySelectorAll('.ant-select-item')) {
    if (item.classList.contains('ant-select-item-group')) {
      current = item.textContent ?? '';
      groups[current] = [];
    } else {
      groups[current]?.push(item.getAttribute('title') ?? '');
    }
  }
  return groups;
}

async function pickLibraryOption(user: ReturnType<typeof setupUser>, title: string) {
  let option: Element | undefined;
  await waitFor(() => {
    option = [...document.querySelectorAll(`.ant-select-dropdown .ant-select-item-option[title="${title}"]`)].at(-1);
    expect(option).toBeDefined();
  });
  await user.click(option as Element);
}

describe('TemplatesPage add dialog with the library picker', () => {
  const orderPaid = aLibraryEntry();
  const booking = aLibraryEntry({ shortId: 'TM00184', title: '预约成功通知', fields: [] });
  const bankOutside = aLibraryEntry({
    shortId: 'OPENTM207940503',
    title: '账户变动提醒',
    primaryIndustry: '金融业',
    deputyIndustry: '银行',
    inSetup: false,
  });

  it('groups the library by the setup, searches it and fills the short id with the pick', async () => {
    let libraryLoads = 0;
    const inputs = serveTemplateAdd({ template: aTemplate({ id: 'tpl-9', title: '订单支付成功' }) });
    servePage();
    server.use(
      api.query('TemplateLibrary', ({ variables }) => {
        libraryLoads += 1;
        expect(variables).toEqual({ accountId: 'acc-1' });
        return HttpResponse.json({
          data: { templateLibrary: { __typename: 'TemplateLibrary', browsable: true, entries: [orderPaid, booking, bankOutside] } },
        });
      }),
    );
    await i18n.changeLanguage('en-US');
    renderPage();
    await waitFor(() => expect(rowKeys()).toEqual(['tpl-1']));
    const user = setupUser();

    await user.click(screen.getByTestId('templates-add'));
    const picker = await screen.findByRole('combobox', { name: 'Pick from the library' });
    expect(screen.queryByTestId('template-library-unavailable')).not.toBeInTheDocument();
    expect(libraryLoads).toBe(1);

    await user.click(picker);
    await waitFor(() =>
      expect(libraryGroups()).toEqual({
        'Allowed by your setup': ['TM00015 · 订单支付成功', 'TM00184 · 预约成功通知'],
        'Outside your setup (WeChat refuses these)': ['OPENTM207940503 · 账户变动提醒'],
      }),
    );
    // industry templates name the primary industry first
    const dropdown = [...document.querySelectorAll('.ant-select-dropdown')].at(-1) as HTMLElement;
    expect(within(dropdown).getByText('金融业 / 银行')).toBeInTheDocument();

    // search by title or short id
    await user.type(picker, '预约');
    await waitFor(() => expect(libraryGroups()).toEqual({ 'Allowed by your setup': ['TM00184 · 预约成功通知'] }));
    await user.clear(picker);
    await user.type(picker, 'opentm');
    await waitFor(() =>
      expect(libraryGroups()).toEqual({ 'Outside your setup (WeChat refuses these)': ['OPENTM207940503 · 账户变动提醒'] }),
    );
    await user.clear(picker);

    await pickLibraryOption(user, 'TM00015 · 订单支付成功');
    expect(screen.getByTestId('template-short-id')).toHaveValue('TM00015');
    const fields = screen.getByTestId('template-library-fields');
    expect(within(fields).getByText('keyword1 · 支付金额')).toBeInTheDocument();
    expect(within(fields).getByText('keyword2 · 商品信息')).toBeInTheDocument();
    expect(within(fields).getByText('first')).toBeInTheDocument();
    // no keywords in the industry model
    expect(screen.queryByRole('combobox', { name: 'Keywords' })).not.toBeInTheDocument();

    await user.click(screen.getByTestId('template-add-submit'));
    await waitFor(() => expect(inputs).toEqual([{ accountId: 'acc-1', shortId: 'TM00015' }]));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    // read again on the next opening
    await user.click(screen.getByTestId('templates-add'));
    expect(await screen.findByRole('combobox', { name: 'Pick from the library' })).toBeInTheDocument();
    await waitFor(() => expect(libraryLoads).toBe(2));
    expect(screen.queryByTestId('template-library-fields')).not.toBeInTheDocument();
  });

  it('offers the picked category template’s keywords and asks for one before sending (WeChat refuses none)', async () => {
    const shipped = aLibraryEntry({
      shortId: '43216',
      title: '订单发货提醒',
      primaryIndustry: '电商平台',
      deputyIndustry: '商业服务',
      categoryId: '101',
      keywordNames: ['商品名称', '订单号', '快递公司'],
      fields: [
        { __typename: 'TemplateFieldInfo', key: 'thing1', label: '商品名称', legacy: false },
        { __typename: 'TemplateFieldInfo', key: 'character_string2', label: '订单号', legacy: false },
        { __typename: 'TemplateFieldInfo', key: 'thing3', label: '快递公司', legacy: false },
      ],
    });
    servePage({
      setup: aCategorySetup(),
      templates: [shopTemplate],
      library: { __typename: 'TemplateLibrary', browsable: true, entries: [shipped] },
    });
    const inputs = serveTemplateAdd({
      userErrors: [{ code: 'TEMPLATE_LIMIT_REACHED', field: 'accountId', message: 'At most 25 templates.' }],
    });
    await i18n.changeLanguage('zh-CN');
    renderPage();
    await waitFor(() => expect(rowKeys()).toEqual(['tpl-1']));
    const user = setupUser();

    await user.click(screen.getByTestId('templates-add'));
    await user.click(await screen.findByRole('combobox', { name: '从模板库选择' }));
    await waitFor(() => expect(libraryGroups()).toEqual({ 当前设置允许: ['43216 · 订单发货提醒'] }));
    // category templates name the parent category first
    const dropdown = [...document.querySelectorAll('.ant-select-dropdown')].at(-1) as HTMLElement;
    expect(within(dropdown).getByText('商业服务 / 电商平台')).toBeInTheDocument();
    await pickLibraryOption(user, '43216 · 订单发货提醒');
    expect(screen.getByTestId('template-short-id')).toHaveValue('43216');
    expect(within(screen.getByTestId('template-library-fields')).getByText('thing3 · 快递公司')).toBeInTheDocument();

    // WeChat refuses a category template without keywords (40246): asked for before any request
    await user.click(screen.getByTestId('template-add-submit'));
    expect(await screen.findByText('请按顺序选择要使用的关键词：没有关键词的类目模板会被微信拒绝。')).toBeInTheDocument();
    expect(inputs).toEqual([]);

    await user.click(screen.getByRole('combobox', { name: '关键词' }));
    await waitFor(() =>
      expect(
        [...([...document.querySelectorAll('.ant-select-dropdown')].at(-1) as HTMLElement).querySelectorAll('.ant-select-item-option')].map(
          (o) => o.getAttribute('title'),
        ),
      ).toEqual(['商品名称', '订单号', '快递公司']),
    );
    await pickLibraryOption(user, '快递公司');
    await pickLibraryOption(user, '商品名称');
    await user.click(screen.getByTestId('template-add-submit'));
    await waitFor(() => expect(inputs).toHaveLength(1));
    expect(inputs[0]).toEqual({ accountId: 'acc-1', shortId: '43216', keywordNames: ['快递公司', '商品名称'] });
    await screen.findByRole('alert');
  });

  it('says where to find short ids when WeChat’s library cannot be browsed', async () => {
    servePage({ library: unbrowsable });
    await i18n.changeLanguage('en-US');
    renderPage();
    await waitFor(() => expect(rowKeys()).toEqual(['tpl-1']));
    const user = setupUser();

    await user.click(screen.getByTestId('templates-add'));
    expect(await screen.findByTestId('template-library-unavailable')).toHaveTextContent(
      'WeChat offers no API to browse its library: find the short id under Template messages → Template library in the Official Accounts Platform.',
    );
    expect(screen.queryByTestId('template-library-select')).not.toBeInTheDocument();
    expect(screen.getByTestId('template-short-id')).toBeInTheDocument();
  });

  it('keeps just the short id field when the library cannot be read', async () => {
    servePage();
    const inputs = serveTemplateAdd({ template: aTemplate({ id: 'tpl-9' }) });
    let libraryAsked = false;
    server.use(
      api.query('TemplateLibrary', () => {
        libraryAsked = true;
        return HttpResponse.json({ errors: [{ message: 'Sandbox unreachable' }] });
      }),
    );
    await i18n.changeLanguage('en-US');
    renderPage();
    await waitFor(() => expect(rowKeys()).toEqual(['tpl-1']));
    const user = setupUser();

    await user.click(screen.getByTestId('templates-add'));
    await enterText(user, await screen.findByTestId('template-short-id'), 'TM00015');
    await waitFor(() => expect(libraryAsked).toBe(true));
    expect(screen.queryByTestId('template-library-select')).not.toBeInTheDocument();
    expect(screen.queryByTestId('template-library-unavailable')).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    await user.click(screen.getByTestId('template-add-submit'));
    await waitFor(() => expect(inputs).toEqual([{ accountId: 'acc-1', shortId: 'TM00015' }]));
  });
});
