import { App as AntdApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useEffect, useMemo } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Provider as UrqlProvider } from 'urql';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { FullPageSpin } from '../components/FullPageSpin';
import { AuthProvider, useAuth } from '../lib/auth';
import { createGraphqlClient } from '../lib/graphql';
import type { GraphqlClientOptions } from '../lib/graphql';
import { LiveStatusContext } from '../lib/liveStatus';
import '../lib/i18n';

export interface AppProvidersProps {
  children: ReactNode;
  /** Overrides for the GraphQL client (tests: no WebSocket). */
  graphql?: Pick<GraphqlClientOptions, 'url' | 'webSocketUrl'>;
}

/**
 * A fresh urql client per signed-in user: the cache never leaks between users, and
 * the WebSocket (authenticated by the session cookie at connect time) is reopened.
 */
function GraphqlProvider({ children, options }: { children: ReactNode; options?: AppProvidersProps['graphql'] }) {
  const { status, user, markSignedOut } = useAuth();
  const { message } = AntdApp.useApp();
  const { t } = useTranslation();
  const userId = user?.id ?? null;
  const url = options?.url;
  const webSocketUrl = options?.webSocketUrl;

  const handle = useMemo(
    () =>
      createGraphqlClient({
        url,
        webSocketUrl: userId ? webSocketUrl : null,
        onUnauthenticated: () => markSignedOut(),
        onForbidden: (operation) => {
          if (operation.kind === 'mutation') {
            void message.error({ content: t('common.forbidden.description'), key: 'forbidden' });
          }
        },
      }),
    // t/message are stable enough; a language switch must not drop the cache
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [userId, url, webSocketUrl, markSignedOut],
  );
  useEffect(() => () => handle.dispose(), [handle]);

  // No GraphQL before the session is known: the client depends on who is signed in.
  if (status === 'loading') return <FullPageSpin />;
  return (
    <UrqlProvider value={handle.client}>
      <LiveStatusContext.Provider value={handle.live}>{children}</LiveStatusContext.Provider>
    </UrqlProvider>
  );
}

/** antd (theme + locale following the UI language), auth session, GraphQL client. */
export function AppProviders({ children, graphql }: AppProvidersProps) {
  const { i18n } = useTranslation();
  const antdLocale = i18n.resolvedLanguage === 'en-US' ? enUS : zhCN;
  return (
    <ConfigProvider
      locale={antdLocale}
      // no "登 录" spacing: button names stay equal to their translations (a11y, e2e)
      button={{ autoInsertSpace: false }}
      theme={{ token: { colorPrimary: '#07c160', borderRadius: 6 } }}
    >
      <AntdApp>
        <ErrorBoundary>
          <AuthProvider>
            <GraphqlProvider options={graphql}>{children}</GraphqlProvider>
          </AuthProvider>
        </ErrorBoundary>
      </AntdApp>
    </ConfigProvider>
  );
}
