import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { page } from './render.js';

const OVERVIEW = { href: '/staff', text: 'Go to the overview' };

/** What each kind of refusal or failure says to the person who met it, in plain words. */
export const PROBLEMS = {
  'stale-form': {
    status: 403,
    title: 'This form has expired',
    paragraphs: [
      'The page was open for a long time, or you signed in or out in another tab, so nothing was changed.',
      'Go back, refresh the page and try again.',
    ],
  },
  'cross-site': {
    status: 403,
    title: 'This request came from another site',
    paragraphs: ['Changes can only be made from the dashboard’s own pages, so nothing was changed.'],
  },
  forbidden: {
    status: 403,
    title: 'You do not have permission to do that',
    paragraphs: ['Your role does not allow this, so nothing was changed. Ask an administrator if you need it.'],
  },
  'local-sign-in-off': {
    status: 403,
    title: 'Sign in with your organisation’s account',
    paragraphs: ['Signing in with a dashboard username and password is turned off. Use the button on the sign-in page.'],
  },
  'identity-provider-unreachable': {
    status: 503,
    title: 'Cannot reach the identity provider',
    paragraphs: [
      'The dashboard could not reach your organisation’s sign-in service, so you are not signed in.',
      'Try again in a few minutes. If it keeps happening, tell the service team.',
    ],
  },
  'sign-in-expired': {
    status: 400,
    title: 'This sign-in has expired',
    paragraphs: [
      'The sign-in took too long, was already used, or was started in another browser, so you are not signed in.',
      'Start again from the sign-in page.',
    ],
  },
  'sign-in-failed': {
    status: 400,
    title: 'Sign-in did not work',
    paragraphs: [
      'Your organisation’s sign-in service did not confirm who you are, so you are not signed in.',
      'Start again from the sign-in page. If it keeps happening, tell the service team.',
    ],
  },
  'no-staff-role': {
    status: 403,
    title: 'Your account has no role in this dashboard',
    paragraphs: [
      'Your organisation’s account is not given a viewer, caseworker or administrator role for the onboarding dashboard, so you are not signed in.',
      'Ask whoever manages access in your organisation to give you one, then sign in again.',
    ],
  },
  'not-found': { status: 404, title: 'Page not found', paragraphs: ['There is nothing at this address. If you typed it, check it is correct.'] },
  'too-many': {
    status: 429,
    title: 'Too many attempts',
    paragraphs: ['To keep accounts safe, sign-in is paused for a while after many attempts.', 'Wait a few minutes and try again.'],
  },
  broken: {
    status: 500,
    title: 'Sorry, there is a problem with the service',
    paragraphs: ['Nothing you did caused this. Try again later; if it keeps happening, tell the service team.'],
  },
} as const;

export type Problem = keyof typeof PROBLEMS;

/** Answers with a dashboard page explaining the problem, in the dashboard's own look. */
export async function showProblem(request: FastifyRequest, reply: FastifyReply, problem: Problem): Promise<unknown> {
  const { status, title, paragraphs } = PROBLEMS[problem];
  reply.code(status);
  try {
    const back = request.session?.staff ? OVERVIEW : { href: '/staff/sign-in', text: 'Go to sign in' };
    return await page(request, reply, 'problem', { title, paragraphs, back });
  } catch {
    // The session or the templates are what failed: plain words still beat a stack trace.
    return reply.type('text/plain; charset=utf-8').send(`${title}\n`);
  }
}

function problemFor(error: FastifyError): Problem {
  if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') return 'stale-form';
  if (error.statusCode === 429) return 'too-many';
  if (error.statusCode === 404) return 'not-found';
  return 'broken';
}

/**
 * Errors and unknown addresses under /staff become dashboard pages rather than Fastify's JSON. A client
 * error that is not one of ours (a malformed body) keeps its status with the general page.
 */
export async function registerErrorPages(app: FastifyInstance): Promise<void> {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const problem = problemFor(error);
    if (problem === 'broken' && (error.statusCode ?? 500) < 500) {
      reply.code(error.statusCode!);
      return reply.type('text/plain; charset=utf-8').send('The request could not be read\n');
    }
    if (problem === 'broken') request.log.error({ err: error, url: request.routeOptions.url }, 'staff page failed');
    return showProblem(request, reply, problem);
  });
  await app.register(async (prefixed) => prefixed.setNotFoundHandler((request, reply) => showProblem(request, reply, 'not-found')), { prefix: '/staff' });
}
