import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { FullPageSpin } from '../../components/FullPageSpin';
import { ChangePasswordPage } from '../../features/auth';
import { useAuth, useCan } from '../../lib/auth';
import type { Permission } from '../../lib/auth';
import { ForbiddenPage } from './ForbiddenPage';

/** Signed-in users only; others go to /login and come back afterwards. */
export function RequireAuth({ children }: { children?: ReactNode }) {
  const { status, user, reload } = useAuth();
  const location = useLocation();
  const { t } = useTranslation();
  if (status === 'loading') return <FullPageSpin />;
  if (status === 'error') {
    return (
      <Result
        status="error"
        title={t('common.errors.network')}
        extra={
          <Button type="primary" onClick={reload}>
            {t('common.actions.retry')}
          </Button>
        }
      />
    );
  }
  if (status === 'anonymous') return <Navigate to="/login" replace state={{ from: location }} />;
  // a generated password: the server refuses everything else until a new one is chosen
  if (user?.mustChangePassword) return <ChangePasswordPage />;
  return children ?? <Outlet />;
}

/** Shows the "no permission" page unless the user's role allows `permission`. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  return useCan(permission) ? children : <ForbiddenPage />;
}
