import { screen, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import i18n from '../../../lib/i18n';
import { admin, anAccount, api, sessionAs } from '../../../test/handlers';
import { renderWithProviders, setupUser } from '../../../test/render';
import { server } from '../../../test/server';
import { AccountEditPage } from './AccountEditPage';
import { AccountLayout } from './AccountLayout';

const SECRET = '0123456789abcdef0123456789abcdef';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

function renderEditPage() {
  server.use(api.query('Account', () => HttpResponse.json({ data: { account: anAccount({ encodingAesKeySet: true }) } })));
  renderWithProviders(
    <Routes>
      <Route path="/accounts/:id" element={<AccountLayout />}>
        <Route index element={<AccountEditPage />} />
      </Route>
    </Routes>,
    { route: '/accounts/acc-1' },
  );
}

describe('Changing where an account sends its secrets', () => {
  it('asks an admin for the secrets again and sends them with the change', async () => {
    await i18n.changeLanguage('en-US');
    const sent: Record<string, unknown>[] = [];
    server.use(
      sessionAs(admin),
      api.mutation('AccountUpdate', ({ variables }) => {
        sent.push(variables.input as Record<string, unknown>);
        return HttpResponse.json({
          data: { accountUpdate: { __typename: 'AccountUpdatePayload', account: anAccount({ apiTarget: 'WECHAT' }), userErrors: [] } },
        });
      }),
    );
    renderEditPage();
    const user = setupUser();
    const form = await screen.findByTestId('account-form');
    expect(within(form).queryByLabelText('AppSecret')).not.toBeInTheDocument();

    await user.click(within(form).getByRole('radio', { name: 'WeChat' }));
    expect(screen.getByTestId('secrets-again')).toHaveTextContent('Enter the secrets again');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('The AppSecret must be 32 hexadecimal characters.')).toBeInTheDocument();
    expect(sent).toEqual([]);

    await user.click(within(form).getByLabelText('AppSecret'));
    await user.paste(SECRET);
    await user.click(within(form).getByLabelText('Token'));
    await user.paste('NewToken1');
    await user.click(within(form).getByLabelText('EncodingAESKey'));
    await user.paste(AES_KEY);
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await screen.findByText(/Account .* saved/);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ id: 'acc-1', apiTarget: 'WECHAT', appSecret: SECRET, token: 'NewToken1', encodingAesKey: AES_KEY });
  });

  it('does not let an operator change the API target or base URL (zh-CN)', async () => {
    await i18n.changeLanguage('zh-CN');
    renderEditPage();
    const form = await screen.findByTestId('account-form');

    for (const radio of within(form).getAllByRole('radio').filter((r) => r.closest('[aria-label="接口目标"]'))) {
      expect(radio).toBeDisabled();
    }
    expect(within(form).getByLabelText('接口地址')).toBeDisabled();
    expect(within(form).getByText('只有管理员可以修改账号密钥的发送地址。')).toBeInTheDocument();
    expect(within(form).queryByLabelText('AppSecret')).not.toBeInTheDocument();
  });
});
