import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { AccountFieldsFragment, CallbackEventFieldsFragment } from '../../../gql/graphql';
import i18n from '../../../lib/i18n';
import {
  aCallbackEvent,
  admin,
  anAccount,
  api,
  callbackEventConnection,
  FakeSubscriptionServer,
  sessionAs,
  viewer,
} from '../../../test/handlers';
import { renderWithProviders, setupUser } from '../../../test/render';
import { server } from '../../../test/server';
import { AccountLayout } from '../../accounts';
import { EventsConsolePage } from './EventsConsolePage';

const text = aCallbackEvent({ id: '103', summary: 'Hello Fanmail' });
const follow = aCallbackEvent({
  id: '102',
  type: 'subscribe',
  msgType: 'event',
  event: 'subscribe',
  openid: 'oFan_follower',
  summary: 'qrscene_42',
  processedAt: null,
  fields: [
    { __typename: 'CallbackField', name: 'MsgType', value: 'event' },
    { __typename: 'CallbackField', name: 'Event', value: 'subscribe' },
    { __typename: 'CallbackField', name: 'EventKey', value: 'qrscene_42' },
  ],
});
const report = aCallbackEvent({
  id: '101',
  type: 'templatesendjobfinish',
  msgType: 'event',
  event: 'TEMPLATESENDJOBFINISH',
  summary: 'MsgID 7: success',
});

/** Serves the account, its pushes (filtered by `types`, paged by `after`) and no connection yet. */
function serveConsole({
  account = anAccount(),
  events = [text, follow, report],
  pageSize,
}: { account?: AccountFieldsFragment; events?: CallbackEventFieldsFragment[]; pageSize?: number } = {}) {
  const calls: { first?: number; after?: string | null; types?: string[] | null; excludeTypes?: string[] | null }[] = [];
  server.use(
    api.query('Account', ({ variables }) => HttpResponse.json({ data: { account: variables.id === account.id ? account : null } })),
    api.query('CallbackEvents', ({ variables }) => {
      calls.push(variables);
      const types = variables.types as string[] | null;
      const excluded = variables.excludeTypes as string[] | null;
      const matching = events.filter((e) => (!types?.length || types.includes(e.type)) && !excluded?.includes(e.type));
      const after = variables.after as string | null;
      const start = after ? matching.findIndex((e) => `cur-${e.id}` === after) + 1 : 0;
      const size = pageSize ?? (variables.first as number);
      const page = matching.slice(start, start + size);
      return HttpResponse.json({
        data: {
          callbackEvents: callbackEventConnection(page, {
            hasNextPage: start + size < matching.length,
            totalCount: matching.length,
          }),
        },
      });
    }),
  );
  return calls;
}

/** The console with delivery reports shown (they are hidden by default: see the test of that). */
function renderConsole(route = '/accounts/acc-1/events?reports=1') {
  renderWithProviders(
    <Routes>
      <Route path="/accounts/:id" element={<AccountLayout />}>
        <Route path="events" element={<EventsConsolePage />} />
        <Route index element={<h1>account page</h1>} />
      </Route>
    </Routes>,
    { route },
  );
}

/** The table's data rows (antd adds a hidden measure row), newest first. */
function rowKeys(): string[] {
  return Array.from(screen.getByTestId('events-table').querySelectorAll('tr[data-row-key]')).map(
    (row) => row.getAttribute('data-row-key') ?? '',
  );
}

function row(id: string): HTMLElement {
  const found = screen.getByTestId('events-table').querySelector(`tr[data-row-key="${id}"]`);
  if (!found) throw new Error(`no row ${id}`);
  return found as HTMLElement;
}

/** Clicks an option of the open antd Select dropdown. */
async function chooseOption(user: ReturnType<typeof setupUser>, title: string) {
  const option = await waitFor(() => {
    const found = document.querySelector(`.ant-select-dropdown .ant-select-item-option[title="${title}"]`);
    if (!found) throw new Error(`no option ${title}`);
    return found as HTMLElement;
  });
  await user.click(option);
}

async function subscribed(live: FakeSubscriptionServer) {
  await waitFor(() => expect(live.subscriptions.map((s) => s.operationName)).toContain('CallbackEventReceived'));
}

function push(live: FakeSubscriptionServer, event: CallbackEventFieldsFragment) {
  expect(live.emit('CallbackEventReceived', { callbackEventReceived: event })).toBe(1);
}

