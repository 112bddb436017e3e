import { describe, expect, it } from 'vitest';
import { isSameDocument } from '../../electron/main/navigation-policy.js';

const page = 'file:///opt/Eventfold/resources/out/renderer/index.html?folder=%2Fhome%2Fa';

describe('isSameDocument', () => {
  it('allows the page to change its own query or hash', () => {
    expect(
      isSameDocument('file:///opt/Eventfold/resources/out/renderer/index.html?folder=%2Ftmp', page),
    ).toBe(true);
    expect(isSameDocument('file:///opt/Eventfold/resources/out/renderer/index.html#streams', page)).toBe(
      true,
    );
  });

  it('refuses other files, other origins and unparsable addresses', () => {
    expect(isSameDocument('file:///etc/passwd', page)).toBe(false);
    expect(isSameDocument('https://example.com/', page)).toBe(false);
    expect(isSameDocument('http://127.0.0.1:5173/', 'http://127.0.0.1:5174/')).toBe(false);
    expect(isSameDocument('not a url', page)).toBe(false);
  });
});
