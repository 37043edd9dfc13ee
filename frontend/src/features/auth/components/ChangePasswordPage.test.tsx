import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { RequireAuth } from '../../../app/routes/guards';
import i18n from '../../../lib/i18n';
import { admin, sessionAs } from '../../../test/handlers';
import { renderWithProviders, setupUser } from '../../../test/render';
import { server } from '../../../test/server';

function renderProtected() {
  renderWithProviders(
    <Routes>
      <Route
        path="*"
        element={
          <RequireAuth>
            <h1>protected page</h1>
          </RequireAuth>
        }
      />
    </Routes>,
    { route: '/accounts' },
  );
}

describe('ChangePasswordPage', () => {
  it('stands in front of the app until a generated password is replaced', async () => {
    await i18n.changeLanguage('en-US');
    const bodies: unknown[] = [];
    const csrf: (string | null)[] = [];
    server.use(
      sessionAs({ ...admin, mustChangePassword: true }),
      http.post('*/api/session/password', async ({ request }) => {
        const body = (await request.json()) as { currentPassword: string };
        bodies.push(body);
        csrf.push(request.headers.get('X-Fanmail-Csrf'));
        if (body.currentPassword !== 'generated-pw') {
          return HttpResponse.json(
            {
              code: 'PASSWORD_INCORRECT',
              message: 'The current password is not correct.',
              userErrors: [{ code: 'PASSWORD_INCORRECT', field: 'currentPassword', message: 'x' }],
            },
            { status: 400 },
          );
        }
        return HttpResponse.json({ ...admin, mustChangePassword: false });
      }),
    );
    renderProtected();

    expect(await screen.findByRole('heading', { name: 'Choose a new password' })).toBeInTheDocument();
    expect(screen.queryByText('protected page')).not.toBeInTheDocument();

    const user = setupUser();
    await user.click(screen.getByLabelText('Current password'));
    await user.paste('wrong-pw');
    await user.click(screen.getByLabelText('New password'));
    await user.paste('my-own-password');
    await user.click(screen.getByLabelText('Repeat the new password'));
    await user.paste('my-own-password');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('The current password is incorrect.')).toBeInTheDocument();
    expect(screen.queryByText('protected page')).not.toBeInTheDocument();

    await user.clear(screen.getByLabelText('Current password'));
    await user.click(screen.getByLabelText('Current password'));
    await user.paste('generated-pw');
    await user.click(screen.getByRole('button', { name: 'Change password' }));

    expect(await screen.findByRole('heading', { name: 'protected page' })).toBeInTheDocument();
    expect(bodies).toEqual([
      { currentPassword: 'wrong-pw', newPassword: 'my-own-password' },
      { currentPassword: 'generated-pw', newPassword: 'my-own-password' },
    ]);
    expect(csrf).toEqual(['1', '1']);
  });

  it('checks that both new passwords match before sending (zh-CN)', async () => {
    await i18n.changeLanguage('zh-CN');
    let sent = false;
    server.use(
      sessionAs({ ...admin, mustChangePassword: true }),
      http.post('*/api/session/password', () => {
        sent = true;
        return HttpResponse.json({ ...admin, mustChangePassword: false });
      }),
    );
    renderProtected();

    const user = setupUser();
    await user.click(await screen.findByLabelText('当前密码'));
    await user.paste('generated-pw');
    await user.click(screen.getByLabelText('新密码'));
    await user.paste('my-own-password');
    await user.click(screen.getByLabelText('再次输入新密码'));
    await user.paste('another-password');
    await user.click(screen.getByRole('button', { name: '修改密码' }));

    expect(await screen.findByText('两次输入的密码不一致。')).toBeInTheDocument();
    expect(sent).toBe(false);
  });
});
