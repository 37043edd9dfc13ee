import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders, setupUser } from '../test/render';
import { CursorPager, useCursorStack } from './CursorPager';

/** Three pages whose end cursors are c1, c2 and none. */
const PAGES: Record<string, { hasNextPage: boolean; endCursor: string | null }> = {
  first: { hasNextPage: true, endCursor: 'c1' },
  c1: { hasNextPage: true, endCursor: 'c2' },
  c2: { hasNextPage: false, endCursor: null },
};

function Paged({ single = false }: { single?: boolean }) {
  const pages = useCursorStack();
  const pageInfo = single ? { hasNextPage: false, endCursor: null } : PAGES[pages.after ?? 'first'];
  return (
    <>
      <output aria-label="after">{pages.after ?? 'first'}</output>
      <button onClick={pages.reset}>reset</button>
      <CursorPager stack={pages} pageInfo={pageInfo} />
    </>
  );
}

describe('CursorPager', () => {
  it('walks forward by end cursor and back through the pages visited', async () => {
    renderWithProviders(<Paged />);
    const user = setupUser();
    const previous = () => screen.getByRole('button', { name: '上一页' });
    const next = () => screen.getByRole('button', { name: '下一页' });

    expect(await screen.findByRole('button', { name: '上一页' })).toBeDisabled();
    await user.click(next());
    expect(screen.getByLabelText('after')).toHaveTextContent('c1');
    await user.click(next());
    expect(screen.getByLabelText('after')).toHaveTextContent('c2');
    expect(next()).toBeDisabled();
    await user.click(previous());
    expect(screen.getByLabelText('after')).toHaveTextContent('c1');
    await user.click(screen.getByRole('button', { name: 'reset' }));
    expect(screen.getByLabelText('after')).toHaveTextContent('first');
    expect(previous()).toBeDisabled();
  });

  it('is not shown while everything fits on one page', async () => {
    renderWithProviders(<Paged single />);
    expect(await screen.findByLabelText('after')).toHaveTextContent('first');
    expect(screen.queryByRole('button', { name: '下一页' })).not.toBeInTheDocument();
  });
});
