/**
 * The cells of a worksheet, and the shared strings, read without a general XML parser: the intake's hot path. A
 * template's data sheet is most of the XML of an upload (32 KB of cells in a 40-indicator template), and saxes, which
 * checks and tracks every character, took as much CPU time as the rest of the reader put together.
 *
 * The sheet scan reads only the plain form of <sheetData> that Excel, WPS, LibreOffice and exceljs write: unprefixed
 * <row>, <c>, <v> and <f>, attributes in either quote, whitespace between elements, and in values and formulas the
 * five predefined entities and character references. It sends the cell reader (ooxml.ts) the events saxes would (open
 * with the attributes the reader uses, text, close). On anything else it stops and answers false, and the caller
 * reads the part with saxes instead: an inline string (<is>), a namespace prefix, an extension list, a comment,
 * CDATA, a processing instruction or document type before or among the cells, an entity or character reference in a
 * used attribute, a line break or tab in one, a carriage return in text (which XML would normalise), a control
 * character, a raw ">" in text, a used attribute given twice, an unclosed tag. The shared-strings scan is stricter
 * still (see scanSharedStrings).
 *
 * What it gives up is saxes' refusal of some malformed parts: what it skips (the rest of the part after
 * </sheetData>, anything before <sheetData>, attributes the reader does not use, the text of cells it does not keep)
 * is not checked for well-formedness. It never reads a well-formed part differently from saxes:
 * test/workbook-sheet-scan.test.ts compares the two on a filled template and on thousands of generated and damaged
 * parts, and test/workbook-libreoffice.test.ts on a workbook LibreOffice saved.
 */
import type { XmlHandlers } from './ooxml';

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const AMPERSAND = 0x26;
const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;

/** The elements the scan knows, at their only depth below <sheetData>: row 1, c 2, v and f 3. */
const ROW = 'row';
const CELL = 'c';
const VALUE = 'v';
const FORMULA = 'f';
const SHEET_DATA_OPEN = '<sheetData>';

function isSpace(code: number): boolean {
  return code === SPACE || code === LF || code === TAB || code === CR;
}

/** Scans the cells of `xml` (a worksheet, cut anywhere after its </sheetData>); false when it cannot (see above). */
export function scanSheetData(xml: string, h: XmlHandlers): boolean {
  const start = xml.indexOf(SHEET_DATA_OPEN);
  if (start < 0 || !plainHead(xml, start, 'worksheet')) return false;
  return new Scanner(xml, h).run(start + SHEET_DATA_OPEN.length);
}

/**
 * The texts of a shared-strings part in the form every writer we know uses for plain text: <si><t>…</t></si>, the <t>
 * perhaps with xml:space="preserve", whitespace only between the <si>s. Null for anything else (rich-text runs,
 * phonetic guides, a prefix, other attributes, an empty <t/>), which the caller reads with saxes. The texts are
 * returned as XML has them (references decoded); OOXML's own escapes ("_x000D_") are the caller's.
 */
export function scanSharedStrings(xml: string): string[] | null {
  const root = xml.indexOf('<sst');
  if (root < 0 || !plainHead(xml, root, 'sst')) return null;
  const rootEnd = xml.indexOf('>', root);
  // The root's own attributes (counts, namespaces) are passed over: a "<" among them is not XML, and "/>" holds nothing.
  if (rootEnd < 0 || xml.charCodeAt(rootEnd - 1) === SLASH || xml.lastIndexOf('<', rootEnd) !== root) return null;
  const strings: string[] = [];
  let i = rootEnd + 1;
  for (;;) {
    while (isSpace(xml.charCodeAt(i))) i++;
    if (xml.startsWith('</sst>', i)) return strings;
    if (!xml.startsWith('<si><t', i)) return null;
    i += 6;
    if (xml.charCodeAt(i) === GT) i += 1;
    else if (xml.startsWith(PRESERVE, i)) i += PRESERVE.length;
    else return null;
    const lt = xml.indexOf('<', i);
    if (lt < 0 || !xml.startsWith('</t></si>', lt)) return null;
    const text = plainText(xml, i, lt);
    if (text === null) return null;
    strings.push(text);
    i = lt + 9;
  }
}

const PRESERVE = ' xml:space="preserve">';

/**
 * Whether what comes before `start` is plain: an unprefixed root element named `root` (a prefixed one names its
 * children <x:row>, and saxes reads those), after at most an XML declaration; no comment, CDATA section, document type
 * or processing instruction, which could hide or redefine what looks like the elements scanned.
 */
