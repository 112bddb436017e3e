// Imported first: opens the connection before anything below is evaluated.
import { emptyAddress, firstConnection, router, target } from './first-connection.js';
import { startApp } from './start-app.js';
import './styles/theme.css';
import './styles/controls.css';
import './styles/dropdown.css';
import './styles/navigation.css';

/** How long the app's components wait for the connection to open before they are made anyway. */
const OPEN_WAIT_MS = 100;

// The components are made once the connection is open and the first requests have left (its handshake
// runs while the modules above are evaluated), so that the server answers while they are made rather
// than after; a server slow to open does not hold them up for long.
let started = false;
const start = (): void => {
  if (started) return;
  started = true;
  startApp({ target, router, firstConnection, emptyAddress });
};
void firstConnection.then(start, start);
setTimeout(start, OPEN_WAIT_MS);
