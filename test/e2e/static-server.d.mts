/** One request the static server answered (what reached it, not what the browser attempted). */
export interface ServedRequest {
  method: string;
  /** Raw request target, e.g. "/smoke.html?x=1". */
  url: string;
  /** Host header, e.g. "127.0.0.1:41234" or "portal.example.test:41234". */
  host: string;
  status: number;
}

export interface StaticServer {
  /** http://127.0.0.1:PORT (no trailing slash). */
  origin: string;
  port: number;
  /** Absolute folder being served. */
  root: string;
  /** Every request answered so far, in order. */
  requests: ServedRequest[];
  /** The same server under another host name, e.g. originFor('portal.example.test'); needs launchExtension({ hostRules }). */
  originFor(host?: string): string;
  /** Full URL of a fixture: url('smoke.html') or url('demo/remittance.html', 'portal.example.test'). */
  url(pathname: string, host?: string): string;
  close(): Promise<void>;
}

export const projectRoot: string;
export const contentTypes: Readonly<Record<string, string>>;
export function resolveFile(root: string, requestUrl: string): Promise<string | undefined>;
export function startServer(root?: string): Promise<StaticServer>;
