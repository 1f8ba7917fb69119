import { browser } from 'wxt/browser';
import { toKnownCodes } from '@/lib/catalog/catalog';
import { shippedCatalog } from '@/lib/catalog/data';
import { explain } from '@/lib/catalog/explain';
import { CodeSearch } from '@/lib/catalog/search';
import { decodeText } from '@/lib/decode';
import { type BackgroundRequest, type BackgroundResponses, isBackgroundRequest } from '@/lib/messages';

const MAX_BATCH = 5000;
let search: CodeSearch | undefined;

/** Answers one typed request; exported for unit tests through fakeBrowser. */
export function answer(request: BackgroundRequest): BackgroundResponses[BackgroundRequest['type']] {
  const catalog = shippedCatalog();
  switch (request.type) {
    case 'catalog:known':
      return catalog.knownCodes();
    case 'catalog:explain':
      return request.items.slice(0, MAX_BATCH).map((item) => explain(catalog, item));
    case 'catalog:search':
      search ??= new CodeSearch(catalog);
      return search.search(String(request.query).slice(0, 200), request.limit);
    case 'decode':
      return decodeText(String(request.text), toKnownCodes(catalog.knownCodes()));
  }
}

export default defineBackground(() => {
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    // Only our own extension's pages and content scripts may ask.
    if (sender.id !== browser.runtime.id || !isBackgroundRequest(message)) return undefined;
    return Promise.resolve(answer(message));
  });
});
