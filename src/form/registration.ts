import { z } from 'zod';

const RoleSchema = z.enum(['organisation-administrator', 'advocate', 'defence-lawyer', 'support-staff']);

/** A form that passed every rule, normalised: E.164 phones, lower-case emails, court codes, ISO dates. */
export const RegistrationSchema = z.object({
  formVersion: z.string().nullable(),
  organisation: z.object({
    name: z.string().min(1),
    type: z.enum(['solicitors-firm', 'barristers-chambers', 'sole-barrister']),
    address: z.object({ line1: z.string().min(1), line2: z.string().nullable(), town: z.string().min(1), postcode: z.string() }),
    phone: z.string().regex(/^\+44\d{9,10}$/),
    email: z.string(),
  }),
  /** At least one, each already in its own format. */
  identifiers: z.object({ laa: z.string().optional(), sra: z.string().optional(), bsb: z.string().optional() }),
  /** Court codes from src/courts/courts.json. */
  courts: z.array(z.string()).min(1),
  administrator: z.object({ name: z.string().min(1), jobTitle: z.string().min(1), email: z.string(), phone: z.string() }),
  terms: z.object({ signedName: z.string().min(1), signedOn: z.iso.date() }),
  users: z
    .array(
      z.object({
        firstName: z.string().min(1),
        lastName: z.string().min(1),
        email: z.string(),
        mobileE164: z.string().regex(/^\+447\d{9}$/),
        roles: z.array(RoleSchema).min(1),
      }),
    )
    .min(1),
});
export type Registration = z.infer<typeof RegistrationSchema>;
export type RegisteredUser = Registration['users'][number];
