// A page built from web components for `npm run bench`: a table whose every cell is a custom element
// rendering its value in its own shadow root (as design-system data grids do), and what the content
// script costs when such a page removes or re-renders rows. Each export that runs in the page is
// serialized by Playwright, so it must be self-contained.

/** @param {number} rows */
export function componentsPage(rows) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Components bench</title></head><body>
<table id="t"><thead><tr><th>Line</th><th>Group</th><th>Reason</th><th>Adj Amt</th></tr></thead><tbody id="rows"></tbody></table>
<script>
customElements.define('x-cell', class extends HTMLElement {
  constructor() {
    super();
    const span = document.createElement('span');
    span.textContent = this.getAttribute('v');
    this.attachShadow({ mode: 'open' }).append(span);
  }
});
const body = document.getElementById('rows');
for (let i = 0; i < ${rows}; i++) {
  const tr = document.createElement('tr');
  tr.innerHTML = '<td>' + (i + 1) + '</td><td><x-cell v="CO"></x-cell></td><td><x-cell v="45"></x-cell></td><td><x-cell v="12.00"></x-cell></td>';
  body.append(tr);
}
</script></body></html>`;
}

/** How the marks in the components' shadow roots read: "CODE AMOUNT" → count. */
export function componentMarkCodes() {
  /** @type {Record<string, number>} */
  const counts = {};
  for (const cell of document.querySelectorAll('x-cell')) {
    for (const mark of cell.shadowRoot?.querySelectorAll('remit-mark') ?? []) {
      const key = `${mark.getAttribute('data-remit-code')} ${mark.getAttribute('data-remit-amount') ?? ''}`.trim();
      counts[key] = (counts[key] ?? 0) + 1;
    }
  }
  return counts;
}

/** Marks inside the components' shadow roots (the page's main world sees open roots). */
export function countComponentMarks() {
  return Array.from(document.querySelectorAll('x-cell')).reduce(
    (n, cell) => n + (cell.shadowRoot?.querySelectorAll('remit-mark').length ?? 0),
    0,
  );
}

/**
 * Runs a change to the rows and returns the time until the next task: the content script's
 * MutationObserver callback (absorbing the change) runs before it.
 * @param {'remove-half' | 'rerender'} kind remove every other row one by one, or replace the body's rows at once
 */
export async function changeRows(kind) {
  const body = /** @type {HTMLElement} */ (document.getElementById('rows'));
  const rows = Array.from(body.children);
  const start = performance.now();
  if (kind === 'remove-half') for (let i = 0; i < rows.length; i += 2) rows[i]?.remove();
  else body.replaceChildren(...rows.map((row) => row.cloneNode(true)));
  await new Promise((resolve) => setTimeout(resolve, 0));
  return { ms: performance.now() - start, rows: body.children.length };
}
