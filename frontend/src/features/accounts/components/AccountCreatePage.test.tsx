import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { Route, Routes, useParams } from 'react-router';
import { describe, expect, it } from 'vitest';
import i18n from '../../../lib/i18n';
import { anAccount, api } from '../../../test/handlers';
import { renderWithProviders, setupUser } from '../../../test/render';
import { server } from '../../../test/server';
import { AccountCreatePage } from './AccountCreatePage';

function EditPageStub() {
  const { id } = useParams();
  return <h1>edit page of {id}</h1>;
}

async function renderCreatePage(language: 'zh-CN' | 'en-US' = 'en-US') {
  await i18n.changeLanguage(language);
  renderWithProviders(
    <Routes>
      <Route path="/accounts/new" element={<AccountCreatePage />} />
      <Route path="/accounts/:id" element={<EditPageStub />} />
    </Routes>,
    { route: '/accounts/new' },
  );
  return screen.findByTestId('account-form');
}

const VALID = {
  name: 'Fanmail Demo',
  originalId: 'gh_0123456789ab',
  appId: 'wx0123456789abcdef',
  appSecret: '0123456789abcdef0123456789abcdef',
  token: 'fanmailToken1',
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ',
};

type Labels = Record<keyof typeof VALID, RegExp>;
const EN: Labels = {
  name: /^Name$/,
  originalId: /^Original ID$/,
  appId: /^AppID$/,
  appSecret: /^AppSecret$/,
  token: /^Token$/,
  encodingAesKey: /^EncodingAESKey$/,
};
const ZH: Labels = { ...EN, name: /^名称$/, originalId: /^原始 ID$/ };

async function fill(user: ReturnType<typeof setupUser>, values: Partial<typeof VALID>, labels: Labels) {
  for (const [field, value] of Object.entries(values) as [keyof typeof VALID, string][]) {
    const input = screen.getByLabelText(labels[field]);
    await user.clear(input);
    await user.click(input);
    await user.paste(value);
  }
}

/** The error text antd shows under the field labelled `label`. */
function errorsUnder(label: RegExp) {
  const input = screen.getByLabelText(label);
  const item = input.closest('.ant-form-item') as HTMLElement;
  return within(item);
}

