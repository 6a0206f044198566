import { useSyncExternalStore } from 'react';

const subscribe = () => () => undefined;

/**
 * False in the server's HTML and until React has hydrated. A form handled in onSubmit keeps its
 * submit button disabled until then, so the browser never submits it natively (as a GET, with the
 * password in the address).
 */
export const useHydrated = (): boolean =>
  useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
