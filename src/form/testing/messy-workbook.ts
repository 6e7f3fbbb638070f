import ExcelJS from 'exceljs';
import { FORM_VERSION, ORGANISATION_FIELDS, USER_COLUMNS } from '../form-schema.js';

/**
 * A correct form as people really send it: tabs renamed with an en-dash and odd case, rows and columns
 * inserted, rich text, formulas, mailto links, numbers that lost their leading zero, a real date and a
 * merged answer cell. Built from scratch so that nothing depends on the template's positions.
 */
export async function messyWorkbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('Instructions').getCell('A1').value = 'Please read';
  const org = book.addWorksheet('Organisation Details – Input');
  org.getCell('B4').value = 'Form Version';
  org.getCell('D4').value = FORM_VERSION;
  org.getCell('B6').value = 'Field';
  org.getCell('D6').value = 'Your answer';
  org.getCell('E6').value = 'Help';
  const answers: Record<string, ExcelJS.CellValue> = {
    organisationName: { richText: [{ text: 'Kestrel ', font: { bold: true } }, { text: '& Hart LLP' }] },
    organisationType: 'solicitors firm',
    addressLine1: '12 Chancery Lane',
    town: 'London',
    postcode: { formula: 'UPPER("wc2a 1ll")', result: 'WC2A 1LL' },
    phone: 2079460123,
    email: { text: 'office@kestrelhart.example.co.uk', hyperlink: 'mailto:office@kestrelhart.example.co.uk' },
    laa: '2a 123 b',
    sra: 612345,
    court1: 'westminster mags',
    court2: 'Southwark Crown Ct',
    adminName: 'Priya Natarajan',
    adminJobTitle: 'Practice manager',
    adminEmail: { text: 'Priya Natarajan', hyperlink: 'mailto:Priya.Natarajan@kestrelhart.example.co.uk?subject=Hello' },
    adminPhone: '+44 (0)20 7946 0124',
    signatureName: '  Priya   Natarajan ',
    signatureDate: new Date(Date.UTC(2026, 10, 20)),
  };
  let row = 8;
  ORGANISATION_FIELDS.forEach((field, i) => {
    if (i % 5 === 4) row++; // a blank row now and then
    org.getCell(row, 2).value = `${field.label}${field.required ? ' *' : ''}`;
    const value = answers[field.key];
    if (value !== undefined) org.getCell(row, 4).value = value;
    if (field.key === 'addressLine1') org.mergeCells(row, 4, row, 5);
    row++;
  });
  const users = book.addWorksheet('user details input ');
  users.getCell('B2').value = `Form version: ${FORM_VERSION}`;
  USER_COLUMNS.forEach((c, i) => (users.getCell(7, i + 2).value = c.label.toUpperCase()));
  const rows: ExcelJS.CellValue[][] = [
    ['Priya', 'Natarajan', 'priya.natarajan@kestrelhart.example.co.uk', 7700900101, 'organisation administrator', null],
    [],
    [
      'Tom',
      'Okafor',
      { formula: 'LOWER("TOM.OKAFOR@KESTRELHART.EXAMPLE.CO.UK")', result: 'tom.okafor@kestrelhart.example.co.uk' },
      '07700900102',
      'Defence Lawyer',
      'advocate',
    ],
    [
      'Siân',
      'Evans',
      { text: 'sian.evans@kestrelhart.example.co.uk', hyperlink: 'mailto:sian.evans@kestrelhart.example.co.uk' },
      '+447700900103',
      'Support staff',
      null,
    ],
  ];
  rows.forEach((values, i) =>
    values.forEach((value, c) => {
      if (value !== null) users.getCell(8 + i, c + 2).value = value;
    }),
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}
