import { graphql, http, HttpResponse, ws } from 'msw';
import type { WebSocketHandler } from 'msw';
import type {
  AccountFieldsFragment,
  CallbackEventFieldsFragment,
  TemplateFieldsFragment,
  TemplateIndustryFieldsFragment,
  TemplateSetupFieldsFragment,
  UserFieldsFragment,
  WeChatConnectionFieldsFragment,
} from '../gql/graphql';
import type { SessionUser } from '../lib/auth';

export const api = graphql.link('http://localhost:3000/graphql');

export const operator: SessionUser = { id: 'u-2', username: 'olivia', role: 'OPERATOR' };
export const admin: SessionUser = { id: 'u-1', username: 'admin', role: 'ADMIN' };
export const viewer: SessionUser = { id: 'u-3', username: 'victor', role: 'VIEWER' };

/** `GET /api/session` answers with this user (null = 204, nobody signed in, as the server does). */
export function sessionAs(user: SessionUser | null) {
  return http.get('*/api/session', () => (user ? HttpResponse.json(user) : new HttpResponse(null, { status: 204 })));
}

export function anAccount(overrides: Partial<AccountFieldsFragment> = {}): AccountFieldsFragment {
  return {
    __typename: 'Account',
    id: 'acc-1',
    name: 'Fanmail Demo',
    originalId: 'gh_0123456789ab',
    appId: 'wx0123456789abcdef',
    type: 'SERVICE',
    verified: true,
    encryptionMode: 'SAFE',
    apiTarget: 'SANDBOX',
    apiBaseUrl: '',
    status: 'ACTIVE',
    callbackUrl: 'https://fanmail.example.com/wechat/callback/acc-1',
    appSecretSet: true,
    tokenSet: true,
    encodingAesKeySet: false,
    createdAt: '2026-11-01T08:00:00Z',
    updatedAt: '2026-11-02T09:30:00Z',
    ...overrides,
  };
}

export function aUser(overrides: Partial<UserFieldsFragment> = {}): UserFieldsFragment {
  return {
    __typename: 'User',
    id: 'u-9',
    username: 'someone',
    role: 'VIEWER',
    enabled: true,
    createdAt: '2026-10-01T08:00:00Z',
    lastSignInAt: null,
    ...overrides,
  };
}

export function aCallbackEvent(overrides: Partial<CallbackEventFieldsFragment> = {}): CallbackEventFieldsFragment {
  return {
    __typename: 'CallbackEvent',
    id: '100',
    accountId: 'acc-1',
    type: 'text',
    msgType: 'text',
    event: null,
    openid: 'oFan_0000000000000000000001',
    createdAt: '2026-11-05T08:00:00Z',
    receivedAt: '2026-11-05T08:00:01Z',
    processedAt: '2026-11-05T08:00:02Z',
    summary: 'Hello Fanmail',
    fields: [
      { __typename: 'CallbackField', name: 'ToUserName', value: 'gh_0123456789ab' },
      { __typename: 'CallbackField', name: 'MsgType', value: 'text' },
      { __typename: 'CallbackField', name: 'Content', value: 'Hello Fanmail' },
    ],
    rawXml: null,
    ...overrides,
  };
}

/** A `callbackEvents` answer; cursors are `cur-<id>`. */
export function callbackEventConnection(
  events: CallbackEventFieldsFragment[],
  { hasNextPage = false, totalCount = events.length }: { hasNextPage?: boolean; totalCount?: number } = {},
) {
  return {
    __typename: 'CallbackEventConnection',
    totalCount,
    pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor: events.length ? `cur-${events.at(-1)?.id}` : null },
    edges: events.map((node) => ({ __typename: 'CallbackEventEdge', cursor: `cur-${node.id}`, node })),
  };
}

export function aConnection(overrides: Partial<WeChatConnectionFieldsFragment> = {}): WeChatConnectionFieldsFragment {
  return {
    __typename: 'WeChatConnection',
    accountId: 'acc-1',
    connected: true,
    tokenExpiresAt: '2026-11-05T10:00:00Z',
    refreshCount: 3,
    lastErrorCode: null,
    lastError: null,
    failedAt: null,
    retryAfter: null,
    ...overrides,
  };
}

export function anIndustry(overrides: Partial<TemplateIndustryFieldsFragment> = {}): TemplateIndustryFieldsFragment {
  return {
    __typename: 'TemplateIndustry',
    id: 1,
    firstClass: 'IT科技',
    firstClassEn: 'IT',
    secondClass: '互联网|电子商务',
    secondClassEn: 'Internet / e-commerce',
    ...overrides,
  };
}

