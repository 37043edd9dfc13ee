import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { TemplatePresetFieldsFragment } from '../../../gql/graphql';
import i18n from '../../../lib/i18n';
import { api, aTemplate, sessionAs, viewer } from '../../../test/handlers';
import { enterText, renderWithProviders, setupUser } from '../../../test/render';
import { server } from '../../../test/server';
import { AccountLayout } from '../../accounts';
import { TemplateDetailPage } from './TemplateDetailPage';

function aPreset(overrides: Partial<TemplatePresetFieldsFragment> = {}): TemplatePresetFieldsFragment {
  return {
    __typename: 'TemplatePreset',
    version: 3,
    updatedAt: '2026-11-06T08:00:00Z',
    url: 'https://shop.example.com/orders',
    miniProgramAppId: 'wx0123456789abcdef',
    miniProgramPagePath: 'pages/order/index',
    mappings: [
      { __typename: 'TemplateFieldMapping', key: 'thing1', source: 'FIXED', fixedValue: 'Fanmail 马克杯', csvColumn: null },
      { __typename: 'TemplateFieldMapping', key: 'character_string2', source: 'CSV_COLUMN', fixedValue: null, csvColumn: 'order_no' },
    ],
    ...overrides,
  };
}

/** Serves the page with `preset`; records the preview's values and answers an empty preview. */
function servePage(preset: TemplatePresetFieldsFragment | null) {
  const previews: { key: string; value: string }[][] = [];
  server.use(
    api.query('Template', () => HttpResponse.json({ data: { template: { ...aTemplate(), preset } } })),
    api.query('TemplatePreview', ({ variables }) => {
      previews.push(variables.values as { key: string; value: string }[]);
      return HttpResponse.json({
        data: { templatePreview: { __typename: 'TemplatePreview', title: '订单发货通知', lines: [], warnings: [], refusals: [] } },
      });
    }),
  );
  return previews;
}

/** Answers templatePresetSave with `answer(input)` and records the inputs. */
function serveSave(answer: () => unknown) {
  const inputs: Record<string, unknown>[] = [];
  server.use(
    api.mutation('TemplatePresetSave', ({ variables }) => {
      const input = variables.input as Record<string, unknown>;
      inputs.push(input);
      return HttpResponse.json({ data: { templatePresetSave: answer() } });
    }),
  );
  return inputs;
}

async function renderPage() {
  await i18n.changeLanguage('en-US');
  renderWithProviders(
    <Routes>
      <Route path="/accounts/:id" element={<AccountLayout />}>
        <Route path="templates/:templateId" element={<TemplateDetailPage />} />
      </Route>
    </Routes>,
    { route: '/accounts/acc-1/templates/tpl-1' },
  );
  return screen.findByTestId('preset-card');
}

const row = (key: string) => screen.getByTestId(`preset-row-${key}`);

async function chooseSource(user: ReturnType<typeof setupUser>, key: string, title: string) {
  await user.click(screen.getByRole('combobox', { name: `Source for ${key}` }));
  const option = await waitFor(() => {
    const found = [...document.querySelectorAll(`.ant-select-dropdown .ant-select-item-option[title="${title}"]`)].at(-1);
    if (!found) throw new Error(`no option ${title}`);
    return found as HTMLElement;
  });
  await user.click(option);
}

