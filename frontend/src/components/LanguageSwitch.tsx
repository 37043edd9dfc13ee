import { Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { radioGroupRole } from './a11y';
import { changeLanguage, currentLanguage } from '../lib/i18n';
import type { Language } from '../lib/i18n';

const OPTIONS: { value: Language; label: string }[] = [
  { value: 'zh-CN', label: '中文' },
  { value: 'en-US', label: 'English' },
];

/** 中文 / English switch; the choice is remembered in localStorage. */
export function LanguageSwitch({ size = 'small' }: { size?: 'small' | 'middle' }) {
  const { t, i18n } = useTranslation();
  const value = i18n.resolvedLanguage ? currentLanguage() : 'zh-CN';
  return (
    <Radio.Group
      {...radioGroupRole}
      data-testid="lang-switch"
      aria-label={t('common.language')}
      size={size}
      optionType="button"
      value={value}
      onChange={(e) => void changeLanguage(e.target.value as Language)}
    >
      {OPTIONS.map((option) => (
        <Radio.Button key={option.value} value={option.value}>
          {option.label}
        </Radio.Button>
      ))}
    </Radio.Group>
  );
}
