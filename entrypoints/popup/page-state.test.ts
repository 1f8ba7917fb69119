import { describe, expect, it } from 'vitest';
import { classifyProbeError, classifyUrl, stateOfProbedPage } from './page-state';

describe('what the popup tells about a tab without a content script', () => {
  it("reads Chrome's reasons for refusing the probe (messages as Chromium 156 words them)", () => {
    expect(classifyProbeError('Cannot access a chrome:// URL')).toEqual({ kind: 'cannot-scan', reason: 'browser-page' });
    expect(classifyProbeError('Cannot access a chrome-extension:// URL of different extension')).toEqual({
      kind: 'cannot-scan',
      reason: 'browser-page',
    });
    expect(classifyProbeError('The extensions gallery cannot be scripted.')).toEqual({ kind: 'cannot-scan', reason: 'store' });
    expect(classifyProbeError('Frame with ID 0 is showing error page')).toEqual({ kind: 'cannot-scan', reason: 'error-page' });
    expect(classifyProbeError('No tab with id: 12.')).toEqual({ kind: 'cannot-scan', reason: 'no-tab' });
    expect(
      classifyProbeError('Cannot access contents of url "file:///home/a/era.html". Extension manifest must request permission'),
    ).toEqual({
      kind: 'file-access',
    });
    // A web page without host access: Chrome hides which one, so the popup cannot name it.
    expect(
      classifyProbeError('Cannot access contents of the page. Extension manifest must request permission to access the respective host.'),
    ).toEqual({ kind: 'not-enabled' });
  });

  it('reads the page itself where the probe may run', () => {
    expect(stateOfProbedPage({ contentType: 'application/pdf', protocol: 'https:', origin: 'https://a.example' })).toEqual({
      kind: 'cannot-scan',
      reason: 'pdf',
    });
    expect(stateOfProbedPage({ contentType: 'text/html', protocol: 'https:', origin: 'https://a.example' })).toEqual({
      kind: 'not-enabled',
      origin: 'https://a.example',
    });
    expect(stateOfProbedPage({ contentType: 'text/html', protocol: 'file:', origin: 'null' })).toEqual({
      kind: 'not-enabled',
      origin: 'this file',
    });
    expect(stateOfProbedPage({ contentType: 'text/html', protocol: 'about:', origin: 'null' })).toEqual({
      kind: 'cannot-scan',
      reason: 'browser-page',
    });
  });

  it('reads a URL the browser showed', () => {
    expect(classifyUrl('https://portal.example/era?id=1')).toEqual({ kind: 'not-enabled', origin: 'https://portal.example' });
    expect(classifyUrl('https://portal.example/remit.PDF')).toEqual({ kind: 'cannot-scan', reason: 'pdf' });
    expect(classifyUrl('https://chromewebstore.google.com/detail/x')).toEqual({ kind: 'cannot-scan', reason: 'store' });
    expect(classifyUrl('chrome://newtab/')).toEqual({ kind: 'cannot-scan', reason: 'browser-page' });
    expect(classifyUrl('about:blank')).toEqual({ kind: 'cannot-scan', reason: 'browser-page' });
    expect(classifyUrl('file:///C:/remits/era.html')).toEqual({ kind: 'file-access' });
  });
});
