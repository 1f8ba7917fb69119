/** The options page's "PDFs opened in Remit Lens": the sites whose PDFs open in the reader by themselves, each with Stop. */
import type { Settings } from '@/lib/settings';

export function PdfSitesList({ origins, save }: { origins: readonly string[]; save: (change: Partial<Settings>) => Promise<void> }) {
  if (origins.length === 0) {
    return (
      <p class="muted" data-testid="no-pdf-sites">
        None. On a PDF in the browser’s viewer, open the toolbar button and choose <em>Always open PDFs from this site in Remit Lens</em>.
      </p>
    );
  }
  return (
    <ul class="added" data-testid="pdf-sites">
      {origins.map((origin) => (
        <li key={origin} data-origin={origin}>
          <span class="host">{origin}</span>
          <button
            type="button"
            aria-label={`Stop opening PDFs from ${origin} in Remit Lens`}
            onClick={() => void save({ pdfSites: origins.filter((o) => o !== origin) })}
          >
            Stop
          </button>
        </li>
      ))}
    </ul>
  );
}