function plainHead(xml: string, start: number, root: string): boolean {
  if (xml.lastIndexOf('<!', start) >= 0) return false;
  let at = xml.indexOf('<');
  if (at <= 1 && xml.startsWith('<?xml', at) && isSpace(xml.charCodeAt(at + 5))) {
    const declarationEnd = xml.indexOf('?>', at);
    if (declarationEnd < 0 || declarationEnd > start) return false;
    at = xml.indexOf('<', declarationEnd);
  }
  if (at < 0 || xml.lastIndexOf('<?', start) >= at) return false;
  const afterName = xml.charCodeAt(at + 1 + root.length);
  return xml.charCodeAt(at + 1) === root.charCodeAt(0) && xml.startsWith(root, at + 1) && (isSpace(afterName) || afterName === GT);
}

/**
 * The attributes the cell reader uses (ooxml.ts): a row's and a cell's r, a cell's t and s, a formula's t, si and ref.
 * Always all five keys, so that every tag's attributes have one shape; an absent one is undefined, as saxes'.
 */
type ScannedAttributes = Record<'r' | 't' | 's' | 'si' | 'ref', string | undefined>;

/** A tag without attributes: one object for all of them, frozen since every handler is given the same one. */
const NO_ATTRIBUTES: ScannedAttributes = Object.freeze({ r: undefined, t: undefined, s: undefined, si: undefined, ref: undefined });

/** The name between `from` and `to` if it is one of ScannedAttributes', else null. */
function scannedName(xml: string, from: number, to: number): keyof ScannedAttributes | null {
  switch (to - from) {
    case 1: {
      const c = xml.charCodeAt(from);
      return c === 0x72 ? 'r' : c === 0x74 ? 't' : c === 0x73 ? 's' : null;
    }
    case 2:
      return xml.startsWith('si', from) ? 'si' : null;
    case 3:
      return xml.startsWith('ref', from) ? 'ref' : null;
    default:
      return null;
  }
}

class Scanner {
  /** Where the last tag read ended (after its ">"), and whether it was self-closing. */
  private end = 0;
  private selfClosing = false;

  constructor(private readonly xml: string, private readonly h: XmlHandlers) {}

  run(from: number): boolean {
    const { xml, h } = this;
    // Open elements below <sheetData>: 0 none, 1 a row, 2 a cell, 3 its value or formula (`leaf`).
    let depth = 0;
    let leaf = '';
    let i = from;
    for (;;) {
      const lt = xml.indexOf('<', i);
      if (lt < 0) return false;
      if (lt > i) {
        if (depth === 3) {
          // Text nobody reads is not decoded: most formulas belong to cells the reader does not keep.
          if (h.textWanted?.() !== false) {
            const text = plainText(xml, i, lt);
            if (text === null) return false;
            h.text?.(text);
          }
        } else if (!onlySpace(xml, i, lt)) {
          return false;
        }
      }
      if (xml.charCodeAt(lt + 1) === SLASH) {
        const name = depth === 0 ? 'sheetData' : depth === 1 ? ROW : depth === 2 ? CELL : leaf;
        if (!this.closingTag(lt + 2, name)) return false;
        h.close?.(name);
        if (depth === 0) return true;
        depth--;
      } else {
        const name = this.openingName(lt + 1);
        const fits = depth === 0 ? name === ROW : depth === 1 ? name === CELL : depth === 2 && (name === VALUE || name === FORMULA);
        if (!fits) return false;
        const afterName = lt + 1 + name.length;
        let attributes: ScannedAttributes | null;
        if (xml.charCodeAt(afterName) === GT) {
          // Mostly <v> and <f>: about half the opening tags of a sheet have no attributes at all.
          attributes = NO_ATTRIBUTES;
          this.selfClosing = false;
          this.end = afterName + 1;
        } else {
          attributes = this.attributes(afterName);
          if (attributes === null) return false;
        }
        const selfClosing = this.selfClosing;
        // As saxes: the open event, then at once the close event of a self-closing tag; `done` asked after each.
        // saxes' attributes type is a string record; an absent key reads as undefined from either.
        h.open(name, { name, attributes: attributes as Record<string, string>, isSelfClosing: selfClosing });
        if (selfClosing) {
          if (h.done?.()) return true;
          h.close?.(name);
        } else {
          depth++;
          if (depth === 3) leaf = name;
        }
      }
      if (h.done?.()) return true;
      i = this.end;
    }
  }

  /** The known element name at `at` (followed by whitespace, "/" or ">"), or '' for any other. */
  private openingName(at: number): string {
    const { xml } = this;
    const first = xml.charCodeAt(at);
    let name = '';
    if (first === 0x63) name = CELL;
    else if (first === 0x76) name = VALUE;
    else if (first === 0x66) name = FORMULA;
    else if (first === 0x72 && xml.startsWith(ROW, at)) name = ROW;
    if (name === '') return '';
    const after = xml.charCodeAt(at + name.length);
    return after === GT || after === SLASH || isSpace(after) ? name : '';
  }

