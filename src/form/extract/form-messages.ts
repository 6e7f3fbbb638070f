import { FORM_DOWNLOAD_PATH, FORM_VERSION } from '../form-schema.js';
import { makeFinding, NOWHERE, type Finding } from '../findings.js';
import { quote } from '../text.js';

const GET_CURRENT = `Download the current form from ${FORM_DOWNLOAD_PATH}, copy your answers into its two input tabs and send it back.`;

/** The findings that stand in for all the others when the file is not the current form. */
export const structuralFindings = {
  notRecognised: (tabs: string[]): Finding =>
    makeFinding('error', 'FORM_NOT_RECOGNISED', NOWHERE,
      `This file is not the Common Platform registration form: it has no Organisation details input or User details input tab${tabs.length ? ` (its tabs are ${listOf(tabs)})` : ''}.`,
      GET_CURRENT),
  outdated: (version: string): Finding =>
    makeFinding('error', 'FORM_OUTDATED', NOWHERE,
      `This is an older or different version of the registration form (version ${quote(version, 20)}); we can only accept version ${FORM_VERSION}.`,
      GET_CURRENT),
  layoutChanged: (tab: string): Finding =>
    makeFinding('error', 'FORM_LAYOUT_CHANGED', { tab, cell: null, field: null },
      'Most of the labels on this tab have been changed or removed, so your answers cannot be found. This is probably an older version of the form.',
      GET_CURRENT),
  tabMissing: (missing: string, tabs: string[]): Finding =>
    makeFinding('error', 'TAB_MISSING', NOWHERE,
      `The form has no "${missing}" tab${tabs.length ? ` (its tabs are ${listOf(tabs)})` : ''}, so it cannot be checked.`,
      `Use the form from ${FORM_DOWNLOAD_PATH} and keep its tabs and their names as they are.`),
  versionMissing: (): Finding =>
    makeFinding('warning', 'FORM_VERSION_MISSING', NOWHERE,
      'The form version has been removed from the form, so we could not confirm it is the current version.',
      `Next time, please use the form from ${FORM_DOWNLOAD_PATH} without changing its layout.`),
};

export function listOf(names: string[]): string {
  const shown = names.slice(0, 6).map((n) => quote(n, 30));
  return shown.join(', ') + (names.length > 6 ? ` and ${names.length - 6} more` : '');
}

export { GET_CURRENT };
