import { FORM_VERSION } from '../form-schema.js';
import { makeFinding, NOWHERE, type Finding } from '../findings.js';
import { quote } from '../text.js';

const SHOWN_TABS = 6;

/** The sender's tab names as a finding shows them: the first few, quoted, and how many more. */
function tabNames(names: string[]): { tabs: string[]; moreTabs: number } {
  return { tabs: names.slice(0, SHOWN_TABS).map((n) => quote(n, 30)), moreTabs: Math.max(0, names.length - SHOWN_TABS) };
}

/** The findings that stand in for all the others when the file is not the current form. */
export const structuralFindings = {
  notRecognised: (tabs: string[]): Finding => makeFinding('error', 'FORM_NOT_RECOGNISED', NOWHERE, tabNames(tabs)),
  outdated: (version: string): Finding => makeFinding('error', 'FORM_OUTDATED', NOWHERE, { version: quote(version, 20), accepted: FORM_VERSION }),
  layoutChanged: (tab: string): Finding => makeFinding('error', 'FORM_LAYOUT_CHANGED', { tab, cell: null, field: null }, {}),
  tabMissing: (missing: string, tabs: string[]): Finding => makeFinding('error', 'TAB_MISSING', NOWHERE, { missing, ...tabNames(tabs) }),
  versionMissing: (): Finding => makeFinding('warning', 'FORM_VERSION_MISSING', NOWHERE, {}),
};
