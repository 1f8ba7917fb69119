import type { Browser, Page } from 'puppeteer-core';

export interface FirefoxLaunchOptions {
  /** Unpacked add-on folder, relative to the repository root or absolute. Default: .output/firefox-mv2-e2e */
  extensionDir?: string;
  /** Launch timeout in ms. Default 30000. */
  timeout?: number;
  /** Host names Firefox resolves to 127.0.0.1 (the pref network.dns.localDomains), e.g. "reader-files.test". */
  localDomains?: readonly string[];
  /** More Firefox prefs (e.g. extensions.webextOptionalPermissionPrompts: false grants optional permissions without the prompt). */
  prefs?: Record<string, string | number | boolean>;
}

export interface LaunchedFirefox {
  browser: Browser;
  /** Absolute path of the installed unpacked add-on. */
  extensionDir: string;
  executablePath: string;
  /** moz-extension://UUID/file, the UUID pinned for the test profile. */
  extensionUrl(file: string): string;
  /** Loads one of our pages (e.g. "popup.html?tabId=3") in `page` and waits for it to complete. */
  openExtensionPage(page: Page, file: string): Promise<void>;
  /**
   * The colour scheme every page is told it prefers (prefers-color-scheme), for the whole browser; "light"
   * restores the default. Pages see it at once; wait on matchMedia in the page before relying on it.
   */
  setColorScheme(scheme: 'light' | 'dark'): Promise<void>;
  /** Closes Firefox (puppeteer removes its temporary profile). Safe to call twice. */
  close(): Promise<void>;
}

export const ADDON_ID: string;
export const EXTENSION_UUID: string;
export function findFirefox(): string;
export function launchFirefox(options?: FirefoxLaunchOptions): Promise<LaunchedFirefox>;
