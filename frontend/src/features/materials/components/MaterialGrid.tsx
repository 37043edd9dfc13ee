import { Alert, Button, Col, Empty, Flex, Row, Skeleton, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import type { MaterialFieldsFragment, MaterialKind } from '../../../gql/graphql';
import { MaterialsQuery } from '../api/operations';
import { MaterialCard } from './MaterialCard';

/** Materials asked for per page ("load more" adds a page). */
export const MATERIALS_PAGE_SIZE = 24;

export interface MaterialGridProps {
  accountId: string;
  kind: MaterialKind;
  search: string;
  /** Changing it reloads every page from the server (after an upload, a delete or a sync). */
  refreshKey?: number;
  /** Picker mode: cards are selectable. */
  selectedId?: string | null;
  onSelect?: (material: MaterialFieldsFragment) => void;
  /** Buttons under a card (manage mode). */
  actionsOf?: (material: MaterialFieldsFragment) => ReactNode[] | undefined;
  /** Tells the total that matches the search (from the first page). */
  onTotal?: (total: number) => void;
}

/**
 * The library's materials of one kind as a grid of cards, newest first, a page at a time: "load more" appends the
 * next page (each page is its own query, so the pages above stay as they are).
 */
export function MaterialGrid(props: MaterialGridProps) {
  const { accountId, kind, search, refreshKey = 0 } = props;
  // a new kind, search or refresh starts again from the first page
  return <MaterialPages key={`${accountId}/${kind}/${search}/${refreshKey}`} {...props} />;
}

function MaterialPages(props: MaterialGridProps) {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return (
    <Flex vertical gap={16} data-testid={`materials-grid-${props.kind}`}>
      {cursors.map((after, index) => (
        <MaterialPage
          key={after ?? ''}
          {...props}
          first={index === 0}
          after={after}
          onMore={index === cursors.length - 1 ? (endCursor) => setCursors((list) => [...list, endCursor]) : undefined}
        />
      ))}
    </Flex>
  );
}

function MaterialPage({
  accountId,
  kind,
  search,
  after,
  first,
  selectedId,
  onSelect,
  actionsOf,
  onTotal,
  onMore,
}: MaterialGridProps & { after: string | null; first: boolean; onMore?: (endCursor: string) => void }) {
  const { t } = useTranslation();
  const [{ data, error, fetching }] = useQuery({
    query: MaterialsQuery,
    variables: { accountId, kind, search: search || null, first: MATERIALS_PAGE_SIZE, after },
    requestPolicy: 'cache-and-network',
  });
  const connection = data?.materials;
  const total = connection?.totalCount;
  useEffect(() => {
    if (first && total != null) onTotal?.(total);
  }, [first, total, onTotal]);

  if (error && !data) return <Alert type="error" showIcon message={t('common.errors.loadFailed')} />;
  if (!connection) return <Skeleton active />;
  if (first && connection.edges.length === 0) {
    return <Empty description={search ? t('materials.list.noMatch') : t('materials.list.empty')} data-testid="materials-empty" />;
  }
  const endCursor = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
  return (
    <>
      <Row gutter={[12, 12]}>
        {connection.edges.map(({ node }) => (
          <Col key={node.id} xs={12} sm={8} md={6} xl={4}>
            <MaterialCard material={node} selected={selectedId === node.id} onSelect={onSelect} actions={actionsOf?.(node)} />
          </Col>
        ))}
      </Row>
      {onMore && (
        <Flex justify="center" align="center" gap={12}>
          {endCursor ? (
            <Button onClick={() => onMore(endCursor)} loading={fetching} data-testid="materials-load-more">
              {t('materials.list.loadMore')}
            </Button>
          ) : (
            !first && <Typography.Text type="secondary">{t('materials.list.end')}</Typography.Text>
          )}
        </Flex>
      )}
    </>
  );
}
