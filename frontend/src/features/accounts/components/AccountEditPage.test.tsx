import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { AccountFieldsFragment } from '../../../gql/graphql';
import i18n from '../../../lib/i18n';
import { anAccount, api, sessionAs, viewer } from '../../../test/handlers';
import { enterText, renderWithProviders, setupUser } from '../../../test/render';
import { server } from '../../../test/server';
import { AccountEditPage } from './AccountEditPage';
import { AccountLayout } from './AccountLayout';

/** Serves `account` for the Account query; `current` may be replaced by mutations. */
function serveAccount(initial: AccountFieldsFragment) {
  const state = { current: initial as AccountFieldsFragment | null };
  server.use(
    api.query('Account', ({ variables }) =>
      HttpResponse.json({ data: { account: variables.id === state.current?.id ? state.current : null } }),
    ),
  );
  return state;
}

function renderEditPage(id = 'acc-1') {
  renderWithProviders(
    <Routes>
      <Route path="/accounts/:id" element={<AccountLayout />}>
        <Route index element={<AccountEditPage />} />
      </Route>
      <Route path="/accounts" element={<h1>accounts list</h1>} />
    </Routes>,
    { route: `/accounts/${id}` },
  );
}

describe('AccountEditPage', () => {
  it('shows which secrets are set, the callback URL and the current values', async () => {
    serveAccount(anAccount({ appSecretSet: true, tokenSet: true, encodingAesKeySet: false }));
    renderEditPage();

    expect(await screen.findByTestId('secret-status-appSecret')).toHaveTextContent('已设置');
    expect(screen.getByTestId('secret-status-token')).toHaveTextContent('已设置');
    expect(screen.getByTestId('secret-status-encodingAesKey')).toHaveTextContent('未设置');
    expect(screen.getByTestId('callback-url')).toHaveTextContent('https://fanmail.example.com/wechat/callback/acc-1');
    expect(screen.getByRole('button', { name: '复制回调 URL' })).toBeInTheDocument();
    // secrets are not part of the edit form
    const form = screen.getByTestId('account-form');
    expect(within(form).getByLabelText('AppID')).toHaveValue('wx0123456789abcdef');
    expect(within(form).queryByLabelText('AppSecret')).not.toBeInTheDocument();
    expect(within(form).queryByLabelText('Token')).not.toBeInTheDocument();
  });

  it('replaces one secret, sending only that field, and shows the new status', async () => {
    const state = serveAccount(anAccount({ encodingAesKeySet: false }));
    let input: Record<string, unknown> | undefined;
    server.use(
      api.mutation('AccountSecretsReplace', ({ variables }) => {
        input = variables.input as Record<string, unknown>;
        state.current = anAccount({ encodingAesKeySet: true, updatedAt: '2026-11-03T10:00:00Z' });
        return HttpResponse.json({
          data: {
            accountSecretsReplace: {
              __typename: 'AccountSecretsReplacePayload',
              account: state.current,
              userErrors: [],
            },
          },
        });
      }),
    );
    await i18n.changeLanguage('en-US');
    renderEditPage();
    const user = setupUser();

    await user.click(await screen.findByRole('button', { name: 'Replace EncodingAESKey' }));
    const dialog = await screen.findByRole('dialog', { name: 'Replace EncodingAESKey' });
    await user.click(within(dialog).getByLabelText('New EncodingAESKey'));
    await user.paste('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ');
    await user.click(within(dialog).getByRole('button', { name: 'Replace' }));

    await waitFor(() => expect(screen.getByTestId('secret-status-encodingAesKey')).toHaveTextContent('Set'));
    expect(input).toEqual({ id: 'acc-1', encodingAesKey: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ' });
    expect(await screen.findByText('EncodingAESKey replaced')).toBeInTheDocument();
  });

  it('shows a server error for the secret under the dialog field', async () => {
    serveAccount(anAccount());
    server.use(
      api.mutation('AccountSecretsReplace', () =>
        HttpResponse.json({
          data: {
            accountSecretsReplace: {
              __typename: 'AccountSecretsReplacePayload',
              account: null,
              userErrors: [{ __typename: 'UserError', code: 'TOKEN_INVALID', field: 'token', message: 'bad token' }],
            },
          },
        }),
      ),
    );
    renderEditPage();
    const user = setupUser();

    await user.click(await screen.findByRole('button', { name: '更换 Token' }));
    const dialog = await screen.findByRole('dialog');
    await enterText(user, within(dialog).getByLabelText('新的 Token'), 'abc123');
    await user.click(within(dialog).getByRole('button', { name: '更换' }));

    expect(await within(dialog).findByText('Token 必须是 3–32 位字母或数字。')).toBeInTheDocument();
  });

  it('explains why an account in use cannot be deleted', async () => {
    serveAccount(anAccount());
    server.use(
      api.mutation('AccountDelete', () =>
        HttpResponse.json({
          data: {
            accountDelete: {
              __typename: 'AccountDeletePayload',
              deletedAccountId: null,
              userErrors: [
                {
                  __typename: 'UserError',
                  code: 'ACCOUNT_IN_USE',
                  field: null,
                  message: '2 dispatches still use this account',
                },
              ],
            },
          },
        }),
      ),
    );
    renderEditPage();
    const user = setupUser();

    await user.click(await screen.findByRole('button', { name: '删除' }));
    const confirm = await screen.findByRole('tooltip');
    await user.click(within(confirm).getByRole('button', { name: '删除' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('该公众号仍在使用中，无法删除：2 dispatches still use this account');
    expect(screen.getByTestId('location')).toHaveTextContent('/accounts/acc-1');
  });

  it('deletes an account and returns to the list', async () => {
    serveAccount(anAccount());
    let deletedId: unknown;
    server.use(
      api.mutation('AccountDelete', ({ variables }) => {
        deletedId = (variables.input as { id: string }).id;
        return HttpResponse.json({
          data: {
            accountDelete: { __typename: 'AccountDeletePayload', deletedAccountId: 'acc-1', userErrors: [] },
          },
        });
      }),
    );
    renderEditPage();
    const user = setupUser();

    await user.click(await screen.findByRole('button', { name: '删除' }));
    await user.click(within(await screen.findByRole('tooltip')).getByRole('button', { name: '删除' }));

    expect(await screen.findByRole('heading', { name: 'accounts list' })).toBeInTheDocument();
    expect(deletedId).toBe('acc-1');
  });

  it('disables an active account', async () => {
    const state = serveAccount(anAccount({ status: 'ACTIVE' }));
    let sent: unknown;
    server.use(
      api.mutation('AccountStatusSet', ({ variables }) => {
        sent = variables.input;
        state.current = anAccount({ status: 'DISABLED' });
        return HttpResponse.json({
          data: {
            accountStatusSet: { __typename: 'AccountStatusSetPayload', account: state.current, userErrors: [] },
          },
        });
      }),
    );
    renderEditPage();
    const user = setupUser();

    await user.click(await screen.findByRole('button', { name: '停用' }));

    expect(await screen.findByRole('button', { name: '启用' })).toBeInTheDocument();
    expect(sent).toEqual({ id: 'acc-1', status: 'DISABLED' });
  });

  it('maps update userErrors onto the edit form', async () => {
    serveAccount(anAccount());
    server.use(
      api.mutation('AccountUpdate', () =>
        HttpResponse.json({
          data: {
            accountUpdate: {
              __typename: 'AccountUpdatePayload',
              account: null,
              userErrors: [
                { __typename: 'UserError', code: 'APP_ID_TAKEN', field: 'appId', message: 'taken' },
                // not a field of the edit form: shown form-level
                {
                  __typename: 'UserError',
                  code: 'ENCODING_AES_KEY_REQUIRED',
                  field: 'encodingAesKey',
                  message: 'needed',
                },
              ],
            },
          },
        }),
      ),
    );
    renderEditPage();
    const user = setupUser();

    await user.click(await screen.findByRole('button', { name: '保存' }));

    const appIdItem = screen.getByLabelText('AppID').closest('.ant-form-item') as HTMLElement;
    expect(await within(appIdItem).findByText('已有其他公众号使用此 AppID。')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('兼容模式和安全模式必须填写 EncodingAESKey。');
  });

  it('is read-only for a VIEWER', async () => {
    server.use(sessionAs(viewer));
    serveAccount(anAccount());
    renderEditPage();

    expect(await screen.findByTestId('secret-status-token')).toBeInTheDocument();
    expect(screen.getByLabelText('AppID')).toBeDisabled();
    expect(screen.queryByRole('button', { name: '删除' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '停用' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /更换/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '保存' })).not.toBeInTheDocument();
  });

  it('says when the account does not exist', async () => {
    serveAccount(anAccount({ id: 'other' }));
    renderEditPage('acc-404');
    expect(await screen.findByText('该公众号不存在（可能已被删除）。')).toBeInTheDocument();
  });
});
