import type { EmailEnvelope } from '../../src/emails/email-store.js';
import { IntakeError, isIntakeError } from '../../src/errors.js';
import { annotateForm, validateForm, type FormResult, type Language } from '../../src/form/index.js';
import { emailFindings } from '../../src/mail/email-findings.js';
import { formLinks, renderEmail } from '../../src/mail/templates.js';
import { threadedReply } from '../../src/mail/threaded-reply.js';
import { applyOverride, priorityFor } from '../../src/priority/priority.js';
import type { SubmissionJob } from '../../src/queues.js';
import { compareFindings, summariseFinding } from '../../src/submissions/compare-findings.js';
import { FINAL_SUBMISSION_STATES, type Submission } from '../../src/submissions/submission-store.js';
import { completeEmailIfDone } from '../../src/emails/email-outcome.js';
import { kindFor, type PipelineDeps } from '../pipeline.js';

/** Welsh when the email was written in Welsh or the form is the Welsh one; every later email keeps to it. */
const replyLanguage = (submission: Submission, result: FormResult): Language => (submission.language === 'cy' || result.language === 'cy' ? 'cy' : 'en');

export type ValidateResult = 'rejected' | 'queued-for-setup' | 'review' | 'already-done';

async function earlierFindings(submission: Submission, deps: PipelineDeps) {
  if (!submission.previousSubmissionId) return { previousReference: null, previous: [] };
  const previous = await deps.submissions.get(submission.previousSubmissionId);
  return { previousReference: previous?.reference ?? null, previous: previous?.findings ?? [] };
}

/** Sends a reply unless it went out before; a reply the server refused for good sends the form to review. */
async function sendReply(
  submission: Submission,
  envelope: EmailEnvelope,
  reply: Parameters<typeof threadedReply>[1],
  deps: PipelineDeps,
): Promise<string | null> {
  try {
    await deps.send(threadedReply(envelope, reply));
    return null;
  } catch (error) {
    if (isIntakeError(error) && !error.retryable) return `reply not confirmed: ${error.message}`;
    throw error;
  }
}

async function reject(submission: Submission, envelope: EmailEnvelope, result: FormResult, content: Buffer, deps: PipelineDeps): Promise<ValidateResult> {
  const { config } = deps;
  const language = replyLanguage(submission, result);
  // The firm reads the findings in our reply and in the marked-up copy of its file, where only full links work.
  const words = { language, baseUrl: config.publicBaseUrl };
  const annotated = result.readable ? await annotateForm({ filename: submission.filename, content }, result.findings, words) : null;
  const { previousReference, previous } = await earlierFindings(submission, deps);
  const rendered = renderEmail(
    'rejection',
    {
      reference: submission.reference,
      previousReference,
      findings: emailFindings(result.findings, language, config.publicBaseUrl),
      fixed: compareFindings(previous, result.findings).fixed.map((f) => summariseFinding(f, language, words)),
      annotatedFileName: annotated?.filename ?? null,
      ...formLinks(config.publicBaseUrl, language),
      helpAddress: config.onboardingAddress,
    },
    language,
  );
  const attachments = annotated ? [{ filename: annotated.filename, content: annotated.content }] : undefined;
  const problem = await sendReply(
    submission,
    envelope,
    { emailId: submission.emailId, kind: kindFor('rejection', submission), from: config.onboardingAddress, rendered, attachments },
    deps,
  );
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const state = problem ? 'review' : 'rejected';
  await deps.submissions.update(
    submission.submissionId,
    { state, findings: result.findings, language, reason: problem ?? `${errors} answer(s) to correct` },
    { event: state, detail: problem ?? `rejection sent listing ${result.findings.length} finding(s)` },
  );
  return state;
}

async function acceptForSetup(submission: Submission, envelope: EmailEnvelope, result: FormResult, deps: PipelineDeps): Promise<ValidateResult> {
  const { config } = deps;
  const registration = result.registration;
  if (!registration) throw new IntakeError('INCOMPLETE_RECORD', 'A valid form came back without a registration');
  const { previousReference, previous } = await earlierFindings(submission, deps);
  const comparison = compareFindings(previous, result.findings);
  const language = replyLanguage(submission, result);
  const words = { language, baseUrl: config.publicBaseUrl };
  const rendered = renderEmail(
    'acknowledgement',
    {
      reference: submission.reference,
      previousReference,
      formNames: [submission.filename],
      fixed: comparison.fixed.map((f) => summariseFinding(f, language, words)),
      stillWrong: comparison.stillWrong.map((f) => summariseFinding(f, language, words)),
      checks: emailFindings(
        result.findings.filter((f) => f.severity === 'warning'),
        language,
        config.publicBaseUrl,
      ),
      activationFrom: config.activationFrom,
      helpAddress: config.onboardingAddress,
    },
    language,
  );
  const problem = await sendReply(
    submission,
    envelope,
    { emailId: submission.emailId, kind: kindFor('acknowledgement', submission), from: config.onboardingAddress, rendered },
    deps,
  );
  const courts = await deps.courts.list();
  const computed = priorityFor(
    registration.courts.map((code) => courts.find((court) => court.code === code)),
    deps.now(),
  );
  const priority = applyOverride(computed, await deps.overrides.get(submission.submissionId));
  await deps.submissions.update(
    submission.submissionId,
    // The form goes on to set-up either way; an acknowledgement that may not have gone out is flagged for staff.
    {
      state: 'queued-for-setup',
      findings: result.findings,
      language,
      registration,
      priority: { value: priority.value, label: priority.label },
      attention: problem ? [`acknowledgement ${problem}`] : [],
    },
    { event: 'queued-for-setup', detail: `form valid; priority: ${priority.label}` },
  );
  await deps.enqueue.setup({ submissionId: submission.submissionId }, { priority: priority.value });
  return 'queued-for-setup';
}

/**
 * Checks one form. An invalid form gets one rejection listing every finding, with the sender's own file
 * marked up; a valid one gets an acknowledgement and joins the set-up queue at its courts' priority.
 */
export async function handleValidate(job: SubmissionJob, deps: PipelineDeps): Promise<ValidateResult> {
  const submission = await deps.submissions.get(job.submissionId);
  if (!submission) throw new IntakeError('MISSING_RECORD', `No submission ${job.submissionId}`);
  if (FINAL_SUBMISSION_STATES.includes(submission.state)) {
    await completeEmailIfDone(submission.emailId, deps);
    return 'already-done';
  }
  if (submission.state === 'queued-for-setup') {
    await deps.enqueue.setup({ submissionId: submission.submissionId }, { priority: submission.priority?.value ?? 1 });
    return 'queued-for-setup';
  }
  // The file, its copy in the checking thread and a marked-up copy in the reply are held at once: the budget
  // (shared with reading emails) bounds that across parallel jobs.
  const outcome = await deps.bufferBudget.use(await deps.submissions.fileSize(submission.submissionId), () => checkAndReply(submission, deps));
  await completeEmailIfDone(submission.emailId, deps);
  return outcome;
}

async function checkAndReply(submission: Submission, deps: PipelineDeps): Promise<ValidateResult> {
  const envelope = (await deps.emails.get(submission.emailId))?.envelope;
  const content = await deps.submissions.getFile(submission.submissionId);
  if (!envelope || !content) throw new IntakeError('INCOMPLETE_RECORD', `Submission ${submission.submissionId} has lost its email or file`);
  const result = await validateForm({ filename: submission.filename, content }, { now: deps.now() });
  await deps.metrics.findings(result.findings);
  return result.valid ? acceptForSetup(submission, envelope, result, deps) : reject(submission, envelope, result, content, deps);
}
