import type {
  TemplateFieldSource,
  TemplateFieldsFragment,
  TemplatePresetFieldsFragment,
  TemplatePresetSaveInput,
} from '../../gql/graphql';

/** Every TemplateFieldSource, in the order the source select offers them. */
export const FIELD_SOURCES: readonly TemplateFieldSource[] = ['FIXED', 'CSV_COLUMN', 'REMARK', 'TAG_NAME', 'OPENID'];

/** The source select's choice for "no mapping: the value is entered when sending". */
export const AT_SEND = 'AT_SEND';
export type SourceChoice = TemplateFieldSource | typeof AT_SEND;

/** Where a tap on the message leads. Both a URL and a mini program may be set: the mini program wins. */
export const LINK_MODES = ['NONE', 'URL', 'MINI_PROGRAM'] as const;
export type LinkMode = (typeof LINK_MODES)[number];

/**
 * The preset form's values. The names are flat (one per input, e.g. `fixedValue:thing1`) so the
 * shared userErrors helper can put a server error such as `mappings.0.fixedValue` under its input.
 */
export type PresetFormValues = Record<string, string | undefined>;

export const sourceName = (key: string) => `source:${key}`;
export const fixedValueName = (key: string) => `fixedValue:${key}`;
export const csvColumnName = (key: string) => `csvColumn:${key}`;
export const LINK_MODE = 'linkMode';
export const URL_FIELD = 'url';
export const APP_ID = 'miniProgramAppId';
export const PAGE_PATH = 'miniProgramPagePath';

/** The name of the input a source needs (fixed text, CSV column), or null for fan attributes. */
export function valueName(key: string, source: SourceChoice | undefined): string | null {
  if (source === 'FIXED') return fixedValueName(key);
  if (source === 'CSV_COLUMN') return csvColumnName(key);
  return null;
}

type Field = Pick<TemplateFieldsFragment['fields'][number], 'key'>;
type Preset = TemplatePresetFieldsFragment | null | undefined;

function linkModeOf(preset: Preset): LinkMode {
  if (preset?.miniProgramAppId || preset?.miniProgramPagePath) return 'MINI_PROGRAM';
  return preset?.url ? 'URL' : 'NONE';
}

/** The form's starting values: the saved preset, or every field filled when sending. */
export function presetToFormValues(fields: readonly Field[], preset: Preset): PresetFormValues {
  const values: PresetFormValues = {
    [LINK_MODE]: linkModeOf(preset),
    [URL_FIELD]: preset?.url ?? '',
    [APP_ID]: preset?.miniProgramAppId ?? '',
    [PAGE_PATH]: preset?.miniProgramPagePath ?? '',
  };
  for (const { key } of fields) {
    const mapping = preset?.mappings.find((m) => m.key === key);
    values[sourceName(key)] = mapping?.source ?? AT_SEND;
    values[fixedValueName(key)] = mapping?.fixedValue ?? '';
    values[csvColumnName(key)] = mapping?.csvColumn ?? '';
  }
  return values;
}

/** Keys the saved preset maps that the template no longer has (saving drops them). */
export function orphanKeys(fields: readonly Field[], preset: Preset): string[] {
  const keys = new Set(fields.map((f) => f.key));
  return (preset?.mappings ?? []).map((m) => m.key).filter((key) => !keys.has(key));
}

/** The preset's FIXED texts by field key: the preview's starting values. */
export function fixedValues(preset: Preset): Record<string, string> {
  const values: Record<string, string> = {};
  for (const m of preset?.mappings ?? []) {
    if (m.source === 'FIXED' && m.fixedValue != null && !(m.key in values)) values[m.key] = m.fixedValue;
  }
  return values;
}

const blankToNull = (value: string | undefined) => {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};

/**
 * The mutation input for the form's values, and where each server error path lands in the form
 * (`mappings.<i>.<property>` by the position of the mapping sent, `link.url`, `link.miniProgram.appId`…).
 */
export function formValuesToInput(
  templateId: string,
  fields: readonly Field[],
  values: PresetFormValues,
): { input: TemplatePresetSaveInput; fieldMap: Record<string, string> } {
  const fieldMap: Record<string, string> = {
    link: LINK_MODE,
    'link.url': URL_FIELD,
    'link.miniProgram.appId': APP_ID,
    'link.miniProgramAppId': APP_ID,
    'link.miniProgram.pagePath': PAGE_PATH,
    'link.miniProgramPagePath': PAGE_PATH,
  };
  const mappings: TemplatePresetSaveInput['mappings'] = [];
  for (const { key } of fields) {
    const source = values[sourceName(key)] as SourceChoice | undefined;
    if (!source || source === AT_SEND) continue;
    const index = mappings.length;
    mappings.push({
      key,
      source,
      fixedValue: source === 'FIXED' ? (values[fixedValueName(key)] ?? '') : null,
      csvColumn: source === 'CSV_COLUMN' ? (values[csvColumnName(key)]?.trim() ?? '') : null,
    });
    const prefix = `mappings.${index}`;
    fieldMap[prefix] = sourceName(key);
    fieldMap[`${prefix}.key`] = sourceName(key);
    fieldMap[`${prefix}.source`] = sourceName(key);
    fieldMap[`${prefix}.fixedValue`] = fixedValueName(key);
    fieldMap[`${prefix}.csvColumn`] = csvColumnName(key);
    fieldMap[`${prefix}.value`] = valueName(key, source) ?? sourceName(key);
  }

  const mode = (values[LINK_MODE] ?? 'NONE') as LinkMode;
  let link: TemplatePresetSaveInput['link'] = null;
  if (mode === 'URL') {
    link = { url: blankToNull(values[URL_FIELD]) };
  } else if (mode === 'MINI_PROGRAM') {
    link = {
      miniProgramAppId: blankToNull(values[APP_ID]),
      miniProgramPagePath: blankToNull(values[PAGE_PATH]),
      // optional: the fallback for WeChat versions that cannot open mini programs
      url: blankToNull(values[URL_FIELD]),
    };
  }
  return { input: { templateId, mappings, link }, fieldMap };
}
