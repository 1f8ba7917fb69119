/**
 * What lib/pdf reads from a PDF: pdf.js's text content, reduced to the fields layout and detection use.
 * The shapes are pdf.js's own (a `TextItem`, a `TextContent`), so the reader can hand the same object to
 * pdf.js's `TextLayer` and the item indexes here are the indexes of the text layer's spans.
 */

/** One text run as pdf.js's `getTextContent()` gives it (its `TextItem`). */
export interface PdfTextItem {
  str: string;
  /** The text's matrix in page space: [a, b, c, d, x, y]; x, y is the start of the baseline. */
  transform: number[];
  /** Width and height in page units (1/72 inch). */
  width: number;
  height: number;
  fontName: string;
  /** Whether the text continues on a new line after this item. */
  hasEOL: boolean;
  /** `ltr`, `rtl` or `ttb`. */
  dir: string;
}

/** What pdf.js says of a font: `fontFamily` is `monospace`, `serif` or `sans-serif` (or a system font's name). */
export interface PdfFontStyle {
  fontFamily: string;
  ascent: number;
  descent: number;
  vertical: boolean;
}

/** A page's text: the text content pdf.js gave (text items only, in its order) and the page's size. */
export interface PdfPageText {
  /** 1-based. */
  pageNumber: number;
  /** The page's view size in page units. */
  width: number;
  height: number;
  /** Index i is the i-th span `TextLayer` makes (`textLayer.textDivs[i]`). */
  items: PdfTextItem[];
  styles: Record<string, PdfFontStyle>;
  lang?: string | null;
}

/** Where a piece of rebuilt text came from: characters `start`..`end` of `items[item].str`. */
export interface ItemSpan {
  item: number;
  start: number;
  end: number;
}
