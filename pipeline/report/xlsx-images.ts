/**
 * Puts PNG images on sheets of a finished .xlsx. The report workbook is written with exceljs' streaming writer (a
 * large city's matrix and flags are hundreds of thousands of cells: the in-memory workbook took a gigabyte), and
 * that writer places no pictures; so the pictures are added afterwards, as the OOXML parts Excel itself writes:
 *
 *   xl/media/chartN.png                          the image
 *   xl/drawings/drawingN.xml (+ _rels)           where it sits (one-cell anchor: top-left cell and size)
 *   xl/worksheets/sheetK.xml                     <drawing r:id="…"/> in its place in the sheet
 *   xl/worksheets/_rels/sheetK.xml.rels          the sheet → drawing relationship
 *   [Content_Types].xml                          png and drawing content types
 *
 * Parts not touched keep their compressed bytes (JSZip reuses them).
 */
import JSZip from 'jszip';

export interface SheetImage {
  /** 1-based position of the sheet in the workbook. */
  sheet: number;
  png: Buffer;
  /** Top-left cell, 0-based. */
  col: number;
  row: number;
  /** Size in pixels. */
  width: number;
  height: number;
  name: string;
}

const EMU_PER_PIXEL = 9525;
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL_DRAWING = `${NS_REL}/drawing`;
const REL_IMAGE = `${NS_REL}/image`;
const DRAWING_TYPE = 'application/vnd.openxmlformats-officedocument.drawing+xml';
/** Elements that follow <drawing> in a worksheet (CT_Worksheet's order): it goes before the first present. */
const AFTER_DRAWING = ['legacyDrawing', 'legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst'];

export async function addImages(xlsx: Buffer, images: SheetImage[]): Promise<Buffer> {
  if (images.length === 0) return xlsx;
  const zip = await JSZip.loadAsync(xlsx);
  const sheetPaths = await sheetPathsInOrder(zip);
  const bySheet = new Map<number, SheetImage[]>();
  for (const image of images) bySheet.set(image.sheet, [...(bySheet.get(image.sheet) ?? []), image]);

  let drawingNo = 0;
  let mediaNo = 0;
  // A picture shown on two sheets is stored once.
  const stored = new Map<Buffer, string>();
  const overrides: string[] = [];
  for (const [sheet, list] of bySheet) {
    const sheetPath = sheetPaths[sheet - 1];
    if (!sheetPath) throw new Error(`workbook has no sheet #${sheet}`);
    drawingNo++;
    const drawingPath = `xl/drawings/drawing${drawingNo}.xml`;
    const anchors: string[] = [];
    const rels: string[] = [];
    list.forEach((image, i) => {
      let media = stored.get(image.png);
      if (!media) {
        media = `chart${++mediaNo}.png`;
        stored.set(image.png, media);
        zip.file(`xl/media/${media}`, image.png);
      }
      rels.push(`<Relationship Id="rId${i + 1}" Type="${REL_IMAGE}" Target="../media/${media}"/>`);
      anchors.push(anchor(image, i + 1, drawingNo * 100 + i));
    });
    zip.file(drawingPath, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
      `<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" ` +
      `xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">${anchors.join('')}</xdr:wsDr>`);
    zip.file(`xl/drawings/_rels/drawing${drawingNo}.xml.rels`, relationships(rels));
    overrides.push(`<Override PartName="/${drawingPath}" ContentType="${DRAWING_TYPE}"/>`);

    const relId = await linkSheetToDrawing(zip, sheetPath, `../drawings/drawing${drawingNo}.xml`);
    const xml = await zip.file(sheetPath)!.async('string');
    zip.file(sheetPath, insertDrawing(xml, relId));
  }

  const typesPath = '[Content_Types].xml';
  let types = await zip.file(typesPath)!.async('string');
  if (!/Extension="png"/i.test(types)) overrides.unshift('<Default Extension="png" ContentType="image/png"/>');
  types = types.replace('</Types>', `${overrides.join('')}</Types>`);
  zip.file(typesPath, types);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

/** Worksheet parts in the order the workbook lists its sheets. */
async function sheetPathsInOrder(zip: JSZip): Promise<string[]> {
  const workbook = await zip.file('xl/workbook.xml')!.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const targets = new Map([...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => [attr(m[0], 'Id'), attr(m[0], 'Target')]));
  return [...workbook.matchAll(/<sheet\b[^>]*>/g)].map((m) => {
    const target = targets.get(attr(m[0], 'r:id')) ?? '';
    return target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
  });
}

function attr(tag: string, name: string): string {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] ?? '';
}

/** Adds the sheet → drawing relationship, keeping the sheet's other relationships; returns its id. */
async function linkSheetToDrawing(zip: JSZip, sheetPath: string, target: string): Promise<string> {
  const relsPath = sheetPath.replace(/([^/]+)$/, '_rels/$1.rels');
  const existing = zip.file(relsPath) ? await zip.file(relsPath)!.async('string') : null;
  const used = new Set([...(existing ?? '').matchAll(/Id="([^"]+)"/g)].map((m) => m[1]));
  let n = 1;
  while (used.has(`rIdDrawing${n}`)) n++;
  const id = `rIdDrawing${n}`;
  const rel = `<Relationship Id="${id}" Type="${REL_DRAWING}" Target="${target}"/>`;
  zip.file(relsPath, existing ? existing.replace('</Relationships>', `${rel}</Relationships>`) : relationships([rel]));
  return id;
}

function insertDrawing(sheetXml: string, relId: string): string {
  const element = `<drawing r:id="${relId}"/>`;
  const positions = AFTER_DRAWING.map((name) => sheetXml.search(new RegExp(`<${name}[\\s/>]`))).filter((i) => i >= 0);
  const at = positions.length > 0 ? Math.min(...positions) : sheetXml.lastIndexOf('</worksheet>');
  const withNs = /xmlns:r="/.test(sheetXml.slice(0, 600)) ? sheetXml
    : sheetXml.replace(/<worksheet\b/, `<worksheet xmlns:r="${NS_REL}"`);
  const shift = withNs.length - sheetXml.length;
  return `${withNs.slice(0, at + shift)}${element}${withNs.slice(at + shift)}`;
}

function relationships(rels: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`;
}

function anchor(image: SheetImage, relNo: number, id: number): string {
  const cx = Math.round(image.width * EMU_PER_PIXEL);
  const cy = Math.round(image.height * EMU_PER_PIXEL);
  const name = image.name.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  return `<xdr:oneCellAnchor><xdr:from><xdr:col>${image.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${image.row}</xdr:row>` +
    `<xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="${cx}" cy="${cy}"/><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="${id + 1}" name="${name}"/>` +
    `<xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr><xdr:blipFill>` +
    `<a:blip xmlns:r="${NS_REL}" r:embed="rId${relNo}"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>` +
    `<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr>` +
    `</xdr:pic><xdr:clientData/></xdr:oneCellAnchor>`;
}
