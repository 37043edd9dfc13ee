import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { TemplateBlockedMessagesQuery } from '../../../gql/graphql';
import i18n from '../../../lib/i18n';
import { api } from '../../../test/handlers';
import { renderWithProviders, setupUser } from '../../../test/render';
import { server } from '../../../test/server';
import { BLOCKED_PAGE_SIZE, largestId } from '../blocked';
import { BlockedMessagesCard } from './BlockedMessagesCard';

type Message = TemplateBlockedMessagesQuery['templateBlockedMessages'][number];

function aMessage(id: number): Message {
  return {
    __typename: 'TemplateBlockedMessage',
    id: String(id),
    templateMessageId: `msg-${id}`,
    sentAt: '2026-11-05T08:00:00Z',
    openid: `oFan_${id}`,
    title: '订单发货通知',
    content: `商品名称：礼盒 ${id}`,
  };
}

/** Answers each lookup with the next of `pages` and records the variables. */
function serveBlocked(pages: Message[][]) {
  const calls: Record<string, unknown>[] = [];
  server.use(
    api.query('TemplateBlockedMessages', ({ variables }) => {
      calls.push(variables);
      return HttpResponse.json({ data: { templateBlockedMessages: pages[calls.length - 1] ?? [] } });
    }),
  );
  return calls;
}

async function renderCard() {
  await i18n.changeLanguage('en-US');
  renderWithProviders(<BlockedMessagesCard templateId="tpl-1" />);
  return screen.findByTestId('blocked-card');
}

const rowKeys = () =>
  [...screen.getByTestId('blocked-messages').querySelectorAll('tr[data-row-key]')].map((tr) => tr.getAttribute('data-row-key'));

describe('BlockedMessagesCard', () => {
  it('asks WeChat only on request, then pages on after the largest id seen until a short page', async () => {
    // a full first page in no particular order: 9 … 58, the largest being 58 (not "9")
    const first = Array.from({ length: BLOCKED_PAGE_SIZE }, (_, i) => aMessage(((i * 7) % BLOCKED_PAGE_SIZE) + 9));
    const calls = serveBlocked([first, [aMessage(60), aMessage(61)]]);
    const card = await renderCard();
    const user = setupUser();
    expect(calls).toEqual([]);

    await user.click(within(card).getByRole('button', { name: 'Look up' }));

    await waitFor(() => expect(rowKeys()).toHaveLength(BLOCKED_PAGE_SIZE));
    expect(calls).toEqual([{ templateId: 'tpl-1', first: BLOCKED_PAGE_SIZE, largestId: '0' }]);
    const row = screen.getByTestId('blocked-messages').querySelector('tr[data-row-key="9"]') as HTMLElement;
    expect(within(row).getByText('oFan_9')).toBeInTheDocument();
    expect(within(row).getByRole('button', { name: 'Copy openid' })).toBeInTheDocument();
    expect(within(row).getByText('订单发货通知')).toBeInTheDocument();
    expect(within(row).getByText('商品名称：礼盒 9')).toBeInTheDocument();
    expect(row).toHaveTextContent(/2026/);

    // (role queries over 50 rows are slow in jsdom: the button is found by test id)
    expect(screen.getByTestId('blocked-load-more')).toHaveTextContent('Load more');
    await user.click(screen.getByTestId('blocked-load-more'));

    await waitFor(() => expect(rowKeys()).toHaveLength(BLOCKED_PAGE_SIZE + 2));
    expect(calls[1]).toEqual({ templateId: 'tpl-1', first: BLOCKED_PAGE_SIZE, largestId: '58' });
    expect(rowKeys().slice(-2)).toEqual(['60', '61']);
    // fewer than a page came back: nothing more to load
    expect(screen.queryByTestId('blocked-load-more')).not.toBeInTheDocument();
  });

  it('says so when WeChat intercepted nothing', async () => {
    serveBlocked([[]]);
    const card = await renderCard();
    const user = setupUser();

    await user.click(within(card).getByRole('button', { name: 'Look up' }));

    expect(await within(card).findByText('WeChat intercepted no messages of this template.')).toBeInTheDocument();
    expect(within(card).queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('shows WeChat’s refusal in the user’s language', async () => {
    server.use(
      api.query('TemplateBlockedMessages', () =>
        HttpResponse.json({
          data: null,
          errors: [
            {
              message: 'WECHAT_REFUSED: WeChat answered 48001: api unauthorized',
              path: ['templateBlockedMessages'],
              extensions: { code: 'BAD_USER_INPUT' },
            },
          ],
        }),
      ),
    );
    const card = await renderCard();
    const user = setupUser();

    await user.click(within(card).getByRole('button', { name: 'Look up' }));

    expect(await within(card).findByRole('alert')).toHaveTextContent(
      'WeChat refused the request: WeChat answered 48001: api unauthorized',
    );
  });

  it('shows a network failure', async () => {
    server.use(api.query('TemplateBlockedMessages', () => HttpResponse.error()));
    const card = await renderCard();
    const user = setupUser();

    await user.click(within(card).getByRole('button', { name: 'Look up' }));

    expect(await within(card).findByRole('alert')).toHaveTextContent('The server cannot be reached.');
  });
});

describe('largestId', () => {
  it('compares ids as numbers, beyond 2^53 too', () => {
    expect(largestId(['9', '58', '10'])).toBe('58');
    expect(largestId(['9007199254740993', '9007199254740992'])).toBe('9007199254740993');
    expect(largestId([], '42')).toBe('42');
  });
});
