import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import i18n from '../lib/i18n';
import { JobStateTag, RecipientStateTag } from './StateTag';

function renderTags() {
  render(
    <>
      <JobStateTag state="PAUSED" testId="job" />
      <RecipientStateTag state="USER_BLOCKED" testId="recipient" />
    </>,
  );
}

describe('StateTag', () => {
  afterEach(async () => {
    await i18n.changeLanguage('zh-CN');
  });

  it('labels job and recipient states in Chinese and in English, coloured by state', async () => {
    await i18n.changeLanguage('zh-CN');
    renderTags();
    expect(screen.getByTestId('job')).toHaveTextContent('已暂停');
    expect(screen.getByTestId('job')).toHaveAttribute('data-state', 'PAUSED');
    expect(screen.getByTestId('job')).toHaveClass('ant-tag-warning');
    expect(screen.getByTestId('recipient')).toHaveTextContent('用户拒收');
    expect(screen.getByTestId('recipient')).toHaveClass('ant-tag-orange');

    await i18n.changeLanguage('en-US');
    expect(await screen.findByText('Paused')).toBe(screen.getByTestId('job'));
    expect(screen.getByTestId('recipient')).toHaveTextContent('Blocked by the fan');
  });
});
