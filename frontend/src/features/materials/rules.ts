import type { TFunction } from 'i18next';
import type { MaterialKind } from '../../gql/graphql';

/** The kinds in the order the pages show them. */
export const MATERIAL_KINDS: readonly MaterialKind[] = ['IMAGE', 'VOICE', 'VIDEO', 'THUMB'];

/** WeChat's rules for one kind, as `materialLibrary.kinds` tells them. */
export interface KindRule {
  readonly kind: MaterialKind;
  readonly maxBytes: number;
  readonly formats: readonly string[];
  readonly count?: number;
  readonly cap?: number;
}

/** Images inside an article: jpg or png; Fanmail takes up to 10 MB and re-encodes what exceeds WeChat's 1 MB. */
export const ARTICLE_IMAGE_RULE: KindRule = { kind: 'IMAGE', maxBytes: 10 * 1024 * 1024, formats: ['jpg', 'png'] };

/** A file's extension, lower case, without the dot ('' when none). */
export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

/**
 * What WeChat would refuse about the file before it is sent (size, extension), as an upload error code of the
 * server's contract; null when the file may go.
 */
export function checkFile(file: Pick<File, 'name' | 'size'>, rule: KindRule | undefined): 'FILE_EMPTY' | 'FILE_TOO_LARGE' | 'FORMAT_NOT_ALLOWED' | 'LIBRARY_FULL' | null {
  if (file.size === 0) return 'FILE_EMPTY';
  if (!rule) return null;
  const extension = extensionOf(file.name);
  const formats = rule.formats.map((format) => format.toLowerCase().replace(/^\./, ''));
  const allowed = formats.includes(extension) || (extension === 'jpeg' && formats.includes('jpg'));
  if (!allowed) return 'FORMAT_NOT_ALLOWED';
  if (file.size > rule.maxBytes) return 'FILE_TOO_LARGE';
  if (rule.cap != null && rule.count != null && rule.count >= rule.cap) return 'LIBRARY_FULL';
  return null;
}

/** The `accept` attribute of a file input for the rule's formats. */
export function acceptOf(rule: KindRule | undefined): string | undefined {
  if (!rule) return undefined;
  return rule.formats.flatMap((format) => (format === 'jpg' ? ['.jpg', '.jpeg'] : [`.${format.replace(/^\./, '')}`])).join(',');
}

/** 2 MB, 64 KB, 512 B. */
export function formatBytes(bytes: number | string | null | undefined): string {
  if (bytes == null || bytes === '') return '—';
  const value = Number(bytes);
  if (!Number.isFinite(value)) return String(bytes);
  if (value >= 1024 * 1024) return `${Number((value / (1024 * 1024)).toFixed(1))} MB`;
  if (value >= 1024) return `${Number((value / 1024).toFixed(1))} KB`;
  return `${value} B`;
}

/** 0:07, 1:00. */
export function formatDuration(millis: number | null | undefined): string {
  if (millis == null) return '—';
  const seconds = Math.round(millis / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/**
 * Translates an upload error code (`materials.errors.<CODE>`, then `common.errors.<CODE>`), with the kind's rules
 * available to the text as {{max}} and {{formats}}; unknown codes show the server's message.
 */
export function translateUploadError(t: TFunction, code: string | null, message: string, rule?: KindRule, status?: number): string {
  if (!code) return status === 0 ? t('common.errors.network') : t('materials.upload.failed', { status: status ?? '?' });
  return translateMaterialError(t, { code, message }, {
    defaultValue: message,
    message,
    max: rule ? formatBytes(rule.maxBytes) : '',
    formats: rule ? rule.formats.join(', ') : '',
  });
}

/**
 * Translates an error code of the materials and drafts contract: `materials.errors.<CODE>` (any other WECHAT_* code
 * as `materials.errors.WECHAT_ERROR` with WeChat's message), then `common.errors.<CODE>`, else the server's message.
 */
export function translateMaterialError(t: TFunction, error: { code: string; message: string }, values: Record<string, unknown> = {}): string {
  const { code, message } = error;
  const keys = [`materials.errors.${code}`, `common.errors.${code}`, ...(code.startsWith('WECHAT_') ? ['materials.errors.WECHAT_ERROR'] : [])];
  return t(keys, { defaultValue: message, message, ...values });
}

/** The library keeps names of at most 64 characters: a longer file name is shortened before its extension. */
export const NAME_MAX = 64;

export function libraryName(fileName: string): string {
  const chars = Array.from(fileName);
  if (chars.length <= NAME_MAX) return fileName;
  const extension = extensionOf(fileName);
  const tail = extension ? `.${extension}` : '';
  return chars.slice(0, NAME_MAX - tail.length).join('') + tail;
}
