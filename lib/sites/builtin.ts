/**
 * Hosts where the content script runs without the user asking. Each entry says why it is here,
 * so the list can be reviewed (and shown on the options page). Everything else is opt-in from
 * the popup ("Annotate this page" / "Always annotate this site").
 */
export interface BuiltinSite {
  /** Registrable domain; the content script runs on it and its subdomains, https only. */
  host: string;
  name: string;
  kind: 'portal' | 'payer' | 'clearinghouse' | 'medicare-contractor' | 'patient';
  why: string;
}

export const builtinSites: readonly BuiltinSite[] = [
  {
    host: 'availity.com',
    name: 'Availity',
    kind: 'portal',
    why: 'Multi-payer provider portal: ERA/remittance viewer, claim status, EOB PDFs.',
  },
  {
    host: 'navinet.net',
    name: 'NaviNet',
    kind: 'portal',
    why: 'Multi-payer provider portal (Highmark, AmeriHealth and others): claim status and remittances.',
  },
  {
    host: 'uhcprovider.com',
    name: 'UnitedHealthcare Provider Portal',
    kind: 'payer',
    why: 'Claim and payment status with adjustment and remark codes.',
  },
  {
    host: 'optum.com',
    name: 'Optum / Optum Pay',
    kind: 'payer',
    why: 'Optum Pay remittance viewer and ERA downloads for UnitedHealthcare claims.',
  },
  { host: 'myuhc.com', name: 'myUHC', kind: 'patient', why: 'Member claims and EOBs for UnitedHealthcare patients.' },
  { host: 'aetna.com', name: 'Aetna', kind: 'payer', why: 'Member EOBs and provider claim details.' },
  { host: 'cigna.com', name: 'Cigna (CignaforHCP, myCigna)', kind: 'payer', why: 'Provider remittances and member EOBs.' },
  { host: 'anthem.com', name: 'Anthem', kind: 'payer', why: 'Member EOBs and provider claim detail pages.' },
  { host: 'humana.com', name: 'Humana', kind: 'payer', why: 'Medicare Advantage and commercial EOBs and provider remits.' },
  { host: 'bcbs.com', name: 'Blue Cross Blue Shield', kind: 'payer', why: 'BCBS association and plan member pages with claim detail.' },
  { host: 'kp.org', name: 'Kaiser Permanente', kind: 'payer', why: 'Member claims and explanation-of-benefits pages.' },
  { host: 'changehealthcare.com', name: 'Change Healthcare', kind: 'clearinghouse', why: 'Clearinghouse ERA and claim-status screens.' },
  { host: 'waystar.com', name: 'Waystar', kind: 'clearinghouse', why: 'Clearinghouse remittance and denial-management screens.' },
  { host: 'officeally.com', name: 'Office Ally', kind: 'clearinghouse', why: 'Clearinghouse ERA viewer with CAS and remark codes.' },
  {
    host: 'gatewayedi.com',
    name: 'TriZetto Provider Solutions',
    kind: 'clearinghouse',
    why: 'Clearinghouse ERA and claim-status reports.',
  },
  { host: 'claim.md', name: 'Claim.MD', kind: 'clearinghouse', why: 'Clearinghouse ERA viewer.' },
  {
    host: 'novitas-solutions.com',
    name: 'Novitas Solutions (Medicare JH/JL)',
    kind: 'medicare-contractor',
    why: 'Novitasphere portal: Medicare remittances and claim status.',
  },
  {
    host: 'palmettogba.com',
    name: 'Palmetto GBA (Medicare JJ/JM, RR)',
    kind: 'medicare-contractor',
    why: 'eServices portal: Medicare remittances and claim status.',
  },
  {
    host: 'cgsmedicare.com',
    name: 'CGS Medicare (J15, DME B/C)',
    kind: 'medicare-contractor',
    why: 'myCGS portal: remittances and claim status.',
  },
  {
    host: 'wpsgha.com',
    name: 'WPS Government Health Administrators (J5/J8)',
    kind: 'medicare-contractor',
    why: 'WPS portal: Medicare remittances.',
  },
  {
    host: 'noridianmedicare.com',
    name: 'Noridian (Medicare JE/JF, DME A/D)',
    kind: 'medicare-contractor',
    why: 'Noridian Medicare Portal: remittances and claim status.',
  },
  {
    host: 'ngsmedicare.com',
    name: 'National Government Services (JK/J6)',
    kind: 'medicare-contractor',
    why: 'NGSConnex: Medicare remittances and claim status.',
  },
  { host: 'fcso.com', name: 'First Coast Service Options (JN)', kind: 'medicare-contractor', why: 'SPOT portal: Medicare remittances.' },
  {
    host: 'medicare.gov',
    name: 'Medicare.gov',
    kind: 'patient',
    why: 'Patients read their Medicare claims and Medicare Summary Notices here.',
  },
  { host: 'emedny.org', name: 'eMedNY (New York Medicaid)', kind: 'payer', why: 'ePACES remittances for NY Medicaid.' },
  {
    host: 'tricare-west.com',
    name: 'TRICARE West (Health Net Federal Services)',
    kind: 'payer',
    why: 'Claims and remittances for TRICARE West services up to 2024, still read for appeals and corrections.',
  },
  {
    host: 'triwest.com',
    name: 'TRICARE West (TriWest)',
    kind: 'payer',
    why: 'Provider claim status and remittances for TRICARE West from 2025.',
  },
  {
    host: 'humanamilitary.com',
    name: 'TRICARE East (Humana Military)',
    kind: 'payer',
    why: 'Provider claim status and remittances for TRICARE East.',
  },
  {
    host: 'mycigna.com',
    name: 'myCigna',
    kind: 'patient',
    why: 'Member claims and EOBs for Cigna patients (a separate domain from cigna.com).',
  },
  { host: 'uhc.com', name: 'UnitedHealthcare', kind: 'patient', why: 'Member claim and EOB pages outside myuhc.com.' },
  {
    host: 'athenahealth.com',
    name: 'athenaOne (athenaNet)',
    kind: 'portal',
    why: 'Practice-management system where billers post ERAs and work denials.',
  },
  { host: 'kareo.com', name: 'Tebra (Kareo)', kind: 'portal', why: 'Practice-management system: ERA posting and claim rejections.' },
  { host: 'advancedmd.com', name: 'AdvancedMD', kind: 'portal', why: 'Practice-management system: ERA posting and denial worklists.' },
  { host: 'wellcare.com', name: 'WellCare', kind: 'payer', why: 'Medicare Advantage and Medicaid EOBs and provider remits.' },
  { host: 'centene.com', name: 'Centene', kind: 'payer', why: 'Provider portal for Centene Medicaid and Marketplace plans.' },
];

