import { FORM_VERSION } from '../form-schema.js';

/** The Welsh form's words on its non-input tabs: template-text.ts in Welsh, listed in templates/WELSH-REVIEW.md. */
export const WELSH_INSTRUCTIONS = [
  'Platfform Cyffredin GLlTEF: cofrestru ar gyfer gweithwyr proffesiynol yr amddiffyniad',
  `Ffurflen gofrestru, fersiwn ${FORM_VERSION}`,
  '',
  "Platfform Cyffredin yw'r system rheoli achosion a ddefnyddir gan GLlTEF, y farnwriaeth a defnyddwyr llys proffesiynol.",
  'Mae eich sefydliad yn cofrestru unwaith, gyda manylion pawb sydd angen cyfrif.',
  '',
  "Sut i lenwi'r ffurflen hon",
  "1. Dylai gweinyddwr eich cyfrif lenwi'r ffurflen. Bydd yn cael ei enwi fel yr unigolyn sy'n atebol am Platfform Cyffredin yn eich sefydliad.",
  '2. Llenwch y 2 dab mewnbwn yn unig: "Manylion y sefydliad" a "Manylion defnyddwyr". Llenwch y celloedd melyn yn unig.',
  "3. Dewiswch y math o sefydliad, y llysoedd a'r rolau o'r rhestrau.",
  '4. Darllenwch y tab "Telerau ac amodau", yna teipiwch eich enw llawn a\'r dyddiad ar waelod tab y sefydliad.',
  "5. Peidiwch ag ailenwi'r tabiau, symud y labeli na newid fersiwn y ffurflen: rydym yn darllen y ffurflen yn awtomatig.",
  "6. Cadwch y ffeil fel llyfr gwaith Excel (.xlsx) a'i hanfon drwy e-bost i CPOnboarding@justice.gov.uk.",
  '',
  'Mae bargyfreithwyr hunangyflogedig, llawrydd neu fynediad uniongyrchol yn cofrestru fel sefydliad o un person, gan restru eu hunain yn unig.',
  'Byddwch yn cael rolau eiriolwr a gweinyddwr y sefydliad.',
  '',
  "Beth sy'n digwydd nesaf",
  "Byddwn yn gwirio'r ffurflen ac yn ateb yn Gymraeg. Os oes angen cywiro unrhyw beth, byddwn yn anfon copi o'ch ffurflen yn ôl gyda phob cell i'w chywiro wedi'i hamlygu.",
  'Unwaith y byddwch yn y system, bydd pob defnyddiwr yn cael neges e-bost gan noreply@cjscp.org.uk: edrychwch yn y ffolderi sothach a sbam.',
  "Yna bydd pob defnyddiwr yn actifadu ei gyfrif; anfonir cod pas mewn neges destun i'r rhif ffôn symudol ar y ffurflen hon.",
];

export const WELSH_USER_GUIDANCE =
  'Un rhes i bob unigolyn. Rolau: Gweinyddwr y sefydliad, Eiriolwr, Cyfreithiwr amddiffyn, Staff cymorth. Rhowch gyfeiriad e-bost gwahanol a rhif ffôn symudol yn y DU i bob unigolyn.';
export const WELSH_ORGANISATION_GUIDANCE = "Llenwch y celloedd melyn. Dewiswch o'r rhestrau lle mae un. Peidiwch â newid y labeli yng ngholofn A.";

export const WELSH_TERMS = [
  'Telerau ac amodau defnyddio Platfform Cyffredin',
  '',
  '1. Mae pob cyfrif ar gyfer un unigolyn a enwir yn unig. Rhaid peidio â rhannu cyfrineiriau na chodau pas.',
  '2. Dim ond achosion a deunydd ar gyfer cleientiaid y mae eu sefydliad yn eu cynrychioli y caiff defnyddwyr eu gweld.',
  "3. Mae gweinyddwr y sefydliad yn cadw'r rhestr o ddefnyddwyr yn gyfredol ac yn dileu'r rhai sy'n gadael yn brydlon.",
  '4. Ymdrinnir â deunydd a geir drwy Platfform Cyffredin yn unol â chyfraith diogelu data a rhwymedigaethau proffesiynol.',
  "5. Caiff GLlTEF atal cyfrif sy'n cael ei gamddefnyddio, a chaiff archwilio mynediad.",
  '',
  'Drwy deipio eich enw llawn a\'r dyddiad ar y tab "Manylion y sefydliad", rydych yn derbyn y telerau hyn ar ran eich sefydliad',
  "ac yn cadarnhau mai chi yw gweinyddwr ei gyfrif, sy'n atebol am ei ddefnydd o Platfform Cyffredin.",
];

export const WELSH_OFFICE_USE_FIELDS = ['Dyddiad derbyn', 'Gwiriwyd gan', 'Canlyniad', 'Dyddiad sefydlu', 'ID y sefydliad', 'Nodiadau'];
