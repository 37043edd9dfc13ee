import type { TFunction } from 'i18next';
import type { CombinedError } from 'urql';
import type { TemplateCategoryFieldsFragment } from '../../gql/graphql';
import { translateUserError } from '../../lib/userErrors';
import type { UserErrorLike } from '../../lib/userErrors';

type CategoryLike = Pick<TemplateCategoryFieldsFragment, 'id' | 'name' | 'parentName'>;

/** "商业服务 / 电商平台"; the id when WeChat gave no name. */
export function categoryName(category: CategoryLike): string {
  return [category.parentName, category.name ?? category.id].filter(Boolean).join(' / ');
}

/** Whether two lists hold the same ids, in any order. */
export function sameIds(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((id) => set.has(id));
}

export interface CategoryOption {
  value: string;
  label: string;
  /** Parent and name, for the search box. */
  search: string;
}

export interface CategoryOptionGroup {
  label: string;
  title: string;
  options: CategoryOption[];
}

/**
 * The Select's options grouped by first-level category, in the catalog's order. Categories the
 * account has but the catalog lacks are kept, so the current selection always has a label.
 */
export function categoryOptions(
  catalog: readonly CategoryLike[],
  current: readonly CategoryLike[],
  otherLabel: string,
): CategoryOptionGroup[] {
  const groups = new Map<string, CategoryOptionGroup>();
  const seen = new Set<string>();
  for (const category of [...catalog, ...current]) {
    if (seen.has(category.id)) continue;
    seen.add(category.id);
    const parent = category.parentName || otherLabel;
    const group = groups.get(parent) ?? { label: parent, title: parent, options: [] };
    groups.set(parent, group);
    const label = category.name ?? category.id;
    group.options.push({ value: category.id, label, search: `${category.parentName ?? ''} ${label}`.toLowerCase() });
  }
  return [...groups.values()];
}

/**
 * A plan problem or user error in the user's language; one about `categoryIds.N` is prefixed
 * with that category's name.
 */
export function categoryErrorText(
  t: TFunction,
  error: UserErrorLike,
  ids: readonly string[],
  nameOf: (id: string) => string,
): string {
  const text = translateUserError(t, error, 'templates');
  const index = /^categoryIds\.(\d+)$/.exec(error.field ?? '')?.[1];
  const id = index === undefined ? undefined : ids[Number(index)];
  return id ? `${nameOf(id)}: ${text}` : text;
}

/**
 * A failed query in the user's language. A query has no payload for userErrors: the server
 * answers a top-level error whose message starts with the code, e.g. `WECHAT_REFUSED: WeChat answered …`.
 */
export function categoryQueryErrorText(t: TFunction, error: CombinedError): string {
  if (error.networkError) return t('common.errors.network');
  const first = error.graphQLErrors[0];
  if (!first) return t('common.errors.loadFailed');
  const extensionCode = first.extensions?.code;
  if (extensionCode === 'FORBIDDEN' || extensionCode === 'UNAUTHENTICATED') {
    return translateUserError(t, { code: extensionCode, message: first.message }, 'templates');
  }
  const match = /^([A-Z][A-Z0-9_]*): ([\s\S]*)$/.exec(first.message);
  return match ? translateUserError(t, { code: match[1], message: match[2] }, 'templates') : first.message;
}