  /** Whether the closing tag at `at` (after "</") is `name`'s, whitespace before its ">" allowed; records its end. */
  private closingTag(at: number, name: string): boolean {
    const { xml } = this;
    if (!xml.startsWith(name, at)) return false;
    let k = at + name.length;
    while (isSpace(xml.charCodeAt(k))) k++;
    if (xml.charCodeAt(k) !== GT) return false;
    this.end = k + 1;
    return true;
  }

  /**
   * The attributes from `at` (just after the element's name) to the tag's end, which it records; null for anything
   * the scan does not read (see the module's comment). Attributes the cell reader does not use are passed over.
   */
  private attributes(at: number): ScannedAttributes | null {
    const { xml } = this;
    const attributes: ScannedAttributes = { r: undefined, t: undefined, s: undefined, si: undefined, ref: undefined };
    let i = at;
    for (;;) {
      const before = i;
      while (isSpace(xml.charCodeAt(i))) i++;
      const code = xml.charCodeAt(i);
      if (code === GT) {
        this.selfClosing = false;
        this.end = i + 1;
        return attributes;
      }
      if (code === SLASH) {
        if (xml.charCodeAt(i + 1) !== GT) return null;
        this.selfClosing = true;
        this.end = i + 2;
        return attributes;
      }
      if (i === before) return null; // attributes are separated by whitespace (and NaN at the end of the text)
      const nameStart = i;
      while (i < xml.length && !isNameEnd(xml.charCodeAt(i))) i++;
      const name = scannedName(xml, nameStart, i);
      while (isSpace(xml.charCodeAt(i))) i++;
      if (i === nameStart || xml.charCodeAt(i) !== EQUALS) return null;
      i++;
      while (isSpace(xml.charCodeAt(i))) i++;
      const quote = xml.charCodeAt(i);
      if (quote !== QUOTE && quote !== APOSTROPHE) return null;
      const close = xml.indexOf(quote === QUOTE ? '"' : "'", i + 1);
      if (close < 0) return null;
      if (name !== null) {
        for (let k = i + 1; k < close; k++) {
          const c = xml.charCodeAt(k);
          // XML normalises whitespace in attribute values and decodes references: left to saxes.
          if (c < SPACE || c === LT || c === AMPERSAND || c === 0xfffe || c === 0xffff) return null;
        }
        if (attributes[name] !== undefined) return null;
        attributes[name] = xml.slice(i + 1, close);
      }
      i = close + 1;
    }
  }
}

/** Only whitespace between `from` and `to`. */
function onlySpace(xml: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (!isSpace(xml.charCodeAt(k))) return false;
  return true;
}

/** The text between `from` and `to`, references decoded; null where XML would change it or refuse it. */
function plainText(xml: string, from: number, to: number): string | null {
  let references = false;
  for (let k = from; k < to; k++) {
    const c = xml.charCodeAt(k);
    if (c === AMPERSAND) references = true;
    else if ((c < SPACE && c !== LF && c !== TAB) || c === GT || c === 0xfffe || c === 0xffff) return null;
  }
  return references ? decodeReferences(xml.slice(from, to)) : xml.slice(from, to);
}

/** Ends an attribute's name: whitespace, "=", or a character no name may hold. */
function isNameEnd(code: number): boolean {
  return isSpace(code) || code === EQUALS || code === GT || code === SLASH || code === LT || code === QUOTE || code === APOSTROPHE;
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** "&lt;" → "<", "&#x4E2D;" → "中"; null for any other reference (left to saxes) or a character XML forbids. */
function decodeReferences(text: string): string | null {
  let out = '';
  let i = 0;
  for (;;) {
    const amp = text.indexOf('&', i);
    if (amp < 0) return out + text.slice(i);
    const semi = text.indexOf(';', amp + 1);
    if (semi < 0) return null;
    const ref = text.slice(amp + 1, semi);
    let char: string | undefined;
    if (ref.charCodeAt(0) === 0x23) {
      const hex = ref.charCodeAt(1) === 0x78;
      const digits = ref.slice(hex ? 2 : 1);
      if (!(hex ? /^[0-9A-Fa-f]{1,6}$/ : /^[0-9]{1,7}$/).test(digits)) return null;
      const code = parseInt(digits, hex ? 16 : 10);
      if (!isXmlChar(code)) return null;
      char = String.fromCodePoint(code);
    } else {
      char = Object.prototype.hasOwnProperty.call(PREDEFINED, ref) ? PREDEFINED[ref] : undefined;
    }
    if (char === undefined) return null;
    out += text.slice(i, amp) + char;
    i = semi + 1;
  }
}

/** XML 1.0's Char production. */
function isXmlChar(code: number): boolean {
  return code === TAB || code === LF || code === CR || (code >= SPACE && code <= 0xd7ff)
    || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}
