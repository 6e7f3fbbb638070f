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
    `First${i}`,
    `Last${i}`,
    i === 0 ? 'priya.natarajan@kestrelhart.example.co.uk' : `user${i}@kestrelhart.example.co.uk`,
    `07700 9${String(i % 1000).padStart(5, '0')}`,
    i === 0 ? 'Organisation administrator' : 'Defence lawyer',
    null,
  ]);
}

/** A Welsh firm filling in the Welsh form (cofrestru.xlsx): choices from its Welsh lists. */
export const WELSH_ORGANISATION: Record<string, AnswerValue> = {
  ...GOOD_ORGANISATION,
  organisationName: 'Cyfreithwyr Glan-y-Môr',
  organisationType: 'Cwmni cyfreithwyr',
  addressLine1: '7 Heol y Frenhines',
  town: 'Caerdydd',
  postcode: 'CF10 2BH',
  phone: '029 2018 0123',
  email: 'swyddfa@glanymor.example.cymru',
  court1: 'Cardiff Crown Court',
  court2: "Swansea Magistrates' Court",
  adminName: 'Ffion Llywelyn',
  adminJobTitle: 'Rheolwr practis',
  adminEmail: 'ffion.llywelyn@glanymor.example.cymru',
  adminPhone: '029 2018 0124',
  signatureName: 'Ffion Llywelyn',
};

export const WELSH_USERS: AnswerValue[][] = [
  ['Ffion', 'Llywelyn', 'ffion.llywelyn@glanymor.example.cymru', '07700 900301', 'Gweinyddwr y sefydliad', null],
  ['Dafydd', 'ap Gwilym', 'dafydd.apgwilym@glanymor.example.cymru', '07700 900302', 'Cyfreithiwr amddiffyn', 'Eiriolwr'],
  ['Siôn', 'Rhys', 'sion.rhys@glanymor.example.cymru', '07700 900303', 'Staff cymorth', null],
];
