// Bundled by test/bench/lookup.mjs (Vite, IIFE) so the benchmark times the real CodeSearch over
// the shipped catalog, in Node and inside the extension's service worker.
export { shippedCatalog } from '../../lib/catalog/data';
export { CodeSearch } from '../../lib/catalog/search';
