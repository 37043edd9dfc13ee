/** An industry's name in the UI language ("IT科技 / 互联网|电子商务" or "IT / Internet"). */
export function industryName(
  industry: { firstClass: string; firstClassEn: string; secondClass: string; secondClassEn: string } | null | undefined,
  language: string,
): string {
  if (!industry) return '—';
  return language.startsWith('zh')
    ? `${industry.firstClass} / ${industry.secondClass}`
    : `${industry.firstClassEn} / ${industry.secondClassEn}`;
}

/**
 * A template's industry in the UI language: the catalogue's names when the server matched them
 * (industry model), else the names as WeChat gave them (category model: "parent / category").
 */
export function templateIndustryName(
  template: {
    primaryIndustry: string;
    deputyIndustry: string;
    industry?: Parameters<typeof industryName>[0];
  },
  model: string,
  language: string,
): string {
  if (model !== 'CATEGORY' && template.industry) return industryName(template.industry, language);
  const parts =
    model === 'CATEGORY'
      ? [template.deputyIndustry, template.primaryIndustry] // parent / category, as the categories card shows them
      : [template.primaryIndustry, template.deputyIndustry];
  return parts.filter(Boolean).join(' / ') || '—';
}

/** Length in characters as a person counts them (code points, not UTF-16 units). */
export function charLength(value: string): number {
  return [...value].length;
}
