import type { BrowserContext, Worker } from 'playwright-core';

export interface LaunchOptions {
  /** Unpacked extension folder, relative to the repository root or absolute. Default: .output/chrome-mv3-e2e */
  extensionDir?: string;
  /** Host names Chromium resolves to 127.0.0.1 (e.g. "portal.example.test"), or full MAP/EXCLUDE rules. */
  hostRules?: readonly string[];
  /** Default true. The demo runs headful when a display is available. */
  headless?: boolean;
  /** Launch and service-worker wait timeout in ms. Default 30000. */
  timeout?: number;
  /** More Chromium switches (e.g. --enable-unsafe-extension-debugging for the DevTools Extensions domain). */
  args?: readonly string[];
}

export interface LaunchedExtension {
  context: BrowserContext;
  /** 32 letters a-p. */
  extensionId: string;
  /** The extension's live background service worker (re-read on every access). */
  readonly worker: Worker;
  /** Absolute path of the loaded unpacked extension. */
  extensionDir: string;
  executablePath: string;
  /** Temporary profile; removed by close(). */
  userDataDir: string;
  /** Closes the browser and removes the temporary profile. Safe to call twice. */
  close(): Promise<void>;
}

export function findExecutable(browser: { name: string; envVar: string; candidates: readonly string[]; hint: string }): string;
export function findChromium(): string;
export function hostResolverArgs(hostRules: readonly string[] | undefined): string[];
export function resolveExtensionDir(extensionDir?: string): string;
export function launchExtension(options?: LaunchOptions): Promise<LaunchedExtension>;
