import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { UserFieldsFragment } from '../../../gql/graphql';
import i18n from '../../../lib/i18n';
import { admin, aUser, api, sessionAs } from '../../../test/handlers';
import { enterText, renderWithProviders, setupUser } from '../../../test/render';
import { server } from '../../../test/server';
import { ChangePasswordModal } from './ChangePasswordModal';
import { UsersPage } from './UsersPage';

function serveUsers(users: UserFieldsFragment[]) {
  const state = { users };
  server.use(
    sessionAs(admin),
    api.query('UsersList', () =>
      HttpResponse.json({
        data: {
          users: {
            __typename: 'UserConnection',
            totalCount: state.users.length,
            pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
            edges: state.users.map((node) => ({ __typename: 'UserEdge', cursor: node.id, node })),
          },
        },
      }),
    ),
  );
  return state;
}

const adminRow = aUser({ id: 'u-1', username: 'admin', role: 'ADMIN', lastSignInAt: '2026-11-20T10:00:00Z' });

describe('UsersPage', () => {
  it('lists users with role, enabled state and dates', async () => {
    serveUsers([adminRow, aUser({ id: 'u-2', username: 'olivia', role: 'OPERATOR', enabled: false })]);
    await i18n.changeLanguage('en-US');
    renderWithProviders(<UsersPage />, { route: '/users' });

    const table = await screen.findByTestId('users-table');
    const oliviaRow = (await within(table).findByText('olivia')).closest('tr') as HTMLElement;
    expect(within(oliviaRow).getByRole('switch', { name: 'olivia enabled' })).not.toBeChecked();
    expect(within(oliviaRow).getByText('Operator')).toBeInTheDocument();
    expect(within(oliviaRow).getByText('Never')).toBeInTheDocument();
    const adminTr = within(table).getByText('admin').closest('tr') as HTMLElement;
    expect(within(adminTr).getByText('You')).toBeInTheDocument();
    expect(within(adminTr).getByRole('switch', { name: 'admin enabled' })).toBeChecked();
  });

  it('explains LAST_ADMIN when the last admin would be disabled', async () => {
    serveUsers([adminRow]);
    let sent: unknown;
    server.use(
      api.mutation('UserUpdate', ({ variables }) => {
        sent = variables.input;
        return HttpResponse.json({
          data: {
            userUpdate: {
              __typename: 'UserUpdatePayload',
              user: null,
              userErrors: [{ __typename: 'UserError', code: 'LAST_ADMIN', field: null, message: 'last admin' }],
            },
          },
        });
      }),
    );
    renderWithProviders(<UsersPage />, { route: '/users' });
    const user = setupUser();

    await user.click(await screen.findByRole('switch', { name: '启用 admin' }));

    expect(await screen.findByText('不能移除、停用或降级最后一个启用的管理员。')).toBeInTheDocument();
    expect(sent).toEqual({ id: 'u-1', role: 'ADMIN', enabled: false });
    expect(screen.getByRole('switch', { name: '启用 admin' })).toBeChecked();
  });

  it('creates a user; USERNAME_TAKEN appears under the username', async () => {
    const state = serveUsers([adminRow]);
    let attempts = 0;
    server.use(
      api.mutation('UserCreate', ({ variables }) => {
        attempts += 1;
        const input = variables.input as { username: string; role: 'OPERATOR' };
        if (input.username === 'olivia') {
          return HttpResponse.json({
            data: {
              userCreate: {
                __typename: 'UserCreatePayload',
                user: null,
                userErrors: [
                  { __typename: 'UserError', code: 'USERNAME_TAKEN', field: 'username', message: 'taken' },
                ],
              },
            },
          });
        }
        const created = aUser({ id: 'u-7', username: input.username, role: input.role });
        state.users = [...state.users, created];
        return HttpResponse.json({
          data: { userCreate: { __typename: 'UserCreatePayload', user: created, userErrors: [] } },
        });
      }),
    );
    await i18n.changeLanguage('en-US');
    renderWithProviders(<UsersPage />, { route: '/users' });
    const user = setupUser();

    await user.click(await screen.findByRole('button', { name: 'New user' }));
    const dialog = await screen.findByRole('dialog', { name: 'New user' });
    await enterText(user, within(dialog).getByLabelText('Username'), 'olivia');
    await enterText(user, within(dialog).getByLabelText('Password'), 'a-long-password');
    await user.click(within(dialog).getByRole('button', { name: 'Create user' }));

    const usernameItem = within(dialog).getByLabelText('Username').closest('.ant-form-item') as HTMLElement;
    expect(await within(usernameItem).findByText('This username is already taken.')).toBeInTheDocument();

    await user.clear(within(dialog).getByLabelText('Username'));
    await enterText(user, within(dialog).getByLabelText('Username'), 'oliver');
    await user.click(within(dialog).getByRole('button', { name: 'Create user' }));

    expect(await within(await screen.findByTestId('users-table')).findByText('oliver')).toBeInTheDocument();
    expect(attempts).toBe(2);
  });

  it('checks username and password length before sending', async () => {
    serveUsers([adminRow]);
    let attempts = 0;
    server.use(
      api.mutation('UserCreate', () => {
        attempts += 1;
        return HttpResponse.json({ data: null });
      }),
    );
    renderWithProviders(<UsersPage />, { route: '/users' });
    const user = setupUser();

    await user.click(await screen.findByRole('button', { name: '新建用户' }));
    const dialog = await screen.findByRole('dialog');
    await enterText(user, within(dialog).getByLabelText('用户名'), 'Olivia!');
    await enterText(user, within(dialog).getByLabelText('密码'), 'short');
    await user.click(within(dialog).getByRole('button', { name: '创建用户' }));

    expect(await within(dialog).findByText('用户名须为 3–32 个字符：小写字母、数字、. _ -')).toBeInTheDocument();
    expect(await within(dialog).findByText('密码至少需要 10 个字符。')).toBeInTheDocument();
    expect(attempts).toBe(0);
  });

  it('resets a password', async () => {
    serveUsers([adminRow, aUser({ id: 'u-2', username: 'olivia' })]);
    let sent: unknown;
    server.use(
      api.mutation('UserPasswordReset', ({ variables }) => {
        sent = variables.input;
        return HttpResponse.json({
          data: {
            userPasswordReset: {
              __typename: 'UserPasswordResetPayload',
              user: aUser({ id: 'u-2', username: 'olivia' }),
              userErrors: [],
            },
          },
        });
      }),
    );
    renderWithProviders(<UsersPage />, { route: '/users' });
    const user = setupUser();

    await user.click(await screen.findByRole('button', { name: '重置 olivia 的密码' }));
    const dialog = await screen.findByRole('dialog', { name: '重置 olivia 的密码' });
    await enterText(user, within(dialog).getByLabelText('新密码'), 'brand-new-password');
    await enterText(user, within(dialog).getByLabelText('重复新密码'), 'brand-new-password');
    await user.click(within(dialog).getByRole('button', { name: '重置密码' }));

    expect(await screen.findByText('已重置 olivia 的密码')).toBeInTheDocument();
    expect(sent).toEqual({ id: 'u-2', password: 'brand-new-password' });
  });
});

