import { useSyncExternalStore } from 'react';

const subscribe = () => () => undefined;

/**
 * False in the server's HTML and until React has hydrated. Button uses it: until then a submit
 * button stays disabled, so the browser never submits its form natively (as a GET, with a
 * password in the address), and a button with a click handler does not swallow the click.
 */
export const useHydrated = (): boolean =>
  useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
