/**
 * Saves text as a file the user downloads, made in the extension page from what it shows (a tally, a
 * reader's CSV): nothing is uploaded. The object URL is let go once the browser has taken the file.
 */
export function downloadText(filename: string, text: string, type: string, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