export function aTemplateSetup(overrides: Partial<TemplateSetupFieldsFragment> = {}): TemplateSetupFieldsFragment {
  return {
    __typename: 'TemplateSetup',
    accountId: 'acc-1',
    eligible: true,
    reason: null,
    nextIndustryChangeAt: null,
    templateCount: 1,
    templateLimit: 25,
    primaryIndustry: anIndustry(),
    secondaryIndustry: anIndustry({ id: 2, secondClass: 'IT软件与服务', secondClassEn: 'IT software and services' }),
    ...overrides,
  };
}

export function aTemplate(overrides: Partial<TemplateFieldsFragment> = {}): TemplateFieldsFragment {
  return {
    __typename: 'Template',
    id: 'tpl-1',
    accountId: 'acc-1',
    templateId: 'iPk5sOIt5X_flOVKn5GrTFpncEYTojx6ddbt8WYoV5s',
    title: '订单发货通知',
    primaryIndustry: 'IT科技',
    deputyIndustry: '互联网|电子商务',
    industry: anIndustry(),
    content: '商品名称：{{thing1.DATA}}\n订单号：{{character_string2.DATA}}',
    example: '商品名称：Fanmail 马克杯\n订单号：20261105001',
    syncedAt: '2026-11-05T08:00:00Z',
    fields: [
      { __typename: 'TemplateFieldInfo', key: 'thing1', label: '商品名称', legacy: false, type: 'THING' },
      { __typename: 'TemplateFieldInfo', key: 'character_string2', label: '订单号', legacy: false, type: 'CHARACTER_STRING' },
    ],
    ...overrides,
  };
}

/** A `templates` answer; cursors are `cur-<id>`. */
export function templateConnection(templates: TemplateFieldsFragment[]) {
  return {
    __typename: 'TemplateConnection',
    totalCount: templates.length,
    pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: templates.length ? `cur-${templates.at(-1)?.id}` : null },
    edges: templates.map((node) => ({ __typename: 'TemplateEdge', cursor: `cur-${node.id}`, node })),
  };
}

export const graphqlWs = ws.link('ws://localhost:3000/graphql');

type WsClient = Parameters<Parameters<typeof graphqlWs.addEventListener<'connection'>>[1]>[0]['client'];

/**
 * A minimal graphql-transport-ws server on the mocked WebSocket: acknowledges the
 * connection, records subscriptions and lets a test push `next` messages.
 */
export class FakeSubscriptionServer {
  readonly subscriptions: { client: WsClient; id: string; operationName?: string }[] = [];
  readonly handler: WebSocketHandler;

  constructor() {
    this.handler = graphqlWs.addEventListener('connection', ({ client }) => {
      client.addEventListener('message', (event) => {
        const message = JSON.parse(String(event.data)) as {
          type: string;
          id?: string;
          payload?: { operationName?: string; query?: string };
        };
        if (message.type === 'connection_init') client.send(JSON.stringify({ type: 'connection_ack' }));
        else if (message.type === 'ping') client.send(JSON.stringify({ type: 'pong' }));
        else if (message.type === 'subscribe' && message.id) {
          const name = message.payload?.operationName ?? /subscription\s+(\w+)/.exec(message.payload?.query ?? '')?.[1];
          this.subscriptions.push({ client, id: message.id, operationName: name });
        } else if (message.type === 'complete') {
          const index = this.subscriptions.findIndex((s) => s.client === client && s.id === message.id);
          if (index >= 0) this.subscriptions.splice(index, 1);
        }
      });
    });
  }

  /** Closes every client's socket as a server going away would (clients reconnect). */
  disconnectAll(code = 1001) {
    const clients = new Set(this.subscriptions.map((s) => s.client));
    this.subscriptions.length = 0;
    clients.forEach((client) => client.close(code, 'Going away'));
    return clients.size;
  }

  /** Sends `data` to every subscriber of the named subscription operation. */
  emit(operationName: string, data: unknown): number {
    const targets = this.subscriptions.filter((s) => s.operationName === operationName);
    for (const { client, id } of targets) {
      client.send(JSON.stringify({ id, type: 'next', payload: { data } }));
    }
    return targets.length;
  }
}

export const defaultHandlers = [
  new FakeSubscriptionServer().handler,
  sessionAs(operator),
  http.delete('*/api/session', () => new HttpResponse(null, { status: 204 })),
  // the accounts/:id layout route loads the account: any id exists, unless a test says otherwise
  api.query('Account', ({ variables }) => HttpResponse.json({ data: { account: anAccount({ id: String(variables.id) }) } })),
  // the account page shows the WeChat connection card: none yet, unless a test says so
  api.query('WeChatConnection', () => HttpResponse.json({ data: { weChatConnection: null } })),
  // admins' events console asks for dead letters: none, unless a test says so
  api.query('CallbackDeadLetters', () =>
    HttpResponse.json({ data: { callbackDeadLetters: { __typename: 'CallbackDeadLetterConnection', totalCount: 0, edges: [] } } }),
  ),
];
