/**
 * The raw floor the benchmarks compare the template reader against: find the named parts through the zip's central
 * directory, inflate them with node:zlib, run saxes over them, keep nothing. No checks, no validation.
 */
import { inflateRawSync } from 'node:zlib';
import { SaxesParser } from 'saxes';

/** Reads the parts whose names match `parts`; returns the number of XML events seen (so the work is not elided). */
export function floorRead(bytes: Buffer, parts: RegExp): number {
  const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = bytes.readUInt16LE(eocd + 10);
  let p = bytes.readUInt32LE(eocd + 16);
  let events = 0;
  for (let i = 0; i < count; i++) {
    const method = bytes.readUInt16LE(p + 10);
    const compressed = bytes.readUInt32LE(p + 20);
    const nameLen = bytes.readUInt16LE(p + 28);
    const next = p + 46 + nameLen + bytes.readUInt16LE(p + 30) + bytes.readUInt16LE(p + 32);
    const name = bytes.toString('utf8', p + 46, p + 46 + nameLen);
    const offset = bytes.readUInt32LE(p + 42);
    p = next;
    if (!parts.test(name)) continue;
    const start = offset + 30 + bytes.readUInt16LE(offset + 26) + bytes.readUInt16LE(offset + 28);
    const raw = bytes.subarray(start, start + compressed);
    const parser = new SaxesParser({ position: false });
    parser.on('opentag', () => { events++; });
    parser.on('text', () => { events++; });
    parser.write((method === 8 ? inflateRawSync(raw) : raw).toString('utf8')).close();
  }
  return events;
}
