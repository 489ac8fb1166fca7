// XLSX export of member tables: a workbook Excel opens without an import
// dialog, where customer numbers stay text (leading zeros kept), amounts
// are numbers with two decimals, dates are dates and shares percentages.
//
// Loaded by the worker only when an admin exports to Excel (its own file,
// stammkunde-xlsx.js, next to the worker), so the admin download does not
// grow. The ZIP container comes from fflate (a small, well-kept library);
// the few SpreadsheetML parts are written here: one sheet with inline
// strings, one style sheet. A full spreadsheet library (SheetJS, ExcelJS)
// would add several hundred kilobytes for features an export does not use.

import { zipSync, strToU8 } from 'fflate';

/** XML text: escaped, and characters XML 1.0 forbids removed. */
function xml(text) {
  return String(text)
    // eslint-disable-next-line no-control-regex -- exactly the characters XML 1.0 forbids
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Column letters of a 0-based index: 0 → A, 26 → AA. */
export function columnName(i) {
  let name = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

// Style ids in styles.xml: 0 default, 1 header (bold), 2 money (#,##0.00),
// 3 date (built-in 14: the reader's short date), 4 percent (0.0%), 5 integer (#,##0).
const STYLE = { header: 1, money: 2, date: 3, ratio: 4, int: 5 };
const DAY = 86_400;
// Excel's day 0 is 1899-12-30 (with the 1900 leap-year quirk folded in).
const EXCEL_EPOCH_DAYS = 25_569;

function cellXml(ref, value, type, minorDigits) {
  if (value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value))) return '';
  const number = (n, style) => `<c r="${ref}"${style ? ` s="${style}"` : ''}><v>${n}</v></c>`;
  switch (type) {
    case 'int':
      return number(Math.round(value), STYLE.int);
    case 'number':
      return number(value, 0);
    case 'money':
      return number(value / 10 ** minorDigits, STYLE.money);
    case 'ratio':
      return number(value, STYLE.ratio);
    case 'date':
      return number(Math.floor(value / DAY) + EXCEL_EPOCH_DAYS, STYLE.date);
    default: {
      const text = Array.isArray(value) ? value.join(', ') : String(value);
      return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xml(text)}</t></is></c>`;
    }
  }
}

/**
 * The bytes of an .xlsx workbook with one sheet: `columns`
 * (`[{ key, header, type }]`, type text, int, number, ratio, money, date)
 * and `rows` (objects). Money in minor units with `minorDigits` decimals.
 */
export function toXlsx(columns, rows, { sheet = 'Kunden', minorDigits = 2 } = {}) {
  const lines = [];
  const header = columns.map((c, i) => `<c r="${columnName(i)}1" t="inlineStr" s="${STYLE.header}"><is><t>${xml(c.header)}</t></is></c>`).join('');
  lines.push(`<row r="1">${header}</row>`);
  rows.forEach((row, r) => {
    const n = r + 2;
    lines.push(`<row r="${n}">${columns.map((c, i) => cellXml(`${columnName(i)}${n}`, row[c.key], c.type, minorDigits)).join('')}</row>`);
  });
  const widths = columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${Math.min(40, Math.max(10, c.header.length + 2))}" customWidth="1"/>`).join('');
  const last = `${columnName(Math.max(0, columns.length - 1))}${rows.length + 1}`;
  const sheetXml =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    `<dimension ref="A1:${last}"/>` +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
    `<cols>${widths}</cols><sheetData>${lines.join('')}</sheetData>` +
    `<autoFilter ref="A1:${last}"/></worksheet>`;
  const name = xml(String(sheet).replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Sheet1');
  const files = {
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '</Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
      '</Relationships>',
    'xl/workbook.xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      `<sheets><sheet name="${name}" sheetId="1" r:id="rId1"/></sheets>` +
      `<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'${name.replace(/'/g, "''")}'!$A$1:$${columnName(Math.max(0, columns.length - 1))}$${rows.length + 1}</definedName></definedNames>` +
      '</workbook>',
    'xl/_rels/workbook.xml.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
      '</Relationships>',
    'xl/styles.xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      '<numFmts count="2"><numFmt numFmtId="164" formatCode="#,##0.00"/><numFmt numFmtId="165" formatCode="0.0%"/></numFmts>' +
      '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      '<cellXfs count="6">' +
      '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
      '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
      '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
      '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
      '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
      '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
      '</cellXfs>' +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '</styleSheet>',
    'xl/worksheets/sheet1.xml': sheetXml,
  };
  /** @type {Record<string, Uint8Array>} */
  const entries = {};
  for (const [path, text] of Object.entries(files)) entries[path] = strToU8(text);
  return zipSync(entries, { level: 6 });
}
