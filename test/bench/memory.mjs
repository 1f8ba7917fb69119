// Memory of one page's renderer over CDP, after forcing garbage collection.

/**
 * V8 heap (every world of the renderer's isolate: the page and the content script's isolated world), Blink's
 * embedder heap (garbage-collected DOM objects, where marks live) when Chromium reports it, DOM node and event
 * listener counts.
 * @param {import('playwright-core').CDPSession} session
 */
export async function measureMemory(session) {
  await session.send('HeapProfiler.enable');
  await session.send('HeapProfiler.collectGarbage');
  await session.send('HeapProfiler.collectGarbage');
  await session.send('HeapProfiler.disable');
  const heap = /** @type {{ usedSize: number, embedderHeapUsedSize?: number }} */ (await session.send('Runtime.getHeapUsage'));
  await session.send('Performance.enable');
  const { metrics } = await session.send('Performance.getMetrics');
  const metric = (name) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
  return { v8: heap.usedSize, embedder: heap.embedderHeapUsedSize, nodes: metric('Nodes'), listeners: metric('JSEventListeners') };
}
