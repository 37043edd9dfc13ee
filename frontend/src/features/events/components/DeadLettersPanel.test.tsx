import { screen, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import i18n from '../../../lib/i18n';
import { api } from '../../../test/handlers';
import { renderWithProviders } from '../../../test/render';
import { server } from '../../../test/server';
import { DeadLettersPanel } from './DeadLettersPanel';

function serveDeadLetters(count: number) {
  let asked: unknown;
  server.use(
    api.query('CallbackDeadLetters', ({ variables }) => {
      asked = variables;
      return HttpResponse.json({
        data: {
          callbackDeadLetters: {
            __typename: 'CallbackDeadLetterConnection',
            totalCount: count,
            edges: Array.from({ length: count }, (_, i) => ({
              __typename: 'CallbackDeadLetterEdge',
              node: {
                __typename: 'CallbackDeadLetter',
                id: `${100 + i}`,
                type: 'text',
                openid: `oFan${i}`,
                receivedAt: '2026-11-05T09:00:00Z',
                deadLetteredAt: '2026-11-05T09:02:30Z',
                attempts: 5,
                lastError: 'PSQLException: ERROR: value too long for type character varying(64)',
              },
            })),
          },
        },
      });
    }),
  );
  return () => asked;
}

describe('DeadLettersPanel', () => {
  it('lists the pushes set aside for the account with their last error', async () => {
    const asked = serveDeadLetters(2);
    await i18n.changeLanguage('en-US');
    renderWithProviders(<DeadLettersPanel accountId="acc-1" />);
    const panel = await screen.findByTestId('dead-letters');
    expect(within(panel).getByText('2 pushes could not be processed and were set aside')).toBeInTheDocument();
    expect(within(panel).getByText('oFan1')).toBeInTheDocument();
    expect(within(panel).getAllByText(/value too long/)).toHaveLength(2);
    expect(asked()).toMatchObject({ accountId: 'acc-1' });
  });

  it('shows nothing when no push was set aside', async () => {
    const asked = serveDeadLetters(0);
    renderWithProviders(<DeadLettersPanel accountId="acc-1" />);
    await expect.poll(asked).toMatchObject({ accountId: 'acc-1' });
    expect(screen.queryByTestId('dead-letters')).not.toBeInTheDocument();
  });
});