/** Match patterns for one registrable host: the host itself and every subdomain, https only. */
export function hostMatches(host: string): string[] {
  return [`https://${host}/*`, `https://*.${host}/*`];
}

/**
 * Stand-ins for built-in hosts in the e2e build only (its content script also runs on localhost),
 * so tests can switch a "built-in" site off through the real options page.
 */
export const e2eSites: readonly BuiltinSite[] = [
  { host: '127.0.0.1', name: 'Local test server (e2e build only)', kind: 'portal', why: 'Fixture pages served by the tests.' },
  { host: 'localhost', name: 'Local test server (e2e build only)', kind: 'portal', why: 'Fixture pages served by the tests.' },
];

/** The sites the options page lists: the built-ins, plus the local stand-ins in the e2e build. */
export function sitesFor(mode: string): readonly BuiltinSite[] {
  return mode === 'e2e' ? [...builtinSites, ...e2eSites] : builtinSites;
}

/** True when `hostname` is `host` or one of its subdomains. */
export function hostIs(hostname: string, host: string): boolean {
  const h = hostname.toLowerCase();
  return h === host || h.endsWith(`.${host}`);
}

/** The built-in (or e2e stand-in) site a page belongs to, if any. */
export function builtinSiteOf(hostname: string, sites: readonly BuiltinSite[] = [...builtinSites, ...e2eSites]): BuiltinSite | undefined {
  return sites.find((site) => hostIs(hostname, site.host));
}

/** True when the user (or policy) switched off the built-in site this page belongs to. */
export function isSwitchedOff(hostname: string, disabledBuiltins: readonly string[]): boolean {
  return disabledBuiltins.some((host) => hostIs(hostname, host.toLowerCase()));
}

export const contentMatches = {
  production: builtinSites.flatMap((site) => hostMatches(site.host)),
  /** Added to the e2e build only, so tests can serve fixture pages locally. */
  e2e: ['http://localhost/*', 'http://127.0.0.1/*'],
} as const;
