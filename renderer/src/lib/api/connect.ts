import type { EventfoldApi, EventfoldBridge } from '../../../../shared/contract.js';
import { bridgeApi } from './bridge-api.js';
import { SocketApi } from './socket-api.js';

/**
 * The contract as this page reaches it: the preload's `window.eventfold` in the desktop app, else browser
 * mode's WebSocket at `/api` on the page's own origin.
 */
export function connectApi(page: Window): Promise<EventfoldApi> {
  const bridge = (page as Window & { eventfold?: EventfoldBridge }).eventfold;
  if (bridge !== undefined) return Promise.resolve(bridgeApi(bridge));
  const url = new URL('/api', page.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  // The server's cookie carries the token; the page's own `?token=` is a fallback where cookies are off.
  const token = new URLSearchParams(page.location.search).get('token');
  url.search = token === null ? '' : new URLSearchParams({ token }).toString();
  // The page's own address (without the place after #), asked when the socket cannot reopen.
  const address = new URL(page.location.href);
  address.hash = '';
  return SocketApi.connect(url.href, address.href);
}
