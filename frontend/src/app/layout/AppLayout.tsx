import {
  ApiOutlined,
  CloudUploadOutlined,
  DownOutlined,
  FileTextOutlined,
  FilterOutlined,
  PictureOutlined,
  HistoryOutlined,
  KeyOutlined,
  LogoutOutlined,
  MailOutlined,
  ProfileOutlined,
  SendOutlined,
  TagsOutlined,
  TeamOutlined,
  ThunderboltOutlined,
  UserOutlined,
  UsergroupAddOutlined,
} from '@ant-design/icons';
import { Button, Dropdown, Layout, Menu, Space, Tag, Typography, theme } from 'antd';
import type { MenuProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, matchPath, useLocation, useNavigate } from 'react-router';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { ChangePasswordModal } from '../../features/users';
import { permissions, useAuth } from '../../lib/auth';

const { Header, Sider, Content } = Layout;

/** Side menu + header (product name, language, user menu) around the routed page. */
export function AppLayout() {
  const { t } = useTranslation();
  const { user, signOut } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const [changingPassword, setChangingPassword] = useState(false);
  const { token } = theme.useToken();
  const role = user?.role;
  // on an account's pages, its events console is one click away (it needs the account)
  const accountId = matchPath('/accounts/:id/*', location.pathname)?.params.id;
  const eventsPath = accountId && accountId !== 'new' ? `/accounts/${accountId}/events` : null;
  const templatesPath = accountId && accountId !== 'new' ? `/accounts/${accountId}/templates` : null;
  // the account's audiences pages: fans, tags, uploads, segments
  const audiencePaths =
    accountId && accountId !== 'new'
      ? [
          { key: `/accounts/${accountId}/fans`, icon: <UsergroupAddOutlined aria-hidden />, label: t('nav.fans'), testId: 'nav-fans' },
          { key: `/accounts/${accountId}/tags`, icon: <TagsOutlined aria-hidden />, label: t('nav.tags'), testId: 'nav-tags' },
          { key: `/accounts/${accountId}/uploads`, icon: <CloudUploadOutlined aria-hidden />, label: t('nav.uploads'), testId: 'nav-uploads' },
          { key: `/accounts/${accountId}/segments`, icon: <FilterOutlined aria-hidden />, label: t('nav.segments'), testId: 'nav-segments' },
        ]
      : [];
  // the account's content: the material library and the news (图文) drafts
  const contentPaths =
    accountId && accountId !== 'new'
      ? [
          { key: `/accounts/${accountId}/materials`, icon: <PictureOutlined aria-hidden />, label: t('nav.materials'), testId: 'nav-materials' },
          { key: `/accounts/${accountId}/news`, icon: <FileTextOutlined aria-hidden />, label: t('nav.news'), testId: 'nav-news' },
        ]
      : [];
  // the account's sending pages: a new template send, and the sent history (a job's page belongs to it)
  const sendPaths =
    accountId && accountId !== 'new'
      ? [
          ...(permissions.manageAccounts(role)
            ? [{ key: `/accounts/${accountId}/dispatch/new`, icon: <SendOutlined aria-hidden />, label: t('nav.sendTemplate'), testId: 'nav-send' }]
            : []),
          { key: `/accounts/${accountId}/history`, icon: <HistoryOutlined aria-hidden />, label: t('nav.history'), testId: 'nav-history' },
        ]
      : [];

  const menuItems: MenuProps['items'] = [
    { key: '/accounts', icon: <MailOutlined aria-hidden />, label: <Link to="/accounts">{t('nav.accounts')}</Link> },
    ...(eventsPath
      ? [
          {
            key: eventsPath,
            icon: <ThunderboltOutlined aria-hidden />,
            label: <Link to={eventsPath}>{t('nav.eventsConsole')}</Link>,
          },
        ]
      : []),
    ...(templatesPath
      ? [
          {
            key: templatesPath,
            icon: <ProfileOutlined aria-hidden />,
            label: <Link to={templatesPath}>{t('nav.templates')}</Link>,
          },
        ]
      : []),
    ...[...audiencePaths, ...contentPaths, ...sendPaths].map(({ key, icon, label, testId }) => ({
      key,
      icon,
      label: (
        <Link to={key} data-testid={testId}>
          {label}
        </Link>
      ),
    })),
    {
      key: '/history',
      icon: <HistoryOutlined aria-hidden />,
      label: (
        <Link to="/history" data-testid="nav-all-history">
          {t('nav.allHistory')}
        </Link>
      ),
    },
    ...(permissions.manageUsers(role)
      ? [{ key: '/users', icon: <TeamOutlined aria-hidden />, label: <Link to="/users">{t('nav.users')}</Link> }]
      : []),
    ...(permissions.useGraphiql(role)
      ? [
          {
            key: 'graphiql',
            icon: <ApiOutlined aria-hidden />,
            label: (
              <a href="/graphiql/" target="_blank" rel="noopener noreferrer">
                {t('nav.graphiql')}
              </a>
            ),
          },
        ]
      : []),
  ];
  const selected =
    eventsPath && location.pathname === eventsPath
      ? eventsPath
      : templatesPath && location.pathname.startsWith(templatesPath)
        ? templatesPath
        : accountId && location.pathname.startsWith(`/accounts/${accountId}/dispatch/jobs/`)
          ? `/accounts/${accountId}/history`
          : ([...audiencePaths, ...contentPaths, ...sendPaths].find(({ key }) => location.pathname === key || location.pathname.startsWith(`${key}/`))?.key ??
            ['/accounts', '/users', '/history'].find((prefix) => location.pathname.startsWith(prefix)));

  const userMenu: MenuProps = {
    items: [
      {
        key: 'password',
        icon: <KeyOutlined aria-hidden />,
        label: <span data-testid="change-password">{t('users.changePassword.menu')}</span>,
      },
      { type: 'divider' },
      {
        key: 'signOut',
        icon: <LogoutOutlined aria-hidden />,
        label: <span data-testid="sign-out">{t('auth.signOut')}</span>,
      },
    ],
    onClick: ({ key }) => {
      if (key === 'password') setChangingPassword(true);
      if (key === 'signOut') {
        void signOut().then(() => navigate('/login', { replace: true }));
      }
    },
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider breakpoint="lg" collapsedWidth={0} theme="light" style={{ borderRight: `1px solid ${token.colorBorderSecondary}` }}>
        <div style={{ height: 64, display: 'flex', alignItems: 'center', paddingInline: 24 }}>
          <Typography.Text strong style={{ fontSize: 18, color: token.colorPrimary }}>
            Fanmail
          </Typography.Text>
        </div>
        <nav aria-label={t('nav.main')}>
          <Menu mode="inline" items={menuItems} selectedKeys={selected ? [selected] : []} style={{ borderInlineEnd: 0 }} />
        </nav>
      </Sider>
      <Layout>
        <Header
          style={{
            background: token.colorBgContainer,
            paddingInline: 24,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          <Typography.Text strong style={{ fontSize: 16 }}>
            Fanmail <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
          </Typography.Text>
          <Space size="middle">
            <LanguageSwitch />
            <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
              <Button
                type="text"
                data-testid="user-menu"
                aria-haspopup="menu"
                icon={<UserOutlined aria-hidden />}
              >
                <Space size={6}>
                  <span>{user?.username}</span>
                  {role && <Tag style={{ marginInlineEnd: 0 }}>{t(`users.roles.${role}`)}</Tag>}
                  <DownOutlined style={{ fontSize: 10 }} aria-hidden />
                </Space>
              </Button>
            </Dropdown>
          </Space>
        </Header>
        <Content style={{ padding: 24 }}>
          <main>
            <Outlet />
          </main>
        </Content>
      </Layout>
      <ChangePasswordModal open={changingPassword} onClose={() => setChangingPassword(false)} />
    </Layout>
  );
}
