import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppProviders } from '../app/providers';
import i18n, { detectLanguage, LANGUAGE_STORAGE_KEY } from '../lib/i18n';
import { setupUser } from '../test/render';
import { LanguageSwitch } from './LanguageSwitch';
import { Pagination } from 'antd';
import { useTranslation } from 'react-i18next';

function Probe() {
  const { t } = useTranslation();
  return (
    <>
      <LanguageSwitch />
      <h1>{t('nav.accounts')}</h1>
      {/* an antd component with built-in texts, to see antd's locale follow */}
      <Pagination total={50} showSizeChanger />
    </>
  );
}

describe('LanguageSwitch', () => {
  afterEach(() => vi.restoreAllMocks());

  it('switches the UI and antd to English and remembers the choice', async () => {
    render(
      <AppProviders graphql={{ webSocketUrl: null }}>
        <Probe />
      </AppProviders>,
    );
    const user = setupUser();
    expect(await screen.findByRole('heading', { name: '公众号' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: '中文' })).toBeChecked();
    expect(screen.getByText('10 条/页')).toBeInTheDocument();
    expect(screen.getByTestId('lang-switch')).toHaveAccessibleName('语言');

    await user.click(screen.getByRole('radio', { name: 'English' }));

    expect(await screen.findByRole('heading', { name: 'Accounts' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'English' })).toBeChecked();
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en-US');
    expect(document.documentElement.lang).toBe('en-US');
    expect(screen.getByText('10 / page')).toBeInTheDocument();

    await user.click(screen.getByRole('radio', { name: '中文' }));
    expect(await screen.findByRole('heading', { name: '公众号' })).toBeInTheDocument();
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('zh-CN');
    expect(i18n.resolvedLanguage).toBe('zh-CN');
  });
});

describe('detectLanguage', () => {
  afterEach(() => vi.restoreAllMocks());

  it('prefers the remembered language', () => {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, 'en-US');
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['zh-CN']);
    expect(detectLanguage()).toBe('en-US');
  });

  it('uses English when the browser prefers English, Chinese otherwise', () => {
    const languages = vi.spyOn(navigator, 'languages', 'get');
    languages.mockReturnValue(['en-GB', 'zh-CN']);
    expect(detectLanguage()).toBe('en-US');
    languages.mockReturnValue(['de-DE', 'en-US']);
    expect(detectLanguage()).toBe('zh-CN');
    languages.mockReturnValue(['zh-TW']);
    expect(detectLanguage()).toBe('zh-CN');
  });

  it('ignores an unknown remembered value', () => {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, 'fr-FR');
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['en-US']);
    expect(detectLanguage()).toBe('en-US');
  });
});
