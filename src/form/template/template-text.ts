import { FORM_VERSION } from '../form-schema.js';

/** Words on the non-input tabs, kept apart from the layout code so they can be edited on their own. */
export const INSTRUCTIONS = [
  'HMCTS Common Platform: registration for defence professionals',
  `Registration form, version ${FORM_VERSION}`,
  '',
  'Common Platform is the case management system used by HMCTS, the judiciary and professional court users.',
  'Your organisation registers once, with the details of everyone who needs an account.',
  '',
  'How to fill in this form',
  '1. The form should be completed by your account administrator, who will be named as accountable for Common Platform in your organisation.',
  '2. Only complete the 2 input tabs: "Organisation details input" and "User details input". Fill in the yellow cells only.',
  '3. Choose the organisation type, the courts and the roles from the drop-down lists.',
  '4. Read the "Terms and conditions" tab, then type your full name and the date at the bottom of the organisation tab.',
  '5. Do not rename the tabs, move the labels or change the form version: we read the form automatically.',
  '6. Save the file as an Excel workbook (.xlsx) and email it to CPOnboarding@justice.gov.uk.',
  '',
  'Self-employed, freelance or direct-access barristers register as an organisation of one person, listing only themselves.',
  'You will be given the roles of advocate and organisation administrator.',
  '',
  'What happens next',
  'We check the form and reply. If anything needs fixing, we send back a copy of your form with each cell to fix highlighted.',
  'Once you are in the system, each user receives an email from noreply@cjscp.org.uk: check junk and spam folders.',
  'Each user then activates their account; a passcode is sent by text message to the mobile number on this form.',
];

export const USER_GUIDANCE =
  'One row per person. Roles: Organisation administrator, Advocate, Defence lawyer, Support staff. Give each person a different email address and a UK mobile number.';
export const ORGANISATION_GUIDANCE = 'Fill in the yellow cells. Choose from the lists where there is one. Do not change the labels in column A.';

export const TERMS = [
  'Terms and conditions of use of Common Platform',
  '',
  '1. Each account is for one named person only. Passwords and passcodes must not be shared.',
  '2. Users may only access cases and material for clients their organisation represents.',
  '3. The organisation administrator keeps the list of users up to date and removes leavers promptly.',
  '4. Material obtained through Common Platform is handled in line with data protection law and professional obligations.',
  '5. HMCTS may suspend an account that is misused, and may audit access.',
  '',
  'By typing your full name and the date on the "Organisation details input" tab, you accept these terms on behalf of your organisation',
  'and confirm that you are its account administrator, accountable for its use of Common Platform.',
];

export const OFFICE_USE_FIELDS = ['Date received', 'Checked by', 'Outcome', 'Date set up', 'Organisation ID', 'Notes'];
