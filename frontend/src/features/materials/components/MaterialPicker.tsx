import { Flex, Input, Modal, Segmented } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useQuery } from 'urql';
import type { MaterialFieldsFragment, MaterialKind } from '../../../gql/graphql';
import { useCan } from '../../../lib/auth';
import { MaterialLibraryQuery, MaterialQuery } from '../api/operations';
import { MaterialGrid } from './MaterialGrid';
import { MaterialUploadButton } from './MaterialUploadButton';

export interface MaterialPickerProps {
  accountId: string;
  /** The kinds to choose from (a switch between them when more than one), e.g. ['IMAGE', 'THUMB'] for a cover. */
  kinds: readonly MaterialKind[];
  open: boolean;
  /** Called with the chosen material; the caller closes the picker. */
  onPick: (material: MaterialFieldsFragment) => void;
  onCancel: () => void;
  title?: string;
}

/**
 * A modal to choose one material of the account's library (of the given kinds), with search, "load more" and an
 * upload inside (operators): a freshly uploaded material is chosen at once.
 */
export function MaterialPicker({ accountId, kinds, open, onPick, onCancel, title }: MaterialPickerProps) {
  const { t } = useTranslation();
  const client = useClient();
  const canUpload = useCan('manageAccounts');
  const [kind, setKind] = useState<MaterialKind>(kinds[0] ?? 'IMAGE');
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<MaterialFieldsFragment | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const [{ data: library }, reexecuteLibrary] = useQuery({ query: MaterialLibraryQuery, variables: { accountId }, pause: !open });
  const rule = library?.materialLibrary.kinds.find((k) => k.kind === kind);

  const uploaded = async (id: string) => {
    setRefreshKey((key) => key + 1);
    reexecuteLibrary({ requestPolicy: 'network-only' });
    const result = await client.query(MaterialQuery, { id }, { requestPolicy: 'network-only' }).toPromise();
    if (result.data?.material) setSelected(result.data.material);
  };

  return (
    <Modal
      open={open}
      width={960}
      title={title ?? t('materials.picker.title')}
      okText={t('materials.picker.choose')}
      cancelText={t('common.actions.cancel')}
      okButtonProps={{ disabled: !selected, 'data-testid': 'material-picker-ok' }}
      onOk={() => selected && onPick(selected)}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Flex vertical gap={12} data-testid="material-picker">
        <Flex justify="space-between" align="start" gap={12} wrap>
          <Flex gap={12} wrap>
            {kinds.length > 1 && (
              <Segmented<MaterialKind>
                value={kind}
                onChange={(value) => {
                  setKind(value);
                  setSearch('');
                  setSelected(null);
                }}
                options={kinds.map((k) => ({ value: k, label: <span data-testid={`material-picker-kind-${k}`}>{t(`materials.kinds.${k}`)}</span> }))}
              />
            )}
            <Input.Search
              key={kind}
              allowClear
              style={{ width: 240 }}
              placeholder={t('materials.list.search')}
              aria-label={t('materials.list.search')}
              onSearch={(value) => setSearch(value.trim())}
            />
          </Flex>
          {canUpload && <MaterialUploadButton key={kind} accountId={accountId} kind={kind} rule={rule} onUploaded={(m) => void uploaded(m.id)} />}
        </Flex>
        <div style={{ maxHeight: '60vh', overflowY: 'auto', overflowX: 'hidden' }}>
          <MaterialGrid
            accountId={accountId}
            kind={kind}
            search={search}
            refreshKey={refreshKey}
            selectedId={selected?.id ?? null}
            onSelect={setSelected}
          />
        </div>
      </Flex>
    </Modal>
  );
}
