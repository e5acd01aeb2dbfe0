/**
 * The reporting units: each city's bureau and every district, county, county-level city and banner under it,
 * with GB/T 2260 codes.
 */
import { UnitSchema } from '../core/schema';
import { units } from '../templates/units';

const underCity = (city: string) => units.filter((u) => u.parent === city);

describe('reporting units', () => {
  it('validate with UnitSchema', () => {
    for (const u of units) expect(() => UnitSchema.parse(u)).not.toThrow();
  });

  it('have unique codes', () => {
    const codes = units.map((u) => u.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('list Harbin with 18, Jiamusi with 10 and Hulunbuir with 14 units under the city bureau', () => {
    expect(underCity('230100')).toHaveLength(18);
    expect(underCity('230800')).toHaveLength(10);
    expect(underCity('150700')).toHaveLength(14);
    expect(units).toHaveLength(3 + 18 + 10 + 14);
  });

  it('give each city one bureau that is its own city and has no parent', () => {
    const bureaus = units.filter((u) => u.parent === null);
    expect(bureaus.map((u) => [u.code, u.name, u.kind, u.city])).toEqual([
      ['230100', '哈尔滨市教育局', 'city', '230100'],
      ['230800', '佳木斯市教育局', 'city', '230800'],
      ['150700', '呼伦贝尔市教育局', 'city', '150700'],
    ]);
  });

  it('place every unit in its city by code prefix, with the kind its name says', () => {
    for (const u of units.filter((x) => x.parent !== null)) {
      expect({ code: u.code, city: u.city, parent: u.parent }).toEqual({ code: u.code, city: `${u.code.slice(0, 4)}00`, parent: u.city });
      const kind = u.name.endsWith('旗') ? 'banner' : u.name.endsWith('县') ? 'county' : u.name.endsWith('市') ? 'county-city' : 'district';
      expect({ name: u.name, kind: u.kind }).toEqual({ name: u.name, kind });
    }
  });

  it('use the GB/T 2260 codes of the units the seeds name', () => {
    const code = (name: string) => units.find((u) => u.name === name)?.code;
    expect(['南岗区', '五常市', '双城区'].map(code)).toEqual(['230103', '230184', '230113']); // seed 003 pilot areas
    expect(['桦南县', '抚远市', '郊区'].map(code)).toEqual(['230822', '230883', '230811']); // seed 002
    expect(['海拉尔区', '莫力达瓦达斡尔族自治旗', '根河市'].map(code)).toEqual(['150702', '150722', '150785']);
  });
});
