/**
 * The reporting units of the three cities the seeds cover: each city's education bureau (parent null) and the
 * education bureaus of its districts (区), counties (县), county-level cities (市) and banners (旗).
 *
 * Codes are GB/T 2260 administrative division codes (the stable six-digit codes of the civil-affairs register);
 * a unit keeps its code when its bureau is renamed. Development zones the seeds mention (哈尔滨新区/松北新区, 哈西新区,
 * 佳木斯高新区) are not administrative divisions and have no code of their own: they report through the district
 * they lie in.
 *
 * Where the seeds mention a unit:
 *  - 哈尔滨 (000, 001, 003): 003 names the main urban districts 道里、道外、南岗、香坊、平房 and the counties 五常、
 *    双城、巴彦; its pilot areas are 南岗区、五常市、双城区 (3.3, 8.1); it also names 松北新区 (松北区), 阿城、
 *    木兰县 and 方正县. 000 names 南岗区、松北区、阿城区、呼兰区、五常; 001 names 宾县 and 呼兰.
 *  - 佳木斯 (002): 桦南县、桦川县、汤原县、东风区、郊区、同江、富锦市、抚远市.
 *  - 呼伦贝尔 (004): the 旗市区 collectively ("各旗市区人民政府"), none by name.
 */
import type { Unit } from '../core/schema';

type Kind = Unit['kind'];

const HARBIN = '230100';
const JIAMUSI = '230800';
const HULUNBUIR = '150700';

function bureau(code: string, name: string, nameEn: string): Unit {
  return { code, name, nameEn, city: code, parent: null, kind: 'city' };
}

function under(city: string, kind: Kind) {
  return (code: string, name: string, nameEn: string): Unit => ({ code, name, nameEn, city, parent: city, kind });
}

const harbinDistrict = under(HARBIN, 'district');
const harbinCounty = under(HARBIN, 'county');
const harbinCountyCity = under(HARBIN, 'county-city');
const jiamusiDistrict = under(JIAMUSI, 'district');
const jiamusiCounty = under(JIAMUSI, 'county');
const jiamusiCountyCity = under(JIAMUSI, 'county-city');
const hulunbuirDistrict = under(HULUNBUIR, 'district');
const hulunbuirBanner = under(HULUNBUIR, 'banner');
const hulunbuirCountyCity = under(HULUNBUIR, 'county-city');

export const units: Unit[] = [
  bureau(HARBIN, '哈尔滨市教育局', 'Harbin Municipal Education Bureau'),
  harbinDistrict('230102', '道里区', 'Daoli District'),
  harbinDistrict('230103', '南岗区', 'Nangang District'),
  harbinDistrict('230104', '道外区', 'Daowai District'),
  harbinDistrict('230108', '平房区', 'Pingfang District'),
  harbinDistrict('230109', '松北区', 'Songbei District'),
  harbinDistrict('230110', '香坊区', 'Xiangfang District'),
  harbinDistrict('230111', '呼兰区', 'Hulan District'),
  harbinDistrict('230112', '阿城区', 'Acheng District'),
  harbinDistrict('230113', '双城区', 'Shuangcheng District'),
  harbinCounty('230123', '依兰县', 'Yilan County'),
  harbinCounty('230124', '方正县', 'Fangzheng County'),
  harbinCounty('230125', '宾县', 'Bin County'),
  harbinCounty('230126', '巴彦县', 'Bayan County'),
  harbinCounty('230127', '木兰县', 'Mulan County'),
  harbinCounty('230128', '通河县', 'Tonghe County'),
  harbinCounty('230129', '延寿县', 'Yanshou County'),
  harbinCountyCity('230183', '尚志市', 'Shangzhi City'),
  harbinCountyCity('230184', '五常市', 'Wuchang City'),

  bureau(JIAMUSI, '佳木斯市教育局', 'Jiamusi Municipal Education Bureau'),
  jiamusiDistrict('230803', '向阳区', 'Xiangyang District'),
  jiamusiDistrict('230804', '前进区', 'Qianjin District'),
  jiamusiDistrict('230805', '东风区', 'Dongfeng District'),
  jiamusiDistrict('230811', '郊区', 'Jiaoqu District'),
  jiamusiCounty('230822', '桦南县', 'Huanan County'),
  jiamusiCounty('230826', '桦川县', 'Huachuan County'),
  jiamusiCounty('230828', '汤原县', 'Tangyuan County'),
  jiamusiCountyCity('230881', '同江市', 'Tongjiang City'),
  jiamusiCountyCity('230882', '富锦市', 'Fujin City'),
  jiamusiCountyCity('230883', '抚远市', 'Fuyuan City'),

  bureau(HULUNBUIR, '呼伦贝尔市教育局', 'Hulunbuir Municipal Education Bureau'),
  hulunbuirDistrict('150702', '海拉尔区', 'Hailar District'),
  hulunbuirDistrict('150703', '扎赉诺尔区', 'Jalainur District'),
  hulunbuirBanner('150721', '阿荣旗', 'Arun Banner'),
  hulunbuirBanner('150722', '莫力达瓦达斡尔族自治旗', 'Morin Dawa Daur Autonomous Banner'),
  hulunbuirBanner('150723', '鄂伦春自治旗', 'Oroqen Autonomous Banner'),
  hulunbuirBanner('150724', '鄂温克族自治旗', 'Evenk Autonomous Banner'),
  hulunbuirBanner('150725', '陈巴尔虎旗', 'Old Barag Banner'),
  hulunbuirBanner('150726', '新巴尔虎左旗', 'New Barag Left Banner'),
  hulunbuirBanner('150727', '新巴尔虎右旗', 'New Barag Right Banner'),
  hulunbuirCountyCity('150781', '满洲里市', 'Manzhouli City'),
  hulunbuirCountyCity('150782', '牙克石市', 'Yakeshi City'),
  hulunbuirCountyCity('150783', '扎兰屯市', 'Zalantun City'),
  hulunbuirCountyCity('150784', '额尔古纳市', 'Ergun City'),
  hulunbuirCountyCity('150785', '根河市', 'Genhe City'),
];
