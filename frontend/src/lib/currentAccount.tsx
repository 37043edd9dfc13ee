import { createContext, useContext } from 'react';
import type { AccountFieldsFragment } from '../gql/graphql';

/** The account an `/accounts/:id/…` page is about, loaded once by the account layout route. */
export interface CurrentAccount {
  readonly account: AccountFieldsFragment;
  /** Loads the account again from the server (after a change the page made). */
  readonly reload: () => void;
}

export const CurrentAccountContext = createContext<CurrentAccount | null>(null);

/**
 * The account of the surrounding `accounts/:id` layout route. Pages under that route render only
 * once the account exists, so this never returns a missing account.
 */
export function useCurrentAccount(): CurrentAccount {
  const current = useContext(CurrentAccountContext);
  if (!current) throw new Error('useCurrentAccount() is used outside the accounts/:id layout route');
  return current;
}
