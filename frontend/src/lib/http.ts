/** Header every state-changing request to /graphql and /api/* must carry (sent on all). */
export const CSRF_HEADER = 'X-Fanmail-Csrf';
export const CSRF_HEADER_VALUE = '1';

/** Absolute URL on the page's own origin (Node's fetch in tests rejects relative URLs). */
export function sameOriginUrl(path: string): string {
  return new URL(path, window.location.href).toString();
}

/** ws(s)://host/path for the page's own origin. */
export function sameOriginWebSocketUrl(path: string): string {
  const url = new URL(path, window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

export function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set(CSRF_HEADER, CSRF_HEADER_VALUE);
  headers.set('Accept', 'application/json');
  if (init.body !== undefined && !headers.has('Content-Type')) {
    headers.set('Content-Type', 'application/json');
  }
  return fetch(sameOriginUrl(path), { ...init, headers, credentials: 'same-origin' });
}
