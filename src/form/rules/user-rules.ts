import type { Answer, RawForm } from '../extract/raw-form.js';
import { makeFinding, placeAtCells } from '../findings.js';
import { LIMITS, ROLES, TABS, USER_COLUMNS, type FieldSpec, type OrganisationType, type Role } from '../form-schema.js';
import type { RegisteredUser } from '../registration.js';
import { quote } from '../text.js';
import { matchChoice, splitList } from '../values/choices.js';
import { isPlaceholder, type AnswerReader } from './read-answer.js';

const column = (key: string): FieldSpec => USER_COLUMNS.find((c) => c.key === key) as FieldSpec;
const SOLE_BARRISTER_ROLES: Role[] = ['organisation-administrator', 'advocate'];

/** The user tab: one row per user, then the rules across users and the organisation type. */
export function checkUsers(form: RawForm, reader: AnswerReader, type: OrganisationType | null): RegisteredUser[] | null {
  const place = { tab: TABS.users, cell: null, field: null };
  if (form.users.length === 0) {
    reader.findings.push(makeFinding('error', 'NO_USERS', place, {}));
    return null;
  }
  if (form.users.length > LIMITS.maxUsers) {
    reader.findings.push(makeFinding('error', 'TOO_MANY_USERS', place, { count: form.users.length, max: LIMITS.maxUsers }));
    return null;
  }
  const users: (RegisteredUser | null)[] = [];
  const emailRows = new Map<string, number>();
  const mobileRows = new Map<string, number>();
  for (const { row, answers } of form.users) {
    const user = {
      firstName: reader.text(answers.firstName, column('firstName'), 100),
      lastName: reader.text(answers.lastName, column('lastName'), 100),
      email: reader.email(answers.email, column('email')),
      mobileE164: reader.mobile(answers.mobile, column('mobile')),
      roles: readRoles(reader, answers.role, answers.otherRoles),
    };
    const firstRow = user.email ? emailRows.get(user.email) : undefined;
    if (user.email && firstRow !== undefined && answers.email) {
      reader.error('DUPLICATE_EMAIL', answers.email, { value: quote(user.email), firstRow });
      user.email = null;
    } else if (user.email) emailRows.set(user.email, row);
    const mobileRow = user.mobileE164 ? mobileRows.get(user.mobileE164) : undefined;
    if (mobileRow !== undefined && answers.mobile) {
      // Allowed, but each activation passcode then goes to the same phone: usually a copy-and-paste slip.
      reader.findings.push(makeFinding('warning', 'MOBILE_REPEATED', answers.mobile.place, { firstRow: mobileRow }));
    } else if (user.mobileE164) mobileRows.set(user.mobileE164, row);
    const complete = user.firstName && user.lastName && user.email && user.mobileE164 && user.roles;
    users.push(complete ? (user as RegisteredUser) : null);
  }
  if (type === 'sole-barrister') return soleBarrister(form, reader, users);
  const hasAdmin = form.users.some(({ answers }) => readRolesQuietly(answers.role, answers.otherRoles).includes('organisation-administrator'));
  if (!hasAdmin) {
    const roleCells = form.users.map(({ answers }) => answers.role?.place.cell);
    reader.findings.push(makeFinding('error', 'NO_ORGANISATION_ADMINISTRATOR', placeAtCells(TABS.users, roleCells, 'Role'), {}));
  }
  return users.every(Boolean) && hasAdmin ? (users as RegisteredUser[]) : null;
}

/** The account administrator is accountable for the platform, so they normally have an account too. */
export function checkAdministratorListed(form: RawForm, reader: AnswerReader, adminEmail: string | null): void {
  const answer = form.organisation.adminEmail;
  if (!adminEmail || !answer) return;
  const listed = form.users.some(
    ({ answers }) =>
      (answers.email?.text ?? '')
        .toLowerCase()
        .replace(/^mailto:/, '')
        .trim() === adminEmail,
  );
  if (!listed) {
    reader.findings.push(makeFinding('warning', 'ADMINISTRATOR_NOT_A_USER', answer.place, {}));
  }
}

/** A barrister on their own registers as an organisation of one, who is both advocate and administrator. */
function soleBarrister(form: RawForm, reader: AnswerReader, users: (RegisteredUser | null)[]): RegisteredUser[] | null {
  if (users.length !== 1) {
    // The rows after the first: the barrister may be in any row, but these are the ones to look at.
    const extraRows = form.users.slice(1).map(({ answers }) => (answers.firstName ?? Object.values(answers)[0])?.place.cell);
    reader.findings.push(makeFinding('error', 'SOLE_BARRISTER_USERS', placeAtCells(TABS.users, extraRows, null), { count: users.length }));
    return null;
  }
  const user = users[0];
  if (!user) return null;
  return [{ ...user, roles: SOLE_BARRISTER_ROLES }];
}

function readRoles(reader: AnswerReader, main: Answer | undefined, other: Answer | undefined): Role[] | null {
  const roles: Role[] = [];
  let ok = true;
  if (main && !roles.length && [main, other].every((a) => !a?.text || isPlaceholder(a.text))) reader.present(main, column('role'));
  for (const answer of [main, other]) {
    if (!answer?.text) continue;
    if (isPlaceholder(answer.text)) continue;
    for (const part of splitList(answer.text).filter((p) => !isPlaceholder(p))) {
      const match = matchChoice(part, ROLES);
      if (match.value) {
        // A role decides what the person may see on the platform: a reading of other words is said aloud.
        if (!match.exact) {
          reader.findings.push(makeFinding('warning', 'ROLE_READ_AS', answer.place, { value: quote(part), role: match.value }));
        }
        if (!roles.includes(match.value)) roles.push(match.value);
        continue;
      }
      ok = false;
      reader.error('INVALID_ROLE', answer, { value: quote(part), nearest: match.nearest?.value ?? null });
    }
  }
  return ok && roles.length > 0 ? roles : null;
}

function readRolesQuietly(main: Answer | undefined, other: Answer | undefined): Role[] {
  return [main, other]
    .flatMap((a) => splitList(a?.text ?? ''))
    .flatMap((part) => {
      const match = matchChoice(part, ROLES);
      return match.value ? [match.value] : [];
    });
}