describe('PresetEditorCard', () => {
  it('loads the saved preset into the form, and its fixed texts into the preview', async () => {
    const previews = servePage(aPreset());
    const card = await renderPage();

    expect(within(card).getByTestId('preset-version')).toHaveTextContent(/^Version 3, saved .*2026/);
    expect(within(row('thing1')).getByText('Fixed text')).toBeInTheDocument();
    expect(within(row('thing1')).getByText('The same text for every fan.')).toBeInTheDocument();
    expect(screen.getByLabelText('Value for thing1')).toHaveValue('Fanmail 马克杯');
    expect(within(row('character_string2')).getByText('CSV column')).toBeInTheDocument();
    expect(screen.getByLabelText('Value for character_string2')).toHaveValue('order_no');
    expect(screen.getByRole('radio', { name: 'Mini program' })).toBeChecked();
    expect(screen.getByLabelText('Mini program AppID')).toHaveValue('wx0123456789abcdef');
    expect(screen.getByLabelText('Mini program page path')).toHaveValue('pages/order/index');
    expect(screen.getByLabelText('Fallback URL (optional)')).toHaveValue('https://shop.example.com/orders');
    expect(screen.getByTestId('preset-link-winner')).toHaveTextContent('a tap opens the mini program');
    expect(screen.getByRole('button', { name: 'Save preset' })).toBeEnabled();

    expect(screen.getByTestId('preview-input-thing1')).toHaveValue('Fanmail 马克杯');
    await waitFor(() => expect(previews.length).toBeGreaterThan(0));
    expect(previews[0]).toEqual([
      { key: 'thing1', value: 'Fanmail 马克杯' },
      { key: 'character_string2', value: '' },
    ]);
  });

  it('starts with every field filled when sending and no link when nothing was saved', async () => {
    servePage(null);
    const card = await renderPage();

    expect(within(card).getByTestId('preset-version')).toHaveTextContent('No preset saved yet.');
    expect(within(row('thing1')).getByText('Filled when sending')).toBeInTheDocument();
    expect(screen.queryByLabelText('Value for thing1')).not.toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'None' })).toBeChecked();
    expect(screen.queryByRole('textbox', { name: 'URL' })).not.toBeInTheDocument();
  });

  it('saves the form as the mutation input and shows the new version', async () => {
    servePage(aPreset());
    const inputs = serveSave(() => ({
      preset: aPreset({
        version: 4,
        updatedAt: '2026-11-07T08:00:00Z',
        url: 'https://shop.example.com/o/1',
        miniProgramAppId: null,
        miniProgramPagePath: null,
        mappings: [
          { __typename: 'TemplateFieldMapping', key: 'thing1', source: 'FIXED', fixedValue: 'Fanmail 礼盒', csvColumn: null },
          { __typename: 'TemplateFieldMapping', key: 'character_string2', source: 'REMARK', fixedValue: null, csvColumn: null },
        ],
      }),
      userErrors: [],
    }));
    await renderPage();
    const user = setupUser();

    await user.clear(screen.getByLabelText('Value for thing1'));
    await enterText(user, screen.getByLabelText('Value for thing1'), 'Fanmail 礼盒');
    await chooseSource(user, 'character_string2', "Fan's remark");
    expect(screen.queryByLabelText('Value for character_string2')).not.toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: 'URL' }));
    await user.clear(screen.getByRole('textbox', { name: 'URL' }));
    await enterText(user, screen.getByRole('textbox', { name: 'URL' }), ' https://shop.example.com/o/1 ');
    await user.click(screen.getByRole('button', { name: 'Save preset' }));

    expect(await screen.findByText('Preset saved (version 4).')).toBeInTheDocument();
    expect(inputs).toEqual([
      {
        templateId: 'tpl-1',
        mappings: [
          { key: 'thing1', source: 'FIXED', fixedValue: 'Fanmail 礼盒', csvColumn: null },
          { key: 'character_string2', source: 'REMARK', fixedValue: null, csvColumn: null },
        ],
        link: { url: 'https://shop.example.com/o/1' },
        // the version the edit started from, so a save made meanwhile is not overwritten
        expectedVersion: 3,
      },
    ]);
    await waitFor(() => expect(screen.getByTestId('preset-version')).toHaveTextContent(/^Version 4, saved/));
    // the preview starts over with the saved fixed texts
    await waitFor(() => expect(screen.getByTestId('preview-input-thing1')).toHaveValue('Fanmail 礼盒'));
  });

  it('shows each server error under the input it names, and the rest above the form', async () => {
    servePage(aPreset({ url: null }));
    const inputs = serveSave(() => ({
      preset: null,
      userErrors: [
        { __typename: 'UserError', code: 'PRESET_FIXED_VALUE_REQUIRED', field: 'mappings.1.fixedValue', message: 'Give the fixed text.' },
        { __typename: 'UserError', code: 'PRESET_FIELD_DUPLICATE', field: 'mappings.0.value', message: 'Mapped twice.' },
        { __typename: 'UserError', code: 'MINIPROGRAM_APPID_INVALID', field: 'link.miniProgram.appId', message: 'Bad AppID.' },
        { __typename: 'UserError', code: 'TEMPLATES_NOT_AVAILABLE', field: null, message: 'Not verified.' },
      ],
    }));
    await renderPage();
    const user = setupUser();

    await chooseSource(user, 'character_string2', 'Fixed text');
    await enterText(user, screen.getByLabelText('Value for character_string2'), '20261105001');
    await user.click(screen.getByRole('button', { name: 'Save preset' }));

    expect(await within(row('character_string2')).findByText('Enter the fixed value.')).toBeInTheDocument();
    expect(within(row('thing1')).queryByText('Enter the fixed value.')).not.toBeInTheDocument();
    expect(within(row('thing1')).getByText('This field is mapped twice.')).toBeInTheDocument();
    expect(within(screen.getByTestId('preset-link')).getByText('Not a valid mini program AppID.')).toBeInTheDocument();
    expect(screen.getByTestId('preset-form-errors')).toHaveTextContent(
      'This account cannot use template messages (verified service accounts only).',
    );
    expect(inputs[0].mappings).toEqual([
      { key: 'thing1', source: 'FIXED', fixedValue: 'Fanmail 马克杯', csvColumn: null },
      { key: 'character_string2', source: 'FIXED', fixedValue: '20261105001', csvColumn: null },
    ]);
    expect(inputs[0].link).toEqual({ miniProgramAppId: 'wx0123456789abcdef', miniProgramPagePath: 'pages/order/index', url: null });
  });

  it('checks the required inputs before asking the server', async () => {
    servePage(null);
    const inputs = serveSave(() => ({ preset: null, userErrors: [] }));
    await renderPage();
    const user = setupUser();

    await chooseSource(user, 'thing1', 'Fixed text');
    await user.click(screen.getByRole('radio', { name: 'Mini program' }));
    await user.click(screen.getByRole('button', { name: 'Save preset' }));

    expect(await within(row('thing1')).findByText('Enter the fixed value.')).toBeInTheDocument();
    expect(await screen.findByText("Enter the mini program's AppID.")).toBeInTheDocument();
    expect(inputs).toEqual([]);
  });

  it('shows a viewer the preset read-only', async () => {
    server.use(sessionAs(viewer));
    servePage(aPreset());
    const card = await renderPage();

    expect(within(card).getByTestId('preset-read-only')).toHaveTextContent('Only operators and administrators can change presets.');
    expect(screen.getByLabelText('Value for thing1')).toBeDisabled();
    expect(screen.getByRole('combobox', { name: 'Source for thing1' })).toBeDisabled();
    expect(screen.getByRole('radio', { name: 'Mini program' })).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Save preset' })).not.toBeInTheDocument();
  });
});
