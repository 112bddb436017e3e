import { describe, expect, it } from 'vitest';
import { isAppPageUrl, pageSource } from '../../electron/main/app-page.js';
import { senderRefusal } from '../../electron/main/sender-check.js';

const built = pageSource({
  rendererDir: '/opt/Eventfold/resources/app.asar/out/renderer',
  devServerUrl: undefined,
  isPackaged: true,
});
const dev = pageSource({
  rendererDir: '/src/out/renderer',
  devServerUrl: 'http://localhost:5173',
  isPackaged: false,
});
const pageUrl = 'app://eventfold/index.html';

describe('isAppPageUrl', () => {
  it('accepts the built index.html on app://eventfold/ with any query or hash, and nothing else', () => {
    expect(isAppPageUrl(pageUrl, built)).toBe(true);
    expect(isAppPageUrl(`${pageUrl}?x=1#log`, built)).toBe(true);
    expect(isAppPageUrl('app://eventfold/other.html', built)).toBe(false);
    expect(isAppPageUrl('app://other/index.html', built)).toBe(false);
    expect(isAppPageUrl('file:///opt/Eventfold/resources/app.asar/out/renderer/index.html', built)).toBe(
      false,
    );
    expect(isAppPageUrl('file:///etc/passwd', built)).toBe(false);
    expect(isAppPageUrl('http://localhost:5173/', built)).toBe(false);
    expect(isAppPageUrl('', built)).toBe(false);
  });

  it('accepts the dev server’s origin in development, and not another port or host', () => {
    expect(isAppPageUrl('http://localhost:5173/', dev)).toBe(true);
    expect(isAppPageUrl('http://localhost:5173/src/index.html?x', dev)).toBe(true);
    expect(isAppPageUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isAppPageUrl('http://127.0.0.1:5173/', dev)).toBe(false);
    expect(isAppPageUrl('file:///src/out/renderer/index.html', dev)).toBe(false);
  });
});

describe('senderRefusal', () => {
  const top = { url: pageUrl, parent: null };

  it('lets the top frame of our window showing our page through', () => {
    expect(senderRefusal(top, true, built)).toBeUndefined();
  });

  it('names why anything else is refused', () => {
    expect(senderRefusal(top, false, built)).toMatch(/window Eventfold did not open/);
    expect(senderRefusal(null, true, built)).toMatch(/frame is gone/);
    expect(senderRefusal({ url: pageUrl, parent: top }, true, built)).toMatch(/subframe/);
    expect(senderRefusal({ url: 'https://evil.example/', parent: null }, true, built)).toContain(
      'https://evil.example/',
    );
  });
});
