#!/usr/bin/python3
"""Builds the app's bundled CJK fonts: subsets of Noto Sans CJK (SIL OFL 1.1) for Korean and Chinese.

Needs fontTools and brotli (Debian: apt-get install python3-fonttools python3-brotli) and the Noto CJK
collection (Debian: fonts-noto-cjk). Run from the repository root:  /usr/bin/python3 build/subset-cjk-font.py

Characters kept: every CJK character of the bundled packs (db/packs/*.json), every modern Hangul
syllable (11,172), the 3,755 level-1 hanzi of GB 2312, kana, CJK punctuation and full-width forms.
The fonts are renamed (family "Tradebrief CJK KR" / "Tradebrief CJK SC") so a PDF shows which font drew a
glyph, as the OFL asks of modified versions.
"""
import glob, json, os, sys
from fontTools import subset
from fontTools.ttLib import TTCollection

SRC = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'
OUT = 'renderer/public/fonts'
FACES = {'KR': 1, 'SC': 2}  # indices in the collection

def is_hangul(c): o = ord(c); return 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F or 0xAC00 <= o <= 0xD7A3 or 0xA960 <= o <= 0xA97F or 0xD7B0 <= o <= 0xD7FF
def is_han(c): o = ord(c); return 0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF
def is_kana(c): o = ord(c); return 0x3040 <= o <= 0x30FF or 0x31F0 <= o <= 0x31FF
def is_cjk_punct(c): o = ord(c); return 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF or 0x3200 <= o <= 0x32FF

data = set()
for path in glob.glob('db/packs/*.json'):
    data |= set(open(path, encoding='utf-8').read())

# Every modern Hangul syllable (11,172; about 0.65 MB as WOFF2): any Korean name a user types prints.
hangul = {chr(o) for o in range(0xAC00, 0xD7A4)}
gb_l1 = set()
for hi in range(0xB0, 0xD8):
    for lo in range(0xA1, 0xFF):
        try:
            gb_l1.add(bytes([hi, lo]).decode('gb2312'))
        except UnicodeDecodeError:
            pass
punct = {chr(o) for o in list(range(0x3000, 0x3040)) + list(range(0xFF01, 0xFF5F))}
kana = {chr(o) for o in range(0x3041, 0x30FF)}

kr_chars = {c for c in data if is_hangul(c)} | hangul | {c for c in punct}
sc_chars = {c for c in data if is_han(c) or is_kana(c) or is_cjk_punct(c)} | gb_l1 | kana | punct

def cff_to_truetype(tt):
    """CFF outlines → TrueType (quadratic) outlines. Chromium embeds a CFF web font in a PDF as nameless
    Type 3 glyphs; a TrueType font is embedded as a subset CID font under its own name (smaller, and a test
    can tell which font drew the text). Follows fontTools' Snippets/otf2ttf.py."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable
    order = tt.getGlyphOrder()
    glyph_set = tt.getGlyphSet()
    glyf = newTable('glyf')
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    tt['loca'] = newTable('loca')
    tt['glyf'] = glyf
    del tt['CFF ']
    if 'VORG' in tt:
        del tt['VORG']
    maxp = newTable('maxp')
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    maxp.maxTwilightPoints = maxp.maxStorage = maxp.maxFunctionDefs = maxp.maxInstructionDefs = 0
    maxp.maxStackElements = maxp.maxSizeOfInstructions = 0
    maxp.maxComponentElements = max(len(g.components if hasattr(g, 'components') else []) for g in glyf.glyphs.values())
    tt['maxp'] = maxp
    tt['head'].indexToLocFormat = 0
    tt['head'].glyphDataFormat = 0
    post = tt['post']
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    tt.sfntVersion = '\x00\x01\x00\x00'
    glyf.compile(tt)


def build(face, chars):
    tt = TTCollection(SRC).fonts[FACES[face]]
    opts = subset.Options()
    opts.flavor = 'woff2'
    opts.layout_features = ['*']
    opts.name_IDs = ['*']
    opts.name_languages = ['*']
    opts.notdef_outline = True
    opts.hinting = False
    s = subset.Subsetter(opts)
    s.populate(unicodes=[ord(c) for c in chars])
    s.subset(tt)
    family = f'Tradebrief CJK {face}'
    ps = f'TradebriefCJK{face}-Regular'
    for rec in tt['name'].names:
        if rec.nameID in (1, 16):
            rec.string = family
        elif rec.nameID == 4:
            rec.string = f'{family} Regular'
        elif rec.nameID == 6:
            rec.string = ps
        elif rec.nameID == 3:
            rec.string = f'{ps};subset of Noto Sans CJK {face}'
    cff_to_truetype(tt)
    path = os.path.join(OUT, f'tradebrief-cjk-{face.lower()}.woff2')
    tt.flavor = 'woff2'
    tt.save(path)
    print(path, len(chars), 'characters', os.path.getsize(path), 'bytes')
    return chars

os.makedirs(OUT, exist_ok=True)
kr = build('KR', kr_chars)
sc = build('SC', sc_chars)
missing = sorted(c for c in data if (is_hangul(c) or is_han(c) or is_kana(c)) and c not in kr and c not in sc)
if missing:
    print('not covered:', ''.join(missing)); sys.exit(1)
