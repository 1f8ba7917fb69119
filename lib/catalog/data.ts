/** The catalog as shipped: our data files, bundled into the background worker only. */

import steps from '../../data/advice/step-text.tsv?raw';
import advice from '../../data/advice/steps.tsv?raw';
import carcGuidance from '../../data/guidance/carc.tsv?raw';
import rarcGuidance from '../../data/guidance/rarc.tsv?raw';
import sequestration from '../../data/sequestration.tsv?raw';
import carcWording from '../../data/wording/carc.tsv?raw';
import groups from '../../data/wording/groups.tsv?raw';
import headlines from '../../data/wording/headlines.tsv?raw';
import patientWording from '../../data/wording/patient.tsv?raw';
import plb from '../../data/wording/plb.tsv?raw';
import rarcWording from '../../data/wording/rarc.tsv?raw';
import ui from '../../data/wording/ui.tsv?raw';
import carcFacts from '../../data/x12/carc.tsv?raw';
import rarcFacts from '../../data/x12/rarc.tsv?raw';
import { buildCatalog, type Catalog, type CatalogSources } from './catalog';

export const shippedSources: CatalogSources = {
  carcFacts,
  rarcFacts,
  carcWording,
  rarcWording,
  headlines,
  patientWording,
  groups,
  ui,
  carcGuidance,
  rarcGuidance,
  advice,
  steps,
  sequestration,
  plb,
};

let cached: Catalog | undefined;

/** Parsed on first use: the worker may be woken many times, the catalog is built once per wake. */
export function shippedCatalog(): Catalog {
  cached ??= buildCatalog(shippedSources);
  return cached;
}
