import type {
  AudienceKind,
  AudienceSelectorInput,
  AudienceTagMatch,
  DispatchFieldSource,
  DispatchTemplateContentInput,
  DispatchTemplatesQuery,
  TemplateFieldSource,
} from '../../gql/graphql';

export type SendTemplate = DispatchTemplatesQuery['templates']['edges'][number]['node'];
type Field = Pick<SendTemplate['fields'][number], 'key'>;
type Preset = SendTemplate['preset'];

/** Every DispatchFieldSource, in the order the source select offers them. */
export const DISPATCH_SOURCES: readonly DispatchFieldSource[] = ['FIXED', 'FAN_REMARK', 'TAG_NAMES', 'OPENID', 'CSV_COLUMN'];

/** A template preset's source as dispatch names it (the templates module says REMARK and TAG_NAME). */
export function fromPresetSource(source: TemplateFieldSource): DispatchFieldSource {
  switch (source) {
    case 'REMARK':
      return 'FAN_REMARK';
    case 'TAG_NAME':
      return 'TAG_NAMES';
    default:
      return source;
  }
}

/** How one field is filled: a source and, for FIXED, the text or, for CSV_COLUMN, the column. */
export interface FieldValue {
  source: DispatchFieldSource;
  text: string;
  column: string;
}

export type FieldValues = Record<string, FieldValue>;

export const LINK_MODES = ['NONE', 'URL', 'MINI_PROGRAM'] as const;
export type LinkMode = (typeof LINK_MODES)[number];

export interface LinkValue {
  mode: LinkMode;
  url: string;
  miniProgramAppId: string;
  miniProgramPagePath: string;
}

/** The fields as the preset fills them; a field it does not map starts as an empty fixed text to type. */
export function initialFieldValues(fields: readonly Field[], preset: Preset | null | undefined): FieldValues {
  const values: FieldValues = {};
  for (const { key } of fields) {
    const mapping = preset?.mappings.find((m) => m.key === key);
    values[key] = mapping
      ? { source: fromPresetSource(mapping.source), text: mapping.fixedValue ?? '', column: mapping.csvColumn ?? '' }
      : { source: 'FIXED', text: '', column: '' };
  }
  return values;
}

/** The preset's link (a mini program wins over a URL, which then is its fallback). */
export function initialLink(preset: Preset | null | undefined): LinkValue {
  const mode: LinkMode = preset?.miniProgramAppId || preset?.miniProgramPagePath ? 'MINI_PROGRAM' : preset?.url ? 'URL' : 'NONE';
  return {
    mode,
    url: preset?.url ?? '',
    miniProgramAppId: preset?.miniProgramAppId ?? '',
    miniProgramPagePath: preset?.miniProgramPagePath ?? '',
  };
}

const blankToNull = (value: string) => (value.trim() === '' ? null : value.trim());

/** The content part of dispatchPlan / dispatchCreate for the form's values. */
export function toContentInput(templateId: string, fields: readonly Field[], values: FieldValues, link: LinkValue): DispatchTemplateContentInput {
  return {
    templateId,
    fields: fields.map(({ key }) => {
      const value = values[key] ?? { source: 'FIXED', text: '', column: '' };
      return {
        key,
        source: value.source,
        text: value.source === 'FIXED' ? value.text : null,
        column: value.source === 'CSV_COLUMN' ? value.column.trim() : null,
      };
    }),
    url: link.mode === 'NONE' ? null : blankToNull(link.url),
    miniProgramAppId: link.mode === 'MINI_PROGRAM' ? blankToNull(link.miniProgramAppId) : null,
    miniProgramPagePath: link.mode === 'MINI_PROGRAM' ? blankToNull(link.miniProgramPagePath) : null,
  };
}

/** Who receives the message, as the picker holds it. */
export interface AudienceValue {
  kind: AudienceKind;
  tagIds: number[];
  tagMatch: AudienceTagMatch;
  uploadId: string | null;
  segmentId: string | null;
}

