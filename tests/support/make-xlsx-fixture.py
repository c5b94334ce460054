"""Writes tests/fixtures/imports/agency-openpyxl.xlsx with openpyxl (Debian's python3-openpyxl 3.0.9),
a workbook made by another tool than Tradebrief's own writer, for the XLSX import tests.

Run once by hand (`/usr/bin/python3 tests/support/make-xlsx-fixture.py`); the .xlsx is committed,
so the tests never need Python. What it holds (tests/unit/imports-xlsx.test.ts checks it):
- a first sheet "Notes" of text only, the data on the second sheet "Trade 2019";
- shared strings (openpyxl's default), numbers as numbers, "&" and "<" in text;
- an HS code kept as text ("0101") and one typed as a number that lost its leading zero (101);
- a value in thousands given by a Unit column, a decimal value, a blank row, a row whose value is "n/a".
"""
import os
from openpyxl import Workbook

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, '..', 'fixtures', 'imports', 'agency-openpyxl.xlsx')

wb = Workbook()
notes = wb.active
notes.title = 'Notes'
notes['A1'] = 'Agency trade extract & notes <internal>'
notes['A2'] = 'Values in the unit of the Unit column.'

ws = wb.create_sheet('Trade 2019')
ws.append(['Country', 'Partner country', 'Year', 'Direction', 'HS code', 'Value', 'Unit', 'Comment'])
ws.append(['KOR', 'CHN', 2019, 'Exports', 'TOTAL', 136202.5, 'USD million', 'R&D <check>'])
ws.append(['KOR', 'CHN', 2019, 'Imports', 'TOTAL', 107228.7, 'USD million', None])
ws.append([None, None, None, None, None, None, None, None])
ws.append(['KOR', 'World', 2019, 'Exports', 'TOTAL', 542233, 'USD million', None])
ws.append(['KOR', 'CHN', 2019, 'Exports', '0101', 6105, 'USD thousands', None])
ws.append(['KOR', 'CHN', 2019, 'Exports', 101, 7, 'USD', 'code typed as a number'])
ws.append(['KOR', 'CHN', 2019, 'Imports', '3304', 'n/a', 'USD', None])

wb.save(out)
print(out)
