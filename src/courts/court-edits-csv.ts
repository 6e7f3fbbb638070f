import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { CourtEdit } from './court-directory.js';

export type CourtCsvResult = { ok: true; edits: CourtEdit[] } | { ok: false; problems: string[] };

const RowSchema = z.object({
  code: z.string().trim().min(1, 'has no court code').max(20),
  // Blank, "live" or "none" mean the court already uses Common Platform.
  goLiveDate: z
    .string()
    .trim()
    .transform((value) => (/^(|live|none|null)$/i.test(value) ? null : value))
    .pipe(z.iso.date('is not a date written YYYY-MM-DD').nullable()),
});

/**
 * Go-live dates from a spreadsheet staff upload: a header row with `code` and `go_live_date` (or
 * `goLiveDate`), any other columns ignored. Every row is checked before anything is applied.
 */
export function parseCourtEditsCsv(text: string): CourtCsvResult {
  let rows: Record<string, string>[];
  try {
    rows = parse(text.replace(/^\uFEFF/, ''), {
      columns: (header: string[]) =>
        header.map((h) =>
          h
            .trim()
            .toLowerCase()
            .replace(/[\s_-]/g, ''),
        ),
      skip_empty_lines: true,
      relax_column_count: true,
    });
  } catch {
    return { ok: false, problems: ['The file is not a CSV file'] };
  }
  if (rows.length === 0 || !('code' in rows[0]!) || !('golivedate' in rows[0]!)) {
    return { ok: false, problems: ['The first row must name the columns code and go_live_date'] };
  }
  const edits: CourtEdit[] = [];
  const problems: string[] = [];
  rows.forEach((row, i) => {
    const parsed = RowSchema.safeParse({ code: row.code ?? '', goLiveDate: row.golivedate ?? '' });
    if (parsed.success) edits.push(parsed.data);
    else problems.push(`Row ${i + 2} ${parsed.error.issues[0]?.message ?? 'is not valid'}`);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, edits };
}
