import { DeleteOutlined, SyncOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Input, Popconfirm, Tabs } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { PageHeader } from '../../../components/PageHeader';
import type { MaterialFieldsFragment, MaterialKind } from '../../../gql/graphql';
import { useCan } from '../../../lib/auth';
import { useCurrentAccount } from '../../../lib/currentAccount';
import { MaterialDeleteMutation, MaterialLibraryQuery, MaterialSyncStartMutation } from '../api/operations';
import { MATERIAL_KINDS, translateMaterialError } from '../rules';
import { MaterialGrid } from './MaterialGrid';
import { MaterialSyncStatus } from './MaterialSyncStatus';
import { MaterialUploadButton } from './MaterialUploadButton';

/** How often the library is asked for again while a sync runs. */
const POLL_MS = 1000;

function isKind(value: string | null): value is MaterialKind {
  return value !== null && (MATERIAL_KINDS as readonly string[]).includes(value);
}

/** `/accounts/:id/materials`: the permanent library per kind (counts against WeChat's caps), uploads, deletes, sync. */
export function MaterialsPage() {
  const { account } = useCurrentAccount();
  const accountId = account.id;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canChange = useCan('manageAccounts');
  const [params, setParams] = useSearchParams();
  const kindParam = params.get('kind');
  const kind: MaterialKind = isKind(kindParam) ? kindParam : 'IMAGE';
  const [search, setSearch] = useState('');
  const [refreshKey, setRefreshKey] = useState(0);
  const [{ data: library, error: libraryError }, reexecuteLibrary] = useQuery({
    query: MaterialLibraryQuery,
    variables: { accountId },
    requestPolicy: 'cache-and-network',
  });
  const [{ fetching: starting }, startSync] = useMutation(MaterialSyncStartMutation);
  const [, remove] = useMutation(MaterialDeleteMutation);
  const kinds = library?.materialLibrary.kinds ?? [];
  const rule = kinds.find((k) => k.kind === kind);
  const lastSync = library?.materialLibrary.lastSync;
  const running = lastSync?.status === 'RUNNING';

  const reloadLibrary = useCallback(() => reexecuteLibrary({ requestPolicy: 'network-only' }), [reexecuteLibrary]);
  const refresh = useCallback(() => {
    setRefreshKey((key) => key + 1);
    reloadLibrary();
  }, [reloadLibrary]);

  // poll while a sync runs; when it ends, the grid shows what it added and removed
  const wasRunning = useRef(false);
  useEffect(() => {
    if (running) {
      wasRunning.current = true;
      const timer = window.setInterval(reloadLibrary, POLL_MS);
      return () => window.clearInterval(timer);
    }
    if (wasRunning.current) {
      wasRunning.current = false;
      setRefreshKey((key) => key + 1);
    }
  }, [running, reloadLibrary]);

  const sync = async () => {
    const result = await startSync({ input: { accountId } });
    const payload = result.data?.materialSyncStart;
    if (result.error || !payload) message.error(t('common.errors.saveFailed'));
    else if (payload.userErrors.length > 0) message.error(payload.userErrors.map((e) => translateMaterialError(t, e)).join(' '));
    reloadLibrary();
  };

  const deleteMaterial = async (material: MaterialFieldsFragment) => {
    const result = await remove({ input: { id: material.id } });
    const payload = result.data?.materialDelete;
    if (result.error || !payload) message.error(t('common.errors.saveFailed'));
    else if (payload.userErrors.length > 0) message.error(payload.userErrors.map((e) => translateMaterialError(t, e)).join(' '));
    else {
      message.success(t('materials.delete.done', { name: material.name }));
      refresh();
    }
  };

  const actionsOf = (material: MaterialFieldsFragment) =>
    canChange
      ? [
          <Popconfirm
            key="delete"
            title={t('materials.delete.confirm', { name: material.name })}
            description={t('materials.delete.hint')}
            okText={t('materials.delete.button')}
            cancelText={t('common.actions.cancel')}
            okButtonProps={{ danger: true, 'data-testid': 'material-delete-confirm' }}
            onConfirm={() => deleteMaterial(material)}
          >
            <Button type="text" danger size="small" icon={<DeleteOutlined aria-hidden />} data-testid={`material-delete-${material.id}`}>
              {t('materials.delete.button')}
            </Button>
          </Popconfirm>,
        ]
      : undefined;

  return (
    <>
      <PageHeader
        title={account.name}
        subtitle={t('materials.title')}
        extra={
          canChange && (
            <Button icon={<SyncOutlined spin={running} aria-hidden />} loading={starting} disabled={running} onClick={sync} data-testid="material-sync">
              {running ? t('materials.sync.runningButton') : t('materials.sync.button')}
            </Button>
          )
        }
      />
      <Flex vertical gap={12}>
        {library && <MaterialSyncStatus sync={lastSync} />}
        {libraryError && !library && <Alert type="error" showIcon message={t('common.errors.loadFailed')} />}
        <Card size="small">
          <Tabs
            activeKey={kind}
            destroyOnHidden
            onChange={(key) => {
              setSearch('');
              setParams((current) => {
                const next = new URLSearchParams(current);
                next.set('kind', key);
                return next;
              });
            }}
            items={MATERIAL_KINDS.map((k) => {
              const counts = kinds.find((c) => c.kind === k);
              return {
                key: k,
                label: (
                  <span data-testid={`materials-tab-${k}`}>
                    {t(`materials.kinds.${k}`)}
                    {counts && (
                      <span className="materials-tab-count" data-testid={`materials-count-${k}`}>
                        {' '}
                        {counts.count}/{counts.cap}
                      </span>
                    )}
                  </span>
                ),
                children: (
                  <Flex vertical gap={16}>
                    <Flex justify="space-between" align="start" gap={12} wrap>
                      <Input.Search
                        allowClear
                        style={{ maxWidth: 320 }}
                        placeholder={t('materials.list.search')}
                        aria-label={t('materials.list.search')}
                        data-testid="materials-search"
                        onSearch={(value) => setSearch(value.trim())}
                      />
                      {canChange && <MaterialUploadButton accountId={accountId} kind={k} rule={rule} onUploaded={refresh} />}
                    </Flex>
                    <MaterialGrid accountId={accountId} kind={k} search={search} refreshKey={refreshKey} actionsOf={actionsOf} />
                  </Flex>
                ),
              };
            })}
          />
        </Card>
      </Flex>
    </>
  );
}
