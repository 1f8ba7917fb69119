/**
 * The claim list: all claims when there are few (and when printing), a virtualized window
 * (@tanstack/virtual-core, scrolling with the page) when there are many, so a 20,000-claim file
 * keeps only the claims on screen in the DOM.
 */
import {
  measureElement,
  observeWindowOffset,
  observeWindowRect,
  type VirtualItem,
  Virtualizer,
  windowScroll,
} from '@tanstack/virtual-core';
import type { ComponentChild } from 'preact';
import { useLayoutEffect, useMemo, useReducer, useRef } from 'preact/hooks';
import type { ClaimEntry } from './reading';

/** Up to this many claims render in full; above, the list is virtualized. */
export const FULL_LIST_MAX = 100;

export interface ClaimListProps {
  entries: readonly ClaimEntry[];
  /** Print everything shown: the full list is rendered while printing. */
  printing: boolean;
  render(entry: ClaimEntry): ComponentChild;
}

/** Printing renders the claims shown in full, up to this many (a filter narrows what prints). */
export const PRINT_MAX = 2000;

export function ClaimList({ entries, printing, render }: ClaimListProps) {
  if (entries.length <= FULL_LIST_MAX || printing) {
    const printed = printing ? entries.slice(0, PRINT_MAX) : entries;
    return (
      <div class="claims" data-virtual="false">
        {printed.map((e) => (
          <div class="claim-slot" key={e.claim.key}>
            {render(e)}
          </div>
        ))}
        {printed.length < entries.length ? (
          <p class="banner">
            Printed the first {PRINT_MAX.toLocaleString('en-US')} of the {entries.length.toLocaleString('en-US')} claims shown: narrow the
            filter to print the others.
          </p>
        ) : null}
      </div>
    );
  }
  return <VirtualList entries={entries} render={render} />;
}

/** Rough height of a claim before it is measured: its header and figures, then a row per line. */
function estimate(e: ClaimEntry | undefined): number {
  if (!e) return 200;
  return 190 + 34 * e.claim.lines.length + (e.claim.lines.length > 0 ? 40 : 0);
}

function VirtualList({ entries, render }: { entries: readonly ClaimEntry[]; render(entry: ClaimEntry): ComponentChild }) {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const list = useRef<HTMLDivElement>(null);
  const latest = useRef(entries);
  latest.current = entries;

  const virtualizer = useMemo(
    () =>
      new Virtualizer<Window, HTMLDivElement>({
        count: 0,
        getScrollElement: () => window,
        estimateSize: (i) => estimate(latest.current[i]),
        scrollToFn: windowScroll,
        observeElementRect: observeWindowRect,
        observeElementOffset: observeWindowOffset,
        measureElement,
        overscan: 4,
        getItemKey: (i) => latest.current[i]?.claim.key ?? i,
        onChange: () => rerender(undefined),
      }),
    [],
  );

  const scrollMargin = list.current ? list.current.getBoundingClientRect().top + window.scrollY : 0;
  virtualizer.setOptions({ ...virtualizer.options, count: entries.length, scrollMargin });
  useLayoutEffect(() => virtualizer._didMount(), [virtualizer]);
  useLayoutEffect(() => {
    virtualizer._willUpdate();
    // The list's place on the page moves as the summary above it grows: keep the margin true.
    const top = list.current ? list.current.getBoundingClientRect().top + window.scrollY : 0;
    if (Math.abs(top - virtualizer.options.scrollMargin) > 1) {
      virtualizer.setOptions({ ...virtualizer.options, scrollMargin: top });
      rerender(undefined);
    }
  });

  const items: VirtualItem[] = virtualizer.getVirtualItems();
  return (
    <div class="claims" data-virtual="true" ref={list} style={{ height: `${virtualizer.getTotalSize()}px` }}>
      {items.map((item) => {
        const e = entries[item.index];
        if (!e) return null;
        return (
          <div
            key={String(item.key)}
            class="claim-slot virtual"
            data-index={item.index}
            ref={(el) => {
              if (el) virtualizer.measureElement(el);
            }}
            style={{ transform: `translateY(${item.start - virtualizer.options.scrollMargin}px)` }}
          >
            {render(e)}
          </div>
        );
      })}
    </div>
  );
}