describe('EventsConsolePage', () => {
  it('lists the pushes newest first with translated types, the fan and the processing state', async () => {
    serveConsole();
    await i18n.changeLanguage('en-US');
    renderConsole();

    expect(await screen.findByRole('heading', { level: 1, name: /Fanmail Demo\s*Sandbox/ })).toBeInTheDocument();
    await waitFor(() => expect(rowKeys()).toEqual(['103', '102', '101']));
    expect(within(row('103')).getByText('Text')).toBeInTheDocument();
    expect(within(row('103')).getByText('Hello Fanmail')).toBeInTheDocument();
    expect(within(row('103')).getByText('Processed')).toBeInTheDocument();
    expect(within(row('102')).getByText('Follow')).toBeInTheDocument();
    expect(within(row('102')).getByText('oFan_follower')).toBeInTheDocument();
    expect(within(row('102')).getByRole('button', { name: 'Copy openid' })).toBeInTheDocument();
    expect(within(row('102')).getByText('Pending')).toBeInTheDocument();
    expect(within(row('101')).getByText('Template delivery report')).toBeInTheDocument();
    expect(screen.getByTestId('events-count')).toHaveTextContent('Showing 3 of 3');
    // one bar per type of the loaded pushes
    const chart = screen.getByTestId('events-chart');
    expect(within(chart).getAllByRole('listitem')).toHaveLength(3);
    expect(within(chart).getByTestId('events-chart-subscribe')).toHaveTextContent('Follow1');
    expect(await screen.findByTestId('live-indicator')).toHaveTextContent('Live');
  });

  it('puts a live push on top at once, highlighted, without reloading the list', async () => {
    const live = new FakeSubscriptionServer();
    server.use(live.handler);
    const calls = serveConsole();
    renderConsole();
    await waitFor(() => expect(rowKeys()).toEqual(['103', '102', '101']));
    await subscribed(live);

    push(live, aCallbackEvent({ id: '104', summary: 'Just now', openid: 'oFan_new' }));

    await waitFor(() => expect(rowKeys()).toEqual(['104', '103', '102', '101']));
    expect(within(row('104')).getByText('Just now')).toBeInTheDocument();
    expect(row('104')).toHaveClass('events-row-new');
    expect(row('103')).not.toHaveClass('events-row-new');
    expect(screen.getByTestId('events-count')).toHaveTextContent('显示 4 / 共 4 条');
    expect(within(screen.getByTestId('events-chart')).getByTestId('events-chart-text')).toHaveTextContent('2');
    expect(calls).toHaveLength(1);
    expect(screen.getByTestId('live-indicator')).toHaveAttribute('data-status', 'connected');
    expect(screen.getByTestId('live-indicator')).toHaveTextContent('实时');
  });

  it('asks the server for the filtered types and keeps non-matching live pushes out', async () => {
    const live = new FakeSubscriptionServer();
    server.use(live.handler);
    const calls = serveConsole();
    renderConsole('/accounts/acc-1/events?types=text');
    await waitFor(() => expect(rowKeys()).toEqual(['103']));
    expect(calls[0]).toMatchObject({ accountId: 'acc-1', types: ['text'], after: null });
    await subscribed(live);

    push(live, aCallbackEvent({ id: '110', type: 'click', msgType: 'event', event: 'CLICK', summary: 'V1001_GOOD' }));
    push(live, aCallbackEvent({ id: '111', summary: 'text after click' }));

    await waitFor(() => expect(rowKeys()).toEqual(['111', '103']));
    expect(screen.queryByText('V1001_GOOD')).not.toBeInTheDocument();
  });

  it('has the server leave delivery reports out unless the switch shows them, and remembers that in the URL', async () => {
    const unknown = aCallbackEvent({ id: '100', type: 'some_future_event', msgType: 'event', event: 'some_future_event', summary: '' });
    const calls = serveConsole({ events: [text, follow, report, unknown] });
    await i18n.changeLanguage('en-US');
    renderConsole('/accounts/acc-1/events');
    await waitFor(() => expect(rowKeys()).toEqual(['103', '102', '100']));
    expect(calls[0]).toMatchObject({ types: null, excludeTypes: ['templatesendjobfinish'] });
    const user = setupUser();

    await user.click(screen.getByRole('switch', { name: 'Show delivery reports' }));

    await waitFor(() => expect(rowKeys()).toEqual(['103', '102', '101', '100']));
    expect(calls.at(-1)).toMatchObject({ types: null, excludeTypes: null });
    expect(screen.getByTestId('location')).toHaveTextContent('/accounts/acc-1/events?reports=1');
  });

  it('changes the filter from the grouped select and remembers it in the URL', async () => {
    const calls = serveConsole();
    await i18n.changeLanguage('en-US');
    renderConsole();
    await waitFor(() => expect(rowKeys()).toHaveLength(3));
    const user = setupUser();

    await user.click(within(screen.getByTestId('events-filter')).getByRole('combobox', { name: 'Filter by type' }));
    expect(await screen.findByText('Messages')).toBeInTheDocument();
    expect(screen.getByText('Location report')).toBeInTheDocument();
    await chooseOption(user, 'Follow');

    await waitFor(() => expect(rowKeys()).toEqual(['102']));
    expect(calls.at(-1)).toMatchObject({ types: ['subscribe'] });
    expect(screen.getByTestId('location')).toHaveTextContent('/accounts/acc-1/events?reports=1&types=subscribe');
  });

  it('loads older pushes with the cursor of the last one', async () => {
    const events = Array.from({ length: 5 }, (_, i) => aCallbackEvent({ id: String(200 - i), summary: `message ${i}` }));
    const calls = serveConsole({ events, pageSize: 3 });
    renderConsole();
    await waitFor(() => expect(rowKeys()).toEqual(['200', '199', '198']));
    const user = setupUser();

    await user.click(screen.getByTestId('events-load-older'));

    await waitFor(() => expect(rowKeys()).toEqual(['200', '199', '198', '197', '196']));
    expect(calls.at(-1)).toMatchObject({ after: 'cur-198' });
    expect(screen.queryByTestId('events-load-older')).not.toBeInTheDocument();
  });

  it('expands a push into its parsed fields and, for an admin, the raw XML', async () => {
    server.use(sessionAs(admin));
    serveConsole({ events: [aCallbackEvent({ id: '103', rawXml: '<xml><Content><![CDATA[Hello Fanmail]]></Content></xml>' })] });
    renderConsole();
    await waitFor(() => expect(rowKeys()).toEqual(['103']));
    const user = setupUser();

    await user.click(within(row('103')).getByText('Hello Fanmail'));

    const details = await screen.findByTestId('event-details-103');
    expect(within(details).getByText('ToUserName')).toBeInTheDocument();
    expect(within(details).getByText('gh_0123456789ab')).toBeInTheDocument();
    await user.click(within(details).getByText('原始 XML'));
    expect(await screen.findByTestId('event-raw-xml')).toHaveTextContent('<xml><Content><![CDATA[Hello Fanmail]]></Content></xml>');
  });

  it('keeps the table at the page width when a push with long values is expanded', async () => {
    server.use(sessionAs(admin));
    const long = 'x'.repeat(5000);
    serveConsole({
      events: [
        aCallbackEvent({
          id: '103',
          summary: long,
          fields: [{ __typename: 'CallbackField', name: 'Content', value: long }],
          rawXml: `<xml><Content><![CDATA[${long}]]></Content></xml>`,
        }),
      ],
    });
    renderConsole();
    await waitFor(() => expect(rowKeys()).toEqual(['103']));
    const user = setupUser();

    await user.click(within(row('103')).getByText(long));
    await screen.findByTestId('event-details-103');

    // jsdom has no layout: check what decides the width in a browser (the e2e test measures it)
    const table = screen.getByTestId('events-table');
    expect(table.querySelector('.ant-table-scroll-horizontal')).toBeNull();
    const tables = [...table.querySelectorAll('table')].filter((t) => !t.closest('[data-testid^="event-details"]'));
    expect(tables.length).toBeGreaterThan(0);
    for (const element of tables) {
      expect(element.style.tableLayout).toBe('fixed');
      expect(element.style.width).not.toBe('max-content');
    }
  });

  it('never shows raw XML, the simulator or the connection test to a VIEWER', async () => {
    server.use(sessionAs(viewer));
    // even if the server sent it, a viewer's UI has no place for it
    serveConsole({ events: [aCallbackEvent({ id: '103', rawXml: '<xml>secret</xml>' })] });
    renderConsole();
    await waitFor(() => expect(rowKeys()).toEqual(['103']));
    const user = setupUser();

    await user.click(within(row('103')).getByText('Hello Fanmail'));

    const details = await screen.findByTestId('event-details-103');
    expect(within(details).getByText('Content')).toBeInTheDocument();
    expect(screen.queryByText('原始 XML')).not.toBeInTheDocument();
    expect(screen.queryByTestId('event-raw-xml')).not.toBeInTheDocument();
    expect(screen.queryByText(/secret/)).not.toBeInTheDocument();
    expect(screen.queryByTestId('simulate-submit')).not.toBeInTheDocument();
    expect(screen.queryByTestId('connection-test')).not.toBeInTheDocument();
    expect(await screen.findByTestId('wechat-connection')).toHaveTextContent('尚未检查');
  });

  it('simulates a fan message and shows a translated userError', async () => {
    serveConsole();
    let input: Record<string, unknown> | undefined;
    server.use(
      api.mutation('SandboxFanActivitySimulate', ({ variables }) => {
        input = variables.input as Record<string, unknown>;
        return HttpResponse.json({
          data: {
            sandboxFanActivitySimulate: {
              __typename: 'SandboxFanActivitySimulatePayload',
              pushed: null,
              openid: null,
              userErrors: [
                { __typename: 'UserError', code: 'NOT_A_SANDBOX_ACCOUNT', field: 'accountId', message: 'Not a sandbox account' },
              ],
            },
          },
        });
      }),
    );
    renderConsole();
    const user = setupUser();

    expect(await screen.findByTestId('simulate-activity')).toHaveTextContent('发送文本');
    await user.type(screen.getByTestId('simulate-content'), '你好');
    await user.click(screen.getByTestId('simulate-submit'));

    expect(await screen.findByRole('alert')).toHaveTextContent('只有沙箱公众号可以模拟粉丝行为。');
    expect(input).toEqual({ accountId: 'acc-1', activity: 'TEXT', content: '你好', openid: null, eventKey: null });
  });

  it('sends the EventKey of a menu click and confirms the push', async () => {
    serveConsole();
    let input: Record<string, unknown> | undefined;
    server.use(
      api.mutation('SandboxFanActivitySimulate', ({ variables }) => {
        input = variables.input as Record<string, unknown>;
        return HttpResponse.json({
          data: {
            sandboxFanActivitySimulate: {
              __typename: 'SandboxFanActivitySimulatePayload',
              pushed: true,
              openid: 'oFan_sandbox_7',
              userErrors: [],
            },
          },
        });
      }),
    );
    await i18n.changeLanguage('en-US');
    renderConsole();
    const user = setupUser();

    await user.click(within(await screen.findByTestId('simulate-activity')).getByRole('combobox'));
    await chooseOption(user, 'Click a menu item');
    expect(screen.queryByTestId('simulate-content')).not.toBeInTheDocument();
    await user.type(screen.getByTestId('simulate-event-key'), 'V1001_GOOD');
    await user.type(screen.getByTestId('simulate-openid'), 'oFan_sandbox_7');
    await user.click(screen.getByTestId('simulate-submit'));

    expect(await screen.findByText('The sandbox pushed the callback (fan oFan_sandbox_7)')).toBeInTheDocument();
    expect(input).toEqual({
      accountId: 'acc-1',
      activity: 'CLICK',
      openid: 'oFan_sandbox_7',
      content: null,
      eventKey: 'V1001_GOOD',
    });
  });

  it('offers no simulator for an account on real WeChat', async () => {
    serveConsole({ account: anAccount({ apiTarget: 'WECHAT' }) });
    renderConsole();
    expect(await screen.findByRole('heading', { level: 1, name: /Fanmail Demo\s*微信/ })).toBeInTheDocument();
    await waitFor(() => expect(rowKeys()).toHaveLength(3));
    expect(screen.queryByTestId('simulate-submit')).not.toBeInTheDocument();
    expect(screen.getByTestId('connection-test')).toBeInTheDocument();
  });

  it('says "reconnecting" when the WebSocket drops', async () => {
    const live = new FakeSubscriptionServer();
    server.use(live.handler);
    serveConsole();
    renderConsole();
    await subscribed(live);
    await waitFor(() => expect(screen.getByTestId('live-indicator')).toHaveAttribute('data-status', 'connected'));

    expect(live.disconnectAll()).toBe(1);

    await waitFor(() => expect(screen.getByTestId('live-indicator')).toHaveAttribute('data-status', 'reconnecting'));
    expect(screen.getByTestId('live-indicator')).toHaveTextContent('重新连接中…');
    // the list stays as it was
    expect(rowKeys()).toEqual(['103', '102', '101']);
  });

  it('says when the live subscription failed and subscribes again on retry', async () => {
    const live = new FakeSubscriptionServer();
    server.use(live.handler);
    serveConsole();
    renderConsole();
    await subscribed(live);
    // the account layout subscribes to account changes too: fail the events subscription
    const first = live.subscriptions.find((s) => s.operationName === 'CallbackEventReceived')!;
    const user = setupUser();

    first.client.send(
      JSON.stringify({ id: first.id, type: 'error', payload: [{ message: 'No', extensions: { code: 'FORBIDDEN' } }] }),
    );

    await waitFor(() => expect(screen.getByTestId('live-indicator')).toHaveAttribute('data-status', 'failed'));
    expect(screen.getByTestId('live-indicator')).toHaveTextContent('实时更新已中断');
    await user.click(screen.getByRole('button', { name: '重试' }));

    await waitFor(() =>
      expect(live.subscriptions.filter((s) => s.operationName === 'CallbackEventReceived')).toHaveLength(2),
    );
    await waitFor(() => expect(screen.getByTestId('live-indicator')).toHaveAttribute('data-status', 'connected'));
  });

  it('says when the account does not exist', async () => {
    serveConsole();
    renderConsole('/accounts/acc-404/events');
    expect(await screen.findByText('该公众号不存在（可能已被删除）。')).toBeInTheDocument();
  });
});
