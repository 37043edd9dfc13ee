import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import i18n from '../../../lib/i18n';
import { admin, aUser, api, sessionAs } from '../../../test/handlers';
import { renderWithProviders, setupUser } from '../../../test/render';
import { server } from '../../../test/server';
import { UsersPage } from './UsersPage';

describe('role choices', () => {
  it('are named by their labels (not ADMIN…) in the list and in the new-user dialog', async () => {
    const olivia = aUser({ id: 'u-2', username: 'olivia', role: 'OPERATOR' });
    let sent: unknown;
    server.use(
      sessionAs(admin),
      api.query('UsersList', () =>
        HttpResponse.json({
          data: {
            users: {
              __typename: 'UserConnection',
              totalCount: 1,
              pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
              edges: [{ __typename: 'UserEdge', cursor: olivia.id, node: olivia }],
            },
          },
        }),
      ),
      api.mutation('UserUpdate', ({ variables }) => {
        sent = variables.input;
        return HttpResponse.json({
          data: { userUpdate: { __typename: 'UserUpdatePayload', user: { ...olivia, role: 'VIEWER' }, userErrors: [] } },
        });
      }),
    );
    await i18n.changeLanguage('en-US');
    renderWithProviders(<UsersPage />, { route: '/users' });
    const user = setupUser();

    const roles = await screen.findByRole('radiogroup', { name: 'Role of olivia' });
    expect(within(roles).getAllByRole('radio').map((radio) => radio.closest('label')?.textContent)).toEqual([
      'Administrator',
      'Operator',
      'Viewer',
    ]);
    expect(within(roles).getByRole('radio', { name: 'Operator' })).toBeChecked();
    await user.click(within(roles).getByRole('radio', { name: 'Viewer' }));
    await waitFor(() => expect(sent).toMatchObject({ id: 'u-2', role: 'VIEWER' }));

    await user.click(screen.getByRole('button', { name: 'New user' }));
    const dialog = await screen.findByRole('dialog', { name: 'New user' });
    const choices = within(dialog).getByRole('radiogroup', { name: 'Role' });
    expect(within(choices).getByRole('radio', { name: 'Administrator' })).not.toBeChecked();
    expect(within(choices).queryByRole('radio', { name: 'ADMIN' })).toBeNull();
  });
});
