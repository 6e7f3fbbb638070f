import type { FastifyInstance } from 'fastify';
import { annotateForm, describeFinding } from '../../../src/form/index.js';
import { jobIds } from '../../../src/queues.js';
import type { UserRecord } from '../../../src/registry/account-registry.js';
import { withNames } from '../../../src/staff/named-ids.js';
import { reasonWords } from '../../../src/staff/plain-words.js';
import type { StaffDeps } from './deps.js';
import { showProblem } from './error-pages.js';
import { page } from './render.js';

export const SUBMISSION_ID = /^[a-f0-9]{32}-\d{1,3}$/;

async function jobStates(submissionId: string, emailId: string, deps: StaffDeps) {
  const jobs = [
    { stage: 'intake', job: await deps.queues.intake.getJob(jobIds.intake({ emailId })) },
    { stage: 'validate', job: await deps.queues.validate.getJob(jobIds.validate({ submissionId })) },
    { stage: 'setup', job: await deps.queues.setup.getJob(jobIds.setup({ submissionId })) },
  ];
  return Promise.all(
    jobs
      .filter((j) => j.job)
      .map(async ({ stage, job }) => ({
        stage,
        state: await job!.getState(),
        attempts: job!.attemptsMade,
        failedReason: job!.failedReason ?? null,
      })),
  );
}

/** One submission: its email, findings, files, timeline, and the actions staff can take on it. */
export function registerSubmissionPage(app: FastifyInstance, deps: StaffDeps): void {
  app.get<{ Params: { id: string }; Querystring: { done?: string; problem?: string } }>(
    '/staff/submissions/:id',
    { config: { role: 'viewer' } },
    async (request, reply) => {
      const { id } = request.params;
      const submission = SUBMISSION_ID.test(id) ? await deps.submissions.get(id) : null;
      if (!submission) return showProblem(request, reply, 'not-found');
      const [email, timeline, jobs, override, file, sent, courts] = await Promise.all([
        deps.emails.get(submission.emailId),
        deps.submissions.timeline(id),
        jobStates(id, submission.emailId, deps),
        deps.overrides.get(id),
        deps.submissions.fileKept(id),
        deps.sentTexts.list(submission.emailId),
        deps.courts.list(),
      ]);
      const users: UserRecord[] = submission.organisationId ? await deps.registry.listUsers(submission.organisationId) : [];
      // Staff read every finding in English, old records' stored text included.
      const findings = (submission.findings ?? []).map((f) => ({ ...f, message: describeFinding(f, 'en', { baseUrl: deps.config.publicBaseUrl }) }));
      // Timelines and points for attention name people and organisations by id; staff read their names.
      const named = await withNames([...timeline.map((event) => event.detail), ...submission.attention], deps.registry);
      const namedTimeline = timeline.map((event, i) => ({ ...event, detail: named[i] }));
      const courtNames = (submission.registration?.courts ?? []).map((code) => courts.find((court) => court.code === code)?.name ?? code);
      return page(request, reply, 'submission', {
        title: `Submission ${submission.reference}`,
        submission,
        attention: named.slice(timeline.length).map((point) => reasonWords(point)),
        courtNames,
        sent,
        email,
        file,
        retentionDays: deps.config.formFileRetentionDays,
        timeline: namedTimeline.reverse(),
        jobs,
        override,
        users,
        errors: findings.filter((f) => f.severity === 'error'),
        warnings: findings.filter((f) => f.severity === 'warning'),
        canRetry: jobs.some((j) => j.state === 'failed'),
        canAccept: ['review', 'rejected'].includes(submission.state) && submission.registration !== null,
        canLookAt: submission.attention.length > 0,
        // Priority orders the set-up queue: it applies until the form is set up or rejected.
        canChangePriority: ['received', 'queued-for-setup', 'review'].includes(submission.state),
        canReject: !['accepted', 'rejected'].includes(submission.state),
        done: typeof request.query.done === 'string' ? request.query.done.slice(0, 200) : null,
        problem: typeof request.query.problem === 'string' ? request.query.problem.slice(0, 200) : null,
      });
    },
  );

  app.get<{ Params: { id: string } }>('/staff/submissions/:id/file', { config: { role: 'viewer' } }, async (request, reply) => {
    const { id } = request.params;
    const submission = SUBMISSION_ID.test(id) ? await deps.submissions.get(id) : null;
    const content = submission ? await deps.submissions.getFile(id) : null;
    if (!submission || !content) return showProblem(request, reply, 'not-found');
    return reply.type('application/octet-stream').header('Content-Disposition', `attachment; filename="${id}.${submission.kind}"`).send(content);
  });

  // The copy the firm was sent, marked up with every finding, made again from the stored file.
  app.get<{ Params: { id: string } }>('/staff/submissions/:id/annotated', { config: { role: 'viewer' } }, async (request, reply) => {
    const { id } = request.params;
    const submission = SUBMISSION_ID.test(id) ? await deps.submissions.get(id) : null;
    const content = submission ? await deps.submissions.getFile(id) : null;
    const annotated =
      submission && content
        ? await annotateForm({ filename: submission.filename, content }, submission.findings ?? [], {
            language: submission.language,
            baseUrl: deps.config.publicBaseUrl,
          })
        : null;
    if (!annotated) return reply.code(404).send('No annotated copy: the file could not be read');
    const extension = annotated.filename.split('.').pop() ?? 'xlsx';
    return reply.type('application/octet-stream').header('Content-Disposition', `attachment; filename="${id}-annotated.${extension}"`).send(annotated.content);
  });
}
