import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { CSRF_HEADER, CSRF_HEADER_VALUE, sameOriginUrl, sameOriginWebSocketUrl } from '../lib/http';

/** Standalone GraphiQL page (/graphiql/), same origin, signed in through the session cookie. */
const fetcher = createGraphiQLFetcher({
  url: sameOriginUrl('/graphql'),
  subscriptionUrl: sameOriginWebSocketUrl('/graphql'),
  headers: { [CSRF_HEADER]: CSRF_HEADER_VALUE },
  fetch: (input, init) => fetch(input, { ...init, credentials: 'same-origin' }),
});

createRoot(document.getElementById('graphiql')!).render(
  <StrictMode>
    <GraphiQL fetcher={fetcher} defaultEditorToolsVisibility />
  </StrictMode>,
);
