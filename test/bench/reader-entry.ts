// What the reader benchmark times outside the browser: the parser, and the reader's whole reading pass.
export { Reading } from '../../components/reader/reading';
export { shippedSequestration } from '../../lib/catalog/sequestration-data';
export { parse835 } from '../../lib/x12/parse835';