export const INITIAL_AUDIENCE: AudienceValue = { kind: 'ALL', tagIds: [], tagMatch: 'ANY', uploadId: null, segmentId: null };

export function toSelectorInput(accountId: string, audience: AudienceValue): AudienceSelectorInput {
  return {
    accountId,
    kind: audience.kind,
    tagIds: audience.kind === 'TAGS' ? audience.tagIds : null,
    tagMatch: audience.kind === 'TAGS' ? audience.tagMatch : null,
    uploadId: audience.kind === 'UPLOAD' ? audience.uploadId : null,
    segmentId: audience.kind === 'SEGMENT' ? audience.segmentId : null,
  };
}

/** What is still missing before a plan can be asked for; each is a key under `dispatch.problems`. */
export type Problem =
  | { code: 'TEMPLATE_REQUIRED' }
  | { code: 'COLUMN_REQUIRED'; field: string }
  | { code: 'CSV_NEEDS_UPLOAD'; field: string }
  | { code: 'COLUMN_UNKNOWN'; field: string; column: string }
  | { code: 'URL_REQUIRED' }
  | { code: 'MINI_PROGRAM_REQUIRED' }
  | { code: 'TAGS_REQUIRED' }
  | { code: 'UPLOAD_REQUIRED' }
  | { code: 'SEGMENT_REQUIRED' };

/** Problems of the content alone (template, fields, link). */
export function contentProblems(templateId: string | null, fields: readonly Field[], values: FieldValues, link: LinkValue): Problem[] {
  if (!templateId) return [{ code: 'TEMPLATE_REQUIRED' }];
  const problems: Problem[] = [];
  for (const { key } of fields) {
    const value = values[key];
    if (value?.source === 'CSV_COLUMN' && value.column.trim() === '') problems.push({ code: 'COLUMN_REQUIRED', field: key });
  }
  if (link.mode === 'URL' && link.url.trim() === '') problems.push({ code: 'URL_REQUIRED' });
  if (link.mode === 'MINI_PROGRAM' && (link.miniProgramAppId.trim() === '' || link.miniProgramPagePath.trim() === '')) {
    problems.push({ code: 'MINI_PROGRAM_REQUIRED' });
  }
  return problems;
}

/**
 * Problems of the audience, and of CSV columns against it: a CSV column needs an uploaded list as the
 * audience, and that list must have the column (`uploadColumns`: the chosen upload's columns, if known).
 */
export function audienceProblems(
  audience: AudienceValue,
  fields: readonly Field[],
  values: FieldValues,
  uploadColumns: readonly string[] | null,
): Problem[] {
  const problems: Problem[] = [];
  if (audience.kind === 'TAGS' && audience.tagIds.length === 0) problems.push({ code: 'TAGS_REQUIRED' });
  if (audience.kind === 'UPLOAD' && !audience.uploadId) problems.push({ code: 'UPLOAD_REQUIRED' });
  if (audience.kind === 'SEGMENT' && !audience.segmentId) problems.push({ code: 'SEGMENT_REQUIRED' });
  for (const { key } of fields) {
    const value = values[key];
    if (value?.source !== 'CSV_COLUMN' || value.column.trim() === '') continue;
    if (audience.kind !== 'UPLOAD') problems.push({ code: 'CSV_NEEDS_UPLOAD', field: key });
    else if (uploadColumns && !uploadColumns.includes(value.column.trim())) {
      problems.push({ code: 'COLUMN_UNKNOWN', field: key, column: value.column.trim() });
    }
  }
  return problems;
}

/** A plan sample's rendered values as templatePreview takes them: one per template field, empty when absent. */
export function sampleValues(fields: readonly Field[], values: readonly { key: string; value: string }[]): { key: string; value: string }[] {
  const byKey = new Map(values.map((v) => [v.key, v.value]));
  return fields.map(({ key }) => ({ key, value: byKey.get(key) ?? '' }));
}
