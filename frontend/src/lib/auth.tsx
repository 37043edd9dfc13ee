import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { apiFetch } from './http';

export type Role = 'ADMIN' | 'OPERATOR' | 'VIEWER';

/** The signed-in user, as `GET/POST /api/session` returns it. */
export interface SessionUser {
  id: string;
  username: string;
  role: Role;
  /** Signed in with a generated password: nothing but choosing a new one works until then. */
  mustChangePassword?: boolean;
}

export type SignInResult =
  | { ok: true; user: SessionUser }
  | { ok: false; code: 'INVALID_CREDENTIALS'; message?: string }
  | { ok: false; code: 'TOO_MANY_ATTEMPTS'; message?: string; retryAfterSeconds?: number }
  | { ok: false; code: 'SIGN_IN_BUSY'; message?: string }
  | { ok: false; code: 'UNKNOWN'; message?: string };

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

function asSessionUser(body: unknown): SessionUser | null {
  if (body && typeof body === 'object') {
    const { id, username, role, mustChangePassword } = body as Record<string, unknown>;
    if ((typeof id === 'string' || typeof id === 'number') && typeof username === 'string') {
      if (role === 'ADMIN' || role === 'OPERATOR' || role === 'VIEWER') {
        return { id: String(id), username, role, mustChangePassword: mustChangePassword === true };
      }
    }
  }
  return null;
}

/**
 * `GET /api/session`: the current user, or null when not signed in (204 No Content: not an HTTP
 * error, so a visitor's console stays clean; 401 from servers before that change).
 */
export async function fetchSession(): Promise<SessionUser | null> {
  const response = await apiFetch('/api/session', { method: 'GET' });
  if (response.status === 204 || response.status === 401) return null;
  if (!response.ok) throw new Error(`GET /api/session failed: ${response.status}`);
  return asSessionUser(await readJson(response));
}

/** `POST /api/session`. */
export async function signInRequest(username: string, password: string): Promise<SignInResult> {
  let response: Response;
  try {
    response = await apiFetch('/api/session', {
      method: 'POST',
      body: JSON.stringify({ username, password }),
    });
  } catch (error) {
    return { ok: false, code: 'UNKNOWN', message: String(error) };
  }
  const body = (await readJson(response)) as Record<string, unknown> | undefined;
  const message = typeof body?.message === 'string' ? body.message : undefined;
  if (response.ok) {
    const user = asSessionUser(body);
    return user ? { ok: true, user } : { ok: false, code: 'UNKNOWN', message };
  }
  // a username or password longer than any account can have is simply wrong (400 CREDENTIALS_TOO_LONG)
  if (response.status === 401 || (response.status === 400 && body?.code === 'CREDENTIALS_TOO_LONG')) {
    return { ok: false, code: 'INVALID_CREDENTIALS', message };
  }
  if (response.status === 503 && body?.code === 'SIGN_IN_BUSY') return { ok: false, code: 'SIGN_IN_BUSY', message };
  if (response.status === 429) {
    const retry = Number(body?.retryAfterSeconds ?? response.headers.get('Retry-After'));
    return {
      ok: false,
      code: 'TOO_MANY_ATTEMPTS',
      message,
      retryAfterSeconds: Number.isFinite(retry) && retry > 0 ? retry : undefined,
    };
  }
  return { ok: false, code: 'UNKNOWN', message };
}

export type PasswordChangeResult =
  | { ok: true; user: SessionUser }
  | { ok: false; code: string; field?: string | null; message?: string };

/** `POST /api/session/password`: the signed-in user replaces their password (required after a generated one). */
export async function changePasswordRequest(currentPassword: string, newPassword: string): Promise<PasswordChangeResult> {
  let response: Response;
  try {
    response = await apiFetch('/api/session/password', {
      method: 'POST',
      body: JSON.stringify({ currentPassword, newPassword }),
    });
  } catch (error) {
    return { ok: false, code: 'UNKNOWN', message: String(error) };
  }
  const body = (await readJson(response)) as Record<string, unknown> | undefined;
  if (response.ok) {
    const user = asSessionUser(body);
    if (user) return { ok: true, user };
  }
  const first = Array.isArray(body?.userErrors) ? (body.userErrors[0] as Record<string, unknown> | undefined) : undefined;
  return {
    ok: false,
    code: typeof body?.code === 'string' ? body.code : 'UNKNOWN',
    field: typeof first?.field === 'string' ? first.field : null,
    message: typeof body?.message === 'string' ? body.message : undefined,
  };
}

/** `DELETE /api/session`. */
export async function signOutRequest(): Promise<void> {
  await apiFetch('/api/session', { method: 'DELETE' });
}

export type AuthStatus = 'loading' | 'authenticated' | 'anonymous' | 'error';

export interface AuthContextValue {
  status: AuthStatus;
  user: SessionUser | null;
  signIn(username: string, password: string): Promise<SignInResult>;
  signOut(): Promise<void>;
  /** The server said the session is gone (401 / UNAUTHENTICATED): forget the user. */
  markSignedOut(): void;
  /** Asks the server again (after a failed first load). */
  reload(): void;
  /** The user chose a new password: take the server's updated user. */
  passwordChanged(user: SessionUser): void;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<AuthStatus>('loading');
  const [user, setUser] = useState<SessionUser | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    fetchSession().then(
      (current) => {
        if (cancelled) return;
        setUser(current);
        setStatus(current ? 'authenticated' : 'anonymous');
      },
      () => {
        if (!cancelled) setStatus('error');
      },
    );
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  const signIn = useCallback(async (username: string, password: string) => {
    const result = await signInRequest(username, password);
    if (result.ok) {
      setUser(result.user);
      setStatus('authenticated');
    }
    return result;
  }, []);

  const signOut = useCallback(async () => {
    try {
      await signOutRequest();
    } finally {
      setUser(null);
      setStatus('anonymous');
    }
  }, []);

  const markSignedOut = useCallback(() => {
    setUser(null);
    setStatus('anonymous');
  }, []);

  const reload = useCallback(() => {
    setStatus('loading');
    setAttempt((n) => n + 1);
  }, []);

  const passwordChanged = useCallback((next: SessionUser) => setUser(next), []);

  const value = useMemo<AuthContextValue>(
    () => ({ status, user, signIn, signOut, markSignedOut, reload, passwordChanged }),
    [status, user, signIn, signOut, markSignedOut, reload, passwordChanged],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/** What each role may do in the UI (the server enforces the same rules). */
export const permissions = {
  manageAccounts: (role: Role | undefined) => role === 'ADMIN' || role === 'OPERATOR',
  manageUsers: (role: Role | undefined) => role === 'ADMIN',
  useGraphiql: (role: Role | undefined) => role === 'ADMIN',
  /** Where an account's secrets go (API target and base URL). */
  changeAccountDestination: (role: Role | undefined) => role === 'ADMIN',
  /** The decrypted XML of WeChat's pushes (the server sends it to admins only). */
  viewRawXml: (role: Role | undefined) => role === 'ADMIN',
} as const;

export type Permission = keyof typeof permissions;

/** True when the signed-in user has the permission. */
export function useCan(permission: Permission): boolean {
  const { user } = useAuth();
  return permissions[permission](user?.role);
}
