import { useEffect, useRef } from 'react';
import { useClient } from 'urql';
import { FanSyncProgressSubscription, TagJobProgressSubscription } from '../api/operations';
import type { FanSyncFieldsFragment, TagJobFieldsFragment } from '../../../gql/graphql';

/** Calls `onSync` with every change of the account's sync runs (`fanSyncProgress`) while mounted. */
export function useFanSyncProgress(accountId: string, onSync: (sync: FanSyncFieldsFragment) => void) {
  const client = useClient();
  const callback = useRef(onSync);
  useEffect(() => {
    callback.current = onSync;
  });
  useEffect(() => {
    const subscription = client.subscription(FanSyncProgressSubscription, { accountId }).subscribe((result) => {
      const sync = result.data?.fanSyncProgress;
      if (sync) callback.current(sync);
    });
    return () => subscription.unsubscribe();
  }, [client, accountId]);
}

/** Calls `onJob` with every change of the account's bulk tagging jobs (`tagJobProgress`) while mounted. */
export function useTagJobProgress(accountId: string, onJob: (job: TagJobFieldsFragment) => void) {
  const client = useClient();
  const callback = useRef(onJob);
  useEffect(() => {
    callback.current = onJob;
  });
  useEffect(() => {
    const subscription = client.subscription(TagJobProgressSubscription, { accountId }).subscribe((result) => {
      const job = result.data?.tagJobProgress;
      if (job) callback.current(job);
    });
    return () => subscription.unsubscribe();
  }, [client, accountId]);
}
