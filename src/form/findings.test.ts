import { describe, expect, it } from 'vitest';
import { structuralFindings } from './extract/form-messages.js';
import { describeCells, findingCells, makeFinding, placeAtCells } from './findings.js';
import { english } from './messages/en.js';
import { describeFinding, renderFinding } from './messages/render-finding.js';
import type { UnreadableCode } from './read/read-errors.js';
import { unreadableFinding } from './read/unreadable-findings.js';

// Every code, so a new one cannot be left out of the link check below.
const UNREADABLE: Record<UnreadableCode, true> = {
  FILE_EMPTY: true,
  FILE_TOO_LARGE: true,
  FILE_LEGACY_XLS: true,
  FILE_MACRO_ENABLED: true,
  FILE_ODS: true,
  FILE_NUMBERS: true,
  FILE_ENCRYPTED: true,
  FILE_WORD_DOCUMENT: true,
  FILE_PDF: true,
  FILE_NOT_SPREADSHEET: true,
  FILE_CORRUPT: true,
  FILE_ZIP_BOMB: true,
  FILE_XML_BOMB: true,
  FILE_TOO_MANY_ROWS: true,
  FILE_TIMEOUT: true,
  FILE_TOO_COMPLEX: true,
  FILE_CHECK_FAILED: true,
};

describe('describeCells', () => {
  it.each([
    [['B7'], 'B7'],
    [['B12', 'B13', 'B14'], 'B12 to B14'],
    [['A6', 'A7'], 'A6 and A7'],
    [['E5', 'E6', 'E7', 'E9', 'E11'], 'E5 to E7, E9 and E11'],
    [['B12', 'C12'], 'B12 and C12'],
    [Array.from({ length: 12 }, (_, i) => `E${5 + 2 * i}`), 'E5, E7, E9, E11, E13, E15, E17, E19 and 4 more'],
    [Array.from({ length: 900 }, (_, i) => `E${5 + i}`), 'E5 to E904'],
  ])('names %j as "%s"', (cells, text) => {
    expect(describeCells(cells)).toBe(text);
  });
});

describe('a finding about several cells', () => {
  it('keeps the first as its cell, lists them all, and says so in its message', () => {
    const finding = makeFinding('error', 'NO_ORGANISATION_ADMINISTRATOR', placeAtCells('User details input', ['E5', undefined, 'E6', null, 'E7'], 'Role'), {});
    expect(finding).toMatchObject({ tab: 'User details input', cell: 'E5', cells: ['E5', 'E6', 'E7'], field: 'Role' });
    expect(describeFinding(finding)).toMatch(/^On the User details input tab, cells E5 to E7 \(Role\): No user has the role/);
    expect(findingCells(finding)).toEqual(['E5', 'E6', 'E7']);
  });

  it('is an ordinary one-cell finding when only one cell is known, and has no cell when none is', () => {
    const one = makeFinding('error', 'NO_ORGANISATION_ADMINISTRATOR', placeAtCells('User details input', [undefined, 'E6'], 'Role'), {});
    expect(one).not.toHaveProperty('cells');
    expect(one).toMatchObject({ cell: 'E6' });
    expect(describeFinding(one)).toMatch(/^On the User details input tab, cell E6 \(Role\): No user/);
    expect(english.placePrefix({ tab: 'User details input', cells: [], field: null }, false)).toBe('On the User details input tab: ');
    expect(findingCells({ cell: null })).toEqual([]);
  });
});

describe('links to the form', () => {
  it('are full addresses when a base is given, in the message and the suggestion, but not in what the sender wrote', () => {
    const finding = structuralFindings.notRecognised(['see /forms/registration.xlsx']);
    const linked = renderFinding(finding, 'en', { baseUrl: 'https://onboarding.example.gov.uk' });
    expect(linked).toMatchObject({
      message:
        'This file is not the Common Platform registration form: it has no Organisation details input or User details input tab (its tabs are "see /forms/registration.xlsx").',
      suggestion:
        'Download the current form from https://onboarding.example.gov.uk/forms/registration.xlsx, copy your answers into its two input tabs and send it back.',
    });
  });

  it('reach every finding that names the download, so no relative link is left for a firm to read', () => {
    const { notRecognised, outdated, layoutChanged, tabMissing, versionMissing } = structuralFindings;
    const findings = [
      notRecognised(['Sheet1']),
      outdated('2025.1'),
      layoutChanged('User details input'),
      tabMissing('User details input', ['Sheet1']),
      versionMissing(),
      ...(Object.keys(UNREADABLE) as UnreadableCode[]).map(unreadableFinding),
    ];
    for (const language of ['en', 'cy'] as const) {
      for (const f of findings) {
        const { message, suggestion } = renderFinding(f, language, { baseUrl: 'https://onboarding.example.gov.uk' });
        expect(`${message} ${suggestion}`).not.toMatch(/(^|[^\w.])\/forms\//);
      }
    }
  });
});
