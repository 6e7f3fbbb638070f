import { handleIntake } from '../../workers/intake/handler.js';
import type { OutgoingEmail } from '../../src/mail/send-once.js';
import type { NotifyJob } from '../../src/queues.js';
import { handleNotify } from '../../workers/notify/handler.js';
import { handleSetup } from '../../workers/setup/handler.js';
import { handleValidate } from '../../workers/validate/handler.js';
import { composeEmail } from '../helpers/compose-email.js';
import type { StageRig } from './stage-deps.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let serial = 0;

/** A firm's email with one form, picked up and read by the intake stage: its form waits to be checked. */
export async function receivedForm(rig: StageRig, form: { content: Buffer; filename?: string }, from = 'clerk@smith-law.example') {
  serial += 1;
  const raw = await composeEmail({
    from,
    messageId: `<stage-${Date.now()}-${serial}@smith-law.example>`,
    attachments: [{ filename: form.filename ?? 'registration.xlsx', content: form.content, contentType: XLSX }],
  });
  const emailId = await rig.pickUp(raw, { uid: serial });
  await handleIntake({ emailId }, rig.deps);
  return { emailId, submissionId: `${emailId}-1` };
}

/** A valid form checked and acknowledged: it waits in the set-up queue. */
export async function checkedForm(rig: StageRig, content: Buffer, from?: string) {
  const received = await receivedForm(rig, { content }, from);
  const outcome = await handleValidate({ submissionId: received.submissionId }, rig.deps);
  if (outcome !== 'queued-for-setup') throw new Error(`the form was not valid: ${outcome}`);
  return received;
}

/** A valid form whose organisation and users are set up: their activation emails are queued. */
export async function setUpForm(rig: StageRig, content: Buffer, from?: string) {
  const checked = await checkedForm(rig, content, from);
  const outcome = await handleSetup({ submissionId: checked.submissionId }, rig.deps);
  if (outcome !== 'accepted') throw new Error(`the form was not set up: ${outcome}`);
  return checked;
}

/**
 * Runs every job now in the notify queue through its handler, as the notify worker would (again, for jobs run
 * before: a rerun must send nothing more). Returns the handler's results.
 */
export async function runNotifyJobs(rig: StageRig): Promise<string[]> {
  const results: string[] = [];
  for (const job of await rig.jobs('notify')) {
    const result = await handleNotify(job.data as NotifyJob, rig.deps);
    // A batch reports how many of its emails ended each way: one result per email, as a single job gives.
    if (typeof result === 'string') results.push(result);
    else for (const [outcome, count] of Object.entries(result)) results.push(...Array<string>(count).fill(outcome));
  }
  return results;
}

/** The token of the activation link in an activation email. */
export function activationToken(rig: StageRig, email: OutgoingEmail): string {
  const token = new RegExp(`${rig.env.config.publicBaseUrl}/activate/([A-Za-z0-9_-]+)`).exec(email.text)?.[1];
  if (!token) throw new Error('the email has no activation link');
  return token;
}
