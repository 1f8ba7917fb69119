// The shipped catalog's code sets, for tests of detection and scanning.
import { toKnownCodes } from '@/lib/catalog/catalog';
import { shippedCatalog } from '@/lib/catalog/data';
import type { KnownCodes } from '@/lib/detect/types';

export const known: KnownCodes = toKnownCodes(shippedCatalog().knownCodes());
