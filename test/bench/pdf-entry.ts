// What the PDF bench runs, bundled by Vite as the extension would bundle it (lib/pdf with the shipped
// catalog), for plain Node; pdf.js comes from the bench (its legacy build), as a reader page passes its own.

export { toKnownCodes } from '../../lib/catalog/catalog';
export { shippedCatalog } from '../../lib/catalog/data';
export { DocumentDetector } from '../../lib/pdf/document';
export { openPdf } from '../../lib/pdf/load';
export { readPdf } from '../../lib/pdf/read';
