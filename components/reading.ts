/**
 * The reading mode and the wording the UI speaks with. The popup provides both; the in-page card
 * gets its mode as a prop and the shipped wording from the default.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Wording } from '@/lib/catalog/wording';
import { shippedWording } from '@/lib/catalog/wording-data';
import type { ReadingMode } from '@/lib/settings';

export interface Reading {
  mode: ReadingMode;
  wording: Wording;
}

export const ReadingContext = createContext<Reading>({ mode: 'biller', wording: shippedWording() });

export function useReading(): Reading {
  return useContext(ReadingContext);
}
