import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import i18n from '../../../lib/i18n';
import { anIndustry, aTemplateSetup } from '../../../test/handlers';
import { renderWithProviders } from '../../../test/render';
import { IndustriesCard } from './IndustriesCard';

const catalog = [anIndustry(), anIndustry({ id: 2, secondClass: 'IT软件与服务', secondClassEn: 'IT software and services' })];

function renderCard(nextIndustryChangeAt: string | null) {
  renderWithProviders(
    <IndustriesCard
      accountId="acc-1"
      setup={aTemplateSetup({ nextIndustryChangeAt })}
      catalog={catalog}
      onChanged={() => {}}
    />,
  );
}

describe('IndustriesCard', () => {
  it('disables the form after this month’s change and says until when', async () => {
    await i18n.changeLanguage('en-US');
    renderCard('2026-12-01T00:00:00+08:00');

    const form = await screen.findByRole('form', { name: 'Change industries' });
    expect(within(form).getByTestId('industries-locked')).toHaveTextContent(
      /one change of industries a month .* opens again on .*2026/,
    );
    expect(within(form).getByRole('button', { name: 'Change industries' })).toBeDisabled();
    for (const select of within(form).getAllByRole('combobox')) expect(select).toBeDisabled();
  });

  it('keeps the form open while a change is allowed', async () => {
    await i18n.changeLanguage('en-US');
    renderCard(null);

    const form = await screen.findByRole('form', { name: 'Change industries' });
    expect(within(form).queryByTestId('industries-locked')).not.toBeInTheDocument();
    expect(within(form).getByRole('button', { name: 'Change industries' })).toBeEnabled();
  });
});
