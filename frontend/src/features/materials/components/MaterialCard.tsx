import { CheckCircleFilled, FileImageOutlined, LinkOutlined } from '@ant-design/icons';
import { Card, Flex, Tag, Tooltip, Typography } from 'antd';
import type { KeyboardEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MaterialFieldsFragment } from '../../../gql/graphql';
import { formatBytes, formatDuration } from '../rules';
import './materials.css';

/** What Fanmail can show of the material: its preview, a player, WeChat's link, or why there is nothing. */
function MaterialMedia({ material }: { material: MaterialFieldsFragment }) {
  const { t } = useTranslation();
  const { id, kind } = material;
  if (kind === 'VIDEO' && material.videoLink && !material.fileUrl) {
    return (
      <div className="materials-media materials-media-empty">
        <a href={material.videoLink} target="_blank" rel="noopener noreferrer" data-testid={`material-video-link-${id}`}>
          <LinkOutlined aria-hidden /> {t('materials.card.videoLink')}
        </a>
      </div>
    );
  }
  if (material.previewState !== 'READY' || !material.fileUrl) {
    return (
      <div className="materials-media materials-media-empty" data-testid={`material-nopreview-${id}`}>
        <FileImageOutlined aria-hidden style={{ fontSize: 24 }} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {material.previewState === 'PENDING'
            ? t('materials.card.pending')
            : (material.previewError ?? t('materials.card.unavailable'))}
        </Typography.Text>
      </div>
    );
  }
  switch (kind) {
    case 'IMAGE':
    case 'THUMB':
      return (
        <div className="materials-media">
          <img src={material.previewUrl ?? material.fileUrl} alt={material.name} loading="lazy" data-testid={`material-image-${id}`} />
        </div>
      );
    case 'VOICE':
      return (
        <div className="materials-media materials-media-voice">
          <audio controls preload="none" src={material.fileUrl} data-testid={`material-audio-${id}`} aria-label={material.name} />
        </div>
      );
    case 'VIDEO':
      return (
        <div className="materials-media">
          <video controls preload="metadata" src={material.fileUrl} data-testid={`material-video-${id}`} aria-label={material.videoTitle ?? material.name} />
        </div>
      );
  }
}

/** One material of the library: its media, name and facts; `actions` below (delete), selectable in the picker. */
export function MaterialCard({
  material,
  actions,
  selected,
  onSelect,
}: {
  material: MaterialFieldsFragment;
  actions?: ReactNode[];
  selected?: boolean;
  onSelect?: (material: MaterialFieldsFragment) => void;
}) {
  const { t } = useTranslation();
  const facts = [
    material.kind === 'VOICE' && material.durationMillis != null ? formatDuration(material.durationMillis) : null,
    material.width && material.height ? `${material.width}×${material.height}` : null,
    material.byteSize ? formatBytes(material.byteSize) : null,
  ].filter(Boolean);
  const title = material.kind === 'VIDEO' && material.videoTitle ? material.videoTitle : material.name;
  return (
    <Card
      size="small"
      className={`materials-card${selected ? ' materials-card-selected' : ''}${onSelect ? ' materials-card-selectable' : ''}`}
      data-testid={`material-card-${material.id}`}
      data-selected={selected ? 'true' : undefined}
      {...(onSelect
        ? {
            role: 'button',
            tabIndex: 0,
            'aria-pressed': Boolean(selected),
            'aria-label': material.name,
            onClick: () => onSelect(material),
            onKeyDown: (event: KeyboardEvent<HTMLDivElement>) => {
              if (event.target !== event.currentTarget || (event.key !== 'Enter' && event.key !== ' ')) return;
              event.preventDefault();
              onSelect(material);
            },
          }
        : {})}
      cover={<MaterialMedia material={material} />}
      actions={actions}
    >
      <Flex vertical gap={2}>
        <Flex justify="space-between" gap={4} align="center">
          <Tooltip title={material.name}>
            <Typography.Text strong ellipsis style={{ maxWidth: '100%' }} data-testid={`material-name-${material.id}`}>
              {title}
            </Typography.Text>
          </Tooltip>
          {selected && <CheckCircleFilled style={{ color: '#07c160' }} aria-label={t('materials.picker.selected')} />}
        </Flex>
        <Flex justify="space-between" align="center" gap={4}>
          <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }} data-testid={`material-facts-${material.id}`}>
            {facts.length > 0 ? facts.join(' · ') : '\u00a0'}
          </Typography.Text>
          {material.origin === 'SYNCED' && (
            <Tag bordered={false} style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '18px' }}>
              {t('materials.card.synced')}
            </Tag>
          )}
        </Flex>
      </Flex>
    </Card>
  );
}