describe('ChangePasswordModal', () => {
  it('shows PASSWORD_INCORRECT under the current password', async () => {
    let sent: unknown;
    server.use(
      api.mutation('ViewerPasswordChange', ({ variables }) => {
        sent = variables.input;
        return HttpResponse.json({
          data: {
            viewerPasswordChange: {
              __typename: 'ViewerPasswordChangePayload',
              user: null,
              userErrors: [
                { __typename: 'UserError', code: 'PASSWORD_INCORRECT', field: 'currentPassword', message: 'wrong' },
              ],
            },
          },
        });
      }),
    );
    renderWithProviders(<ChangePasswordModal open onClose={() => {}} />);
    const user = setupUser();

    const dialog = await screen.findByRole('dialog', { name: '修改我的密码' });
    await enterText(user, within(dialog).getByLabelText('当前密码'), 'old-password-x');
    await enterText(user, within(dialog).getByLabelText('新密码'), 'new-password-123');
    await enterText(user, within(dialog).getByLabelText('重复新密码'), 'new-password-124');
    await user.click(within(dialog).getByRole('button', { name: '修改密码' }));
    expect(await within(dialog).findByText('两次输入的密码不一致。')).toBeInTheDocument();
    expect(sent).toBeUndefined();

    await user.clear(within(dialog).getByLabelText('重复新密码'));
    await enterText(user, within(dialog).getByLabelText('重复新密码'), 'new-password-123');
    await user.click(within(dialog).getByRole('button', { name: '修改密码' }));

    const currentItem = within(dialog).getByLabelText('当前密码').closest('.ant-form-item') as HTMLElement;
    expect(await within(currentItem).findByText('当前密码不正确。')).toBeInTheDocument();
    await waitFor(() => expect(sent).toEqual({ currentPassword: 'old-password-x', newPassword: 'new-password-123' }));
  });
});
