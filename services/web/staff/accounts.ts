import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { STAFF_ROLES } from '../../../src/staff/roles.js';
import { StaffPasswordSchema, StaffUsernameSchema } from '../../../src/staff/staff-accounts.js';
import { actorOf } from './actor.js';
import type { StaffDeps } from './deps.js';
import { showProblem } from './error-pages.js';
import { page } from './render.js';

const RoleSchema = z.enum(STAFF_ROLES, { error: 'Choose a role' });
const AddSchema = z.object({ username: StaffUsernameSchema, role: RoleSchema, password: StaffPasswordSchema });
const AddFieldsSchema = z
  .object({ username: z.string().default(''), role: z.string().default(''), password: z.string().default('') })
  .catch({ username: '', role: '', password: '' });
const MessageSchema = z.string().max(300).optional().catch(undefined);

type AddFields = z.infer<typeof AddFieldsSchema>;
type Params = { Params: { username: string } };

const back = (message: string, ok: boolean) => `/staff/accounts?${ok ? 'done' : 'problem'}=${encodeURIComponent(message)}`;

/** Only a local session is the account of that name: a single sign-on name could match one by chance. */
const isOwnAccount = (request: FastifyRequest, username: string) => request.session.signedInWith !== 'oidc' && request.session.staff === username;
const LAST_ADMINISTRATOR = 'is the only local administrator, the way back in when single sign-on fails. Add another administrator first';

/**
 * The dashboard's own (local) accounts, for administrators: add, change a role, remove. Every session re-reads
 * its account's role on each request (authorization.ts), so a removal or a lowered role applies at the next click.
 */
export function registerAccounts(app: FastifyInstance, deps: StaffDeps): void {
  const { oidc, localSignIn } = deps.config.staff;
  const isLastAdministrator = async (username: string) =>
    !(await deps.accounts.list()).some((account) => account.role === 'administrator' && account.username !== username);

  const accountsPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    form: { values?: Partial<AddFields>; errors?: Array<{ text: string; href: string }> } = {},
  ) => {
    const query = request.query as { done?: unknown; problem?: unknown };
    const accounts = (await deps.accounts.list()).map((account) => ({ ...account, own: isOwnAccount(request, account.username) }));
    return page(request, reply, 'accounts', {
      title: 'Staff accounts',
      accounts,
      roles: STAFF_ROLES,
      passwordMinLength: StaffPasswordSchema.minLength,
      sso: oidc ? { name: oidc.name, claim: oidc.rolesClaim, roleMap: [...oidc.roleMap].map(([value, role]) => `${value} → ${role}`) } : null,
      localSignIn,
      done: MessageSchema.parse(query.done) ?? null,
      problem: MessageSchema.parse(query.problem) ?? null,
      values: { username: form.values?.username ?? '', role: form.values?.role ?? '' },
      errors: form.errors ?? null,
      fieldErrors: Object.fromEntries((form.errors ?? []).map((error) => [error.href.slice(1), { text: error.text }])),
    });
  };

  app.get('/staff/accounts', { config: { role: 'administrator' } }, accountsPage);

  app.post('/staff/accounts', { config: { role: 'administrator' } }, async (request, reply) => {
    const fields = AddFieldsSchema.parse(request.body ?? {});
    const parsed = AddSchema.safeParse(fields);
    if (!parsed.success) {
      const errors = parsed.error.issues.map((issue) => ({ text: issue.message, href: `#${String(issue.path[0])}` }));
      reply.code(400);
      return accountsPage(request, reply, { values: fields, errors: errors.filter((e, i) => errors.findIndex((o) => o.href === e.href) === i) });
    }
    const { username, role, password } = parsed.data;
    if (!(await deps.accounts.add(username, password, role))) {
      reply.code(400);
      return accountsPage(request, reply, { values: fields, errors: [{ text: `There is already an account called ${username}`, href: '#username' }] });
    }
    await deps.audit.record({ ...actorOf(request), action: 'staff-account-added', detail: `${username} as ${role}` });
    return reply.redirect(back(`Added ${username} as ${role}`, true), 303);
  });

  app.post<Params>('/staff/accounts/:username/role', { config: { role: 'administrator' } }, async (request, reply) => {
    const username = StaffUsernameSchema.safeParse(request.params.username);
    const role = RoleSchema.safeParse((request.body as { role?: unknown } | undefined)?.role);
    if (!username.success) return showProblem(request, reply, 'not-found');
    if (!role.success) return reply.redirect(back('Choose a role', false), 303);
    if (isOwnAccount(request, username.data)) return reply.redirect(back('You cannot change your own role. Ask another administrator', false), 303);
    const before = await deps.accounts.roleOf(username.data);
    if (before === 'administrator' && role.data !== 'administrator' && (await isLastAdministrator(username.data)))
      return reply.redirect(back(`${username.data} ${LAST_ADMINISTRATOR}`, false), 303);
    if (!before || !(await deps.accounts.setRole(username.data, role.data)))
      return reply.redirect(back(`There is no account called ${username.data}`, false), 303);
    await deps.audit.record({ ...actorOf(request), action: 'staff-account-role-changed', detail: `${username.data} from ${before} to ${role.data}` });
    return reply.redirect(back(`${username.data} is now ${role.data === 'administrator' ? 'an' : 'a'} ${role.data}`, true), 303);
  });

  app.get<Params>('/staff/accounts/:username/remove', { config: { role: 'administrator' } }, async (request, reply) => {
    const username = StaffUsernameSchema.safeParse(request.params.username);
    const role = username.success ? await deps.accounts.roleOf(username.data) : null;
    if (!username.success || !role) return showProblem(request, reply, 'not-found');
    if (isOwnAccount(request, username.data)) return reply.redirect(back('You cannot remove your own account. Ask another administrator', false), 303);
    return page(request, reply, 'account-remove', { title: `Remove ${username.data}`, username: username.data, role });
  });

  app.post<Params>('/staff/accounts/:username/remove', { config: { role: 'administrator' } }, async (request, reply) => {
    const username = StaffUsernameSchema.safeParse(request.params.username);
    if (!username.success) return showProblem(request, reply, 'not-found');
    if (isOwnAccount(request, username.data)) return reply.redirect(back('You cannot remove your own account. Ask another administrator', false), 303);
    const role = await deps.accounts.roleOf(username.data);
    if (role === 'administrator' && (await isLastAdministrator(username.data)))
      return reply.redirect(back(`${username.data} ${LAST_ADMINISTRATOR}`, false), 303);
    if (!role || !(await deps.accounts.remove(username.data))) return reply.redirect(back(`There is no account called ${username.data}`, false), 303);
    await deps.audit.record({ ...actorOf(request), action: 'staff-account-removed', detail: `${username.data} (was ${role})` });
    return reply.redirect(back(`Removed ${username.data}. If they were signed in, they are signed out at their next click`, true), 303);
  });
}