describe('AccountCreatePage', () => {
  it('shows client-side messages for a bad AppID, EncodingAESKey and token and sends nothing', async () => {
    let requests = 0;
    server.use(
      api.mutation('AccountCreate', () => {
        requests += 1;
        return HttpResponse.json({ data: null });
      }),
    );
    const user = setupUser();
    await renderCreatePage('en-US');

    await fill(
      user,
      { ...VALID, appId: 'wx123', encodingAesKey: 'too-short!', token: 'a!' },
      EN,
    );
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    expect(
      await errorsUnder(EN.appId).findByText('The AppID must be wx followed by 16 hexadecimal characters.'),
    ).toBeInTheDocument();
    expect(
      await errorsUnder(EN.encodingAesKey).findByText(
        'The EncodingAESKey must be 43 characters (letters, digits, + or /).',
      ),
    ).toBeInTheDocument();
    expect(await errorsUnder(EN.token).findByText('The token must be 3–32 letters or digits.')).toBeInTheDocument();
    // valid fields stay quiet
    expect(screen.getByLabelText(EN.name)).not.toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText(EN.appId)).toHaveAttribute('aria-invalid', 'true');
    expect(requests).toBe(0);
  });

  it('requires an EncodingAESKey in safe mode but not in plain mode', async () => {
    const user = setupUser();
    await renderCreatePage('en-US');
    const { encodingAesKey: _omitted, ...withoutKey } = VALID;
    await fill(user, withoutKey, EN);

    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(
      await errorsUnder(EN.encodingAesKey).findByText('An EncodingAESKey is required for compatible and safe mode.'),
    ).toBeInTheDocument();

    await user.click(screen.getByRole('radio', { name: 'Plain text' }));
    await waitFor(() =>
      expect(
        errorsUnder(EN.encodingAesKey).queryByText('An EncodingAESKey is required for compatible and safe mode.'),
      ).not.toBeInTheDocument(),
    );
  });

  it.each([
    {
      language: 'en-US' as const,
      labels: EN,
      submit: 'Create account',
      appIdTaken: 'Another account already uses this AppID.',
      keyInvalid: 'The EncodingAESKey must be 43 characters (letters, digits, + or /).',
      formLevel: 'The API base URL must be an http(s) URL without query, e.g. https://api.weixin.qq.com.',
    },
    {
      language: 'zh-CN' as const,
      labels: ZH,
      submit: '创建公众号',
      appIdTaken: '已有其他公众号使用此 AppID。',
      keyInvalid: 'EncodingAESKey 必须是 43 位字符（字母、数字、+ 或 /）。',
      formLevel: '接口地址必须是不带查询参数的 http(s) URL，例如 https://api.weixin.qq.com。',
    },
  ])('maps server userErrors onto the fields ($language)', async ({ language, labels, submit, appIdTaken, keyInvalid, formLevel }) => {
    server.use(
      api.mutation('AccountCreate', () =>
        HttpResponse.json({
          data: {
            accountCreate: {
              __typename: 'AccountCreatePayload',
              account: null,
              userErrors: [
                { __typename: 'UserError', code: 'APP_ID_TAKEN', field: 'appId', message: 'appId taken' },
                {
                  __typename: 'UserError',
                  code: 'ENCODING_AES_KEY_INVALID',
                  field: 'encodingAesKey',
                  message: 'bad key',
                },
                { __typename: 'UserError', code: 'API_BASE_URL_INVALID', field: null, message: 'bad url' },
              ],
            },
          },
        }),
      ),
    );
    const user = setupUser();
    await renderCreatePage(language);

    await fill(user, VALID, labels);
    await user.click(screen.getByRole('button', { name: submit }));

    expect(await errorsUnder(labels.appId).findByText(appIdTaken)).toBeInTheDocument();
    expect(await errorsUnder(labels.encodingAesKey).findByText(keyInvalid)).toBeInTheDocument();
    expect(errorsUnder(labels.token).queryByText(appIdTaken)).not.toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(formLevel);
    expect(screen.getByTestId('location')).toHaveTextContent('/accounts/new');
  });

  it('creates the account with cleaned input and opens it', async () => {
    let received: Record<string, unknown> | undefined;
    server.use(
      api.mutation('AccountCreate', ({ variables }) => {
        received = variables.input as Record<string, unknown>;
        return HttpResponse.json({
          data: {
            accountCreate: {
              __typename: 'AccountCreatePayload',
              account: anAccount({ id: 'acc-42', name: VALID.name }),
              userErrors: [],
            },
          },
        });
      }),
    );
    const user = setupUser();
    await renderCreatePage('en-US');

    await fill(user, { ...VALID, name: `  ${VALID.name}  ` }, EN);
    await user.click(screen.getByRole('radio', { name: 'Subscription account' }));
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    expect(await screen.findByRole('heading', { name: 'edit page of acc-42' })).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('/accounts/acc-42');
    expect(received).toEqual({
      name: VALID.name,
      originalId: VALID.originalId,
      appId: VALID.appId,
      appSecret: VALID.appSecret,
      token: VALID.token,
      encodingAesKey: VALID.encodingAesKey,
      type: 'SUBSCRIPTION',
      verified: false,
      encryptionMode: 'SAFE',
      apiTarget: 'SANDBOX',
      apiBaseUrl: null,
    });
  });

  it('shows the API base URL placeholder for the chosen target', async () => {
    const user = setupUser();
    await renderCreatePage('zh-CN');
    const baseUrl = screen.getByLabelText('接口地址');
    expect(baseUrl).toHaveAttribute('placeholder', '留空则使用内置沙箱');
    await user.click(screen.getByRole('radio', { name: '微信' }));
    expect(baseUrl).toHaveAttribute('placeholder', 'https://api.weixin.qq.com');
  });
});
