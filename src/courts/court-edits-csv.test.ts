import { describe, expect, it } from 'vitest';
import { parseCourtEditsCsv } from './court-edits-csv.js';

describe('court go-live dates from CSV', () => {
  it('reads codes and dates, blank or "live" meaning already live, ignoring other columns and a BOM', () => {
    const result = parseCourtEditsCsv('\uFEFFCourt name,Code,Go live date\nLeeds,429,2027-03-01\nBristol,408,\nCardiff,411,live\n');
    expect(result).toEqual({
      ok: true,
      edits: [
        { code: '429', goLiveDate: '2027-03-01' },
        { code: '408', goLiveDate: null },
        { code: '411', goLiveDate: null },
      ],
    });
  });

  it('names every bad row and applies none of them', () => {
    const result = parseCourtEditsCsv('code,go_live_date\n429,1 March 2027\n,2027-01-01\n408,2027-01-01\n');
    expect(result).toEqual({ ok: false, problems: ['Row 2 is not a date written YYYY-MM-DD', 'Row 3 has no court code'] });
  });

  it('needs the two columns named in the first row', () => {
    expect(parseCourtEditsCsv('429,2027-03-01\n')).toEqual({ ok: false, problems: ['The first row must name the columns code and go_live_date'] });
  });
});
