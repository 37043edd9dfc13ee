import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import i18n from '../../../lib/i18n';
import { operator, sessionAs } from '../../../test/handlers';
import { enterText, renderWithProviders, setupUser } from '../../../test/render';
import { server } from '../../../test/server';
import { SignInPage } from './SignInPage';

function renderSignIn(state?: unknown) {
  renderWithProviders(
    <Routes>
      <Route path="/login" element={<SignInPage />} />
      <Route path="*" element={<h1>protected page</h1>} />
    </Routes>,
    { route: '/login', state },
  );
}

async function signInWith(username: string, password: string, labels = { user: '用户名', password: '密码', submit: '登录' }) {
  const user = setupUser();
  await enterText(user, await screen.findByLabelText(labels.user), username);
  await enterText(user, screen.getByLabelText(labels.password), password);
  await user.click(screen.getByRole('button', { name: labels.submit }));
}

describe('SignInPage', () => {
  it('shows the translated error for 401 (zh-CN) and stays on the page', async () => {
    let body: unknown;
    let csrf: string | null = null;
    server.use(
      sessionAs(null),
      http.post('*/api/session', async ({ request }) => {
        body = await request.json();
        csrf = request.headers.get('X-Fanmail-Csrf');
        return HttpResponse.json({ code: 'INVALID_CREDENTIALS', message: 'Invalid credentials' }, { status: 401 });
      }),
    );
    renderSignIn();

    await signInWith('olivia', 'wrong-password');

    expect(await screen.findByRole('alert')).toHaveTextContent('用户名或密码错误。');
    expect(body).toEqual({ username: 'olivia', password: 'wrong-password' });
    expect(csrf).toBe('1');
    expect(screen.getByTestId('location')).toHaveTextContent('/login');
  });

  it('shows the 401 error in English when English is chosen', async () => {
    await i18n.changeLanguage('en-US');
    server.use(
      sessionAs(null),
      http.post('*/api/session', () =>
        HttpResponse.json({ code: 'INVALID_CREDENTIALS', message: 'Invalid credentials' }, { status: 401 }),
      ),
    );
    renderSignIn();

    await signInWith('olivia', 'wrong-password', { user: 'Username', password: 'Password', submit: 'Sign in' });

    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong username or password.');
  });

  it('shows the wait time for 429', async () => {
    server.use(
      sessionAs(null),
      http.post('*/api/session', () =>
        HttpResponse.json(
          { code: 'TOO_MANY_ATTEMPTS', message: 'Too many attempts', retryAfterSeconds: 42 },
          { status: 429 },
        ),
      ),
    );
    renderSignIn();

    await signInWith('olivia', 'whatever-password');

    expect(await screen.findByRole('alert')).toHaveTextContent('失败次数过多，请 42 秒后再试。');
  });

  it('says the server is busy for 503 SIGN_IN_BUSY and that an over-long name is wrong (400)', async () => {
    await i18n.changeLanguage('en-US');
    let answer = 0;
    server.use(
      sessionAs(null),
      http.post('*/api/session', () =>
        answer++ === 0
          ? HttpResponse.json({ code: 'SIGN_IN_BUSY', message: 'busy', retryAfterSeconds: 1 }, { status: 503 })
          : HttpResponse.json({ code: 'CREDENTIALS_TOO_LONG', message: 'too long' }, { status: 400 }),
      ),
    );
    renderSignIn();
    const labels = { user: 'Username', password: 'Password', submit: 'Sign in' };

    await signInWith('olivia', 'whatever-password', labels);
    expect(await screen.findByRole('alert')).toHaveTextContent('Many people are signing in right now. Try again in a moment.');

    const user = setupUser();
    await user.click(screen.getByRole('button', { name: labels.submit }));
    expect(await screen.findByText('Wrong username or password.')).toBeInTheDocument();
  });

  it('goes to the page the user wanted after signing in', async () => {
    server.use(
      sessionAs(null),
      http.post('*/api/session', () => HttpResponse.json(operator)),
    );
    renderSignIn({ from: { pathname: '/accounts/acc-7', search: '?tab=secrets' } });

    await signInWith('olivia', 'correct-password');

    expect(await screen.findByRole('heading', { name: 'protected page' })).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('/accounts/acc-7?tab=secrets');
  });

  it('validates empty fields without calling the server', async () => {
    let calls = 0;
    server.use(
      sessionAs(null),
      http.post('*/api/session', () => {
        calls += 1;
        return HttpResponse.json(operator);
      }),
    );
    renderSignIn();
    const user = setupUser();
    await user.click(await screen.findByRole('button', { name: '登录' }));

    expect(await screen.findByText('请输入用户名。')).toBeInTheDocument();
    expect(await screen.findByText('请输入密码。')).toBeInTheDocument();
    expect(calls).toBe(0);
  });
});
