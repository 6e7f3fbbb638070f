/** A complete, valid set of answers (fictional people, Ofcom drama numbers), for tests, fixtures and the bench. */
export type AnswerValue = string | number | boolean | Date | null;

export const GOOD_ORGANISATION: Record<string, AnswerValue> = {
  organisationName: 'Kestrel & Hart Solicitors LLP',
  organisationType: "Solicitors' firm",
  addressLine1: '12 Chancery Lane',
  addressLine2: null,
  town: 'London',
  postcode: 'wc2a 1ll',
  phone: '020 7946 0123',
  email: 'office@kestrelhart.example.co.uk',
  laa: '2A123B',
  sra: '612345',
  bsb: null,
  court1: "Westminster Magistrates' Court",
  court2: 'Southwark Crown Court',
  adminName: 'Priya Natarajan',
  adminJobTitle: 'Practice manager',
  adminEmail: 'priya.natarajan@kestrelhart.example.co.uk',
  adminPhone: '020 7946 0124',
  signatureName: 'Priya Natarajan',
  signatureDate: '20/11/2026',
};

export const GOOD_USERS: AnswerValue[][] = [
  ['Priya', 'Natarajan', 'priya.natarajan@kestrelhart.example.co.uk', '07700 900101', 'Organisation administrator', null],
  ['Tom', 'Okafor', 'tom.okafor@kestrelhart.example.co.uk', '07700 900102', 'Defence lawyer', 'Advocate'],
  ['Siân', 'Evans', 'sian.evans@kestrelhart.example.co.uk', '07700 900103', 'Support staff', null],
];

export const SOLE_BARRISTER: Record<string, AnswerValue> = {
  ...GOOD_ORGANISATION,
  organisationName: 'Alexandra Byrne',
  organisationType: 'Self-employed, freelance or direct-access barrister',
  email: 'clerk@byrne-barrister.example.co.uk',
  laa: null,
  sra: null,
  bsb: 'A12345',
  adminName: 'Alexandra Byrne',
  adminJobTitle: 'Barrister',
  adminEmail: 'alex@byrne-barrister.example.co.uk',
  signatureName: 'Alexandra Byrne',
};

export const SOLE_BARRISTER_USERS: AnswerValue[][] = [['Alexandra', 'Byrne', 'alex@byrne-barrister.example.co.uk', '07700 900201', 'Advocate', null]];

/** n distinct valid users, for the bench and row-limit tests. */
export function manyUsers(n: number): AnswerValue[][] {
  return Array.from({ length: n }, (_, i) => [
    `First${i}`, `Last${i}`, i === 0 ? 'priya.natarajan@kestrelhart.example.co.uk' : `user${i}@kestrelhart.example.co.uk`, `07700 9${String(i % 1000).padStart(5, '0')}`,
    i === 0 ? 'Organisation administrator' : 'Defence lawyer', null,
  ]);
}
