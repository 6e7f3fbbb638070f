import type { FindingPlace } from '../findings.js';
import type { Cell } from '../read/grid.js';

/** One answer as found: the cell (null when blank) and where it is, for the findings. */
export interface Answer {
  cell: Cell | null;
  text: string;
  place: FindingPlace;
}

export interface UserRow {
  row: number;
  answers: Record<string, Answer>;
}

/** The form's answers located by label, before any rule has looked at them. */
export interface RawForm {
  version: string | null;
  organisation: Record<string, Answer>;
  users: UserRow[];
  date1904: boolean;
}
