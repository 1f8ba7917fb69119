/**
 * The options page's browser wiring for importing official X12 wording (components/OfficialImport):
 * read the file, validate it with lib/catalog/official-import, then store it in one write, so the
 * wording in use is never lost or half-replaced. The background reads the same storage key.
 */
import { browser } from 'wxt/browser';
import {
  decodeOfficialFile,
  type KnownCodeLists,
  mergeOfficial,
  OFFICIAL_LIMITS,
  OFFICIAL_STORAGE_KEY,
  type OfficialImportApi,
  officialStatus,
  parseOfficialList,
  readStoredOfficial,
  removeOfficial,
  type StoredOfficial,
} from '@/lib/catalog/official-import';
import { asker } from '@/lib/messages';

export { OfficialImport } from '@/components/OfficialImport';

/** What the API needs from the browser; tests pass fakes. */
export interface OfficialImportDeps {
  storage: {
    get(key: string): Promise<Record<string, unknown>>;
    set(items: Record<string, unknown>): Promise<void>;
    remove(key: string): Promise<void>;
  };
  /** The catalog's codes, to warn about codes this release does not know; undefined if unavailable. */
  knownCodes(): Promise<KnownCodeLists | undefined>;
  now(): Date;
}

function browserDeps(): OfficialImportDeps {
  return {
    storage: browser.storage.local,
    async knownCodes() {
      try {
        return await asker((message) => browser.runtime.sendMessage(message))({ type: 'catalog:known' });
      } catch {
        return undefined;
      }
    },
    now: () => new Date(),
  };
}

export function officialImportApi(deps: OfficialImportDeps = browserDeps()): OfficialImportApi {
  const readStored = async (): Promise<StoredOfficial | undefined> =>
    readStoredOfficial((await deps.storage.get(OFFICIAL_STORAGE_KEY))[OFFICIAL_STORAGE_KEY]);

  return {
    status: async () => officialStatus(await readStored()),

    async importFile(file, kind) {
      // Checked before reading, so a huge file is never loaded into the page.
      if (file.size > OFFICIAL_LIMITS.maxBytes) {
        return {
          ok: false,
          error: `The file is larger than ${OFFICIAL_LIMITS.maxBytes / 1024 / 1024} MB; an official code list is far smaller.`,
        };
      }
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await file.arrayBuffer());
      } catch {
        return { ok: false, error: 'The file could not be read.' };
      }
      const decoded = decodeOfficialFile(bytes);
      if (!decoded.ok) return { ok: false, error: decoded.error };
      const parsed = parseOfficialList(decoded.text, { kind, known: await deps.knownCodes() });
      if (!parsed.ok) return { ok: false, error: parsed.error };
      try {
        const next = mergeOfficial(await readStored(), parsed.list, file.name, deps.now().toISOString());
        // One write holding the whole result: it lands entirely or not at all.
        await deps.storage.set({ [OFFICIAL_STORAGE_KEY]: next });
        return {
          ok: true,
          fileName: file.name,
          count: parsed.list.count,
          kind: parsed.list.kind,
          warnings: [...decoded.warnings, ...parsed.list.warnings],
          status: officialStatus(next),
        };
      } catch {
        return { ok: false, error: 'The list could not be saved in the browser.' };
      }
    },

    async remove(kind) {
      const next = removeOfficial(await readStored(), kind);
      if (next.carc || next.rarc) await deps.storage.set({ [OFFICIAL_STORAGE_KEY]: next });
      else await deps.storage.remove(OFFICIAL_STORAGE_KEY);
      return officialStatus(next);
    },
  };
}
