import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import i18n from '../../../lib/i18n';
import { renderWithProviders } from '../../../test/render';
import { UnsafeModeHint } from './UnsafeModeHint';

describe('UnsafeModeHint', () => {
  it('recommends Safe mode next to Plain text and Compatible, in both languages', async () => {
    await i18n.changeLanguage('en-US');
    const plain = renderWithProviders(<UnsafeModeHint mode="PLAIN" />);
    expect(await screen.findByRole('note')).toHaveTextContent('Safe mode is recommended');
    plain.unmount();
    await i18n.changeLanguage('zh-CN');
    const compatible = renderWithProviders(<UnsafeModeHint mode="COMPATIBLE" />);
    expect(await screen.findByRole('note')).toHaveTextContent('建议使用安全模式');
    compatible.unmount();
    renderWithProviders(
      <>
        <UnsafeModeHint mode="SAFE" />
        <span>rendered</span>
      </>,
    );
    expect(await screen.findByText('rendered')).toBeInTheDocument();
    expect(screen.queryByRole('note')).not.toBeInTheDocument();
  });
});
