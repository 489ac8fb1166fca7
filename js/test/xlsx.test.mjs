// The XLSX export: a valid workbook whose customer numbers are text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unzipSync, strFromU8 } from 'fflate';
import { toXlsx, columnName } from '../src/admin/stammkunde-xlsx.js';
import { exportColumns } from '../src/admin/model.js';

test('column names run A..Z, AA..', () => {
  assert.deepEqual([0, 25, 26, 27, 701, 702].map(columnName), ['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
});

test('customer numbers stay text, amounts and dates are numbers with formats, names beside ids', () => {
  const columns = exportColumns('de', 'USD', 'de');
  const rows = [
    { key: '00004', orders: 4, revenue: 10050, aov: 2512.5, firstOrder: 852076800, lastOrder: 881884800, daysSinceLast: 201, r: 1, f: 4, m: 3, rfmSegment: 'rfm:at_risk', rfmName: 'Gefährdet', abc: 'B', clv: 1234, pAlive: 0.5, segments: ['sleepers'], segmentNames: ['Schläfer <&> "x"'] },
    { key: '=cmd|x', orders: 1, revenue: 0, aov: 0, firstOrder: 852076800, lastOrder: 852076800, daysSinceLast: 500, r: 1, f: 1, m: 1, rfmSegment: null, rfmName: null, abc: 'C', clv: null, pAlive: null, segments: [], segmentNames: [] },
  ];
  const files = unzipSync(toXlsx(columns, rows));
  assert.deepEqual(Object.keys(files).sort(), ['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
  const sheet = strFromU8(files['xl/worksheets/sheet1.xml']);
  assert.match(sheet, /<c r="A2" t="inlineStr"><is><t xml:space="preserve">00004<\/t><\/is><\/c>/);
  assert.match(sheet, /<c r="C2" s="2"><v>100.5<\/v><\/c>/);
  // 1997-01-01 is Excel day 35431
  assert.match(sheet, /<c r="E2" s="3"><v>35431<\/v><\/c>/);
  const header = [...sheet.matchAll(/<c r="[A-Z]+1"[^>]*><is><t>([^<]*)<\/t>/g)].map((m) => m[1]);
  assert.ok(header.includes('RFM-Segment (Name)') && header.includes('Segmente (Namen)'));
  assert.ok(sheet.includes('Gefährdet') && sheet.includes('Schläfer &lt;&amp;&gt; &quot;x&quot;'));
  // a formula-like customer is a string cell, never a formula
  assert.ok(sheet.includes('<t xml:space="preserve">=cmd|x</t>') && !sheet.includes('<f>'));
  assert.match(strFromU8(files['xl/workbook.xml']), /<sheet name="Kunden"/);
});
