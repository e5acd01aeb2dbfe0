/**
 * manifest.xml checked offline (`office-addin-manifest validate` needs Microsoft's online service): well formed,
 * elements in the order the published schemas require, every URL on the configured host, every resource id
 * resolved, zh-CN by default with en-US overrides. Also the built manifest for another host, and Microsoft's own
 * reader (`office-addin-manifest info`, which works offline) reading it.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { SaxesParser } from 'saxes';
import { DEV_BASE_URL, ROOT, manifestFor } from '../scripts/build-addin';

interface Node {
  name: string;
  uri: string;
  attrs: Record<string, string>;
  children: Node[];
  text: string;
  parent: Node | null;
}

const NS = {
  app: 'http://schemas.microsoft.com/office/appforoffice/1.1',
  ov: 'http://schemas.microsoft.com/office/taskpaneappversionoverrides',
  bt: 'http://schemas.microsoft.com/office/officeappbasictypes/1.0',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
};

function parse(xml: string): Node {
  const parser = new SaxesParser({ xmlns: true });
  const root: Node = { name: '#document', uri: '', attrs: {}, children: [], text: '', parent: null };
  let current = root;
  parser.on('opentag', (tag) => {
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) attrs[a.uri === NS.xsi ? `xsi:${a.local}` : a.local] = a.value;
    const node: Node = { name: tag.local, uri: tag.uri, attrs, children: [], text: '', parent: current };
    current.children.push(node);
    current = node;
  });
  parser.on('text', (t) => {
    current.text += t;
  });
  parser.on('closetag', () => {
    current = current.parent!;
  });
  parser.write(xml).close();
  return root.children[0]!;
}

function all(node: Node): Node[] {
  return [node, ...node.children.flatMap(all)];
}

/**
 * Child sequences from the published XSDs, for the elements this manifest uses. `xs:sequence` fixes the order;
 * an element not listed under its parent is not allowed there.
 */
const SEQUENCES: Record<string, string[]> = {
  // OfficeAppManifestV1_1.xsd: OfficeApp, extended by TaskPaneApp.
  'app:OfficeApp': ['Id', 'AlternateId', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl',
    'HighResolutionIconUrl', 'SupportUrl', 'AppDomains', 'Hosts', 'Requirements', 'DefaultSettings', 'Permissions', 'Dictionary',
    'VersionOverrides'],
  'app:DisplayName': ['Override'],
  'app:Description': ['Override'],
  'app:AppDomains': ['AppDomain'],
  'app:Hosts': ['Host'],
  'app:Requirements': ['Sets', 'Methods'],
  'app:Sets': ['Set'],
  'app:DefaultSettings': ['SourceLocation'],
  // TaskPaneAppVersionOverridesV1_0.xsd.
  'ov:VersionOverrides': ['Description', 'Requirements', 'Hosts', 'Resources', 'WebApplicationInfo', 'EquivalentAddins'],
  'ov:Hosts': ['Host'],
  'ov:Host': ['Runtimes', 'AllFormFactors', 'DesktopFormFactor'],
  'ov:DesktopFormFactor': ['GetStarted', 'FunctionFile', 'ExtensionPoint'],
  'ov:GetStarted': ['Title', 'Description', 'LearnMoreUrl'],
  'ov:ExtensionPoint': ['OfficeTab', 'OfficeMenu', 'CustomTab'],
  'ov:OfficeTab': ['Group'],
  'ov:Group': ['Label', 'Icon', 'Control'],
  'ov:Control': ['Label', 'Supertip', 'Icon', 'Action'],
  'ov:Supertip': ['Title', 'Description'],
  'ov:Icon': ['Image'],
  'ov:Action': ['TaskpaneId', 'SourceLocation', 'Title'],
  'ov:Resources': ['Images', 'Urls', 'ShortStrings', 'LongStrings'],
  'bt:Images': ['Image'],
  'bt:Urls': ['Url'],
  'bt:ShortStrings': ['String'],
  'bt:LongStrings': ['String'],
  'bt:String': ['Override'],
};

const PREFIX: Record<string, string> = { [NS.app]: 'app', [NS.ov]: 'ov', [NS.bt]: 'bt' };
const qname = (n: Node) => `${PREFIX[n.uri] ?? n.uri}:${n.name}`;

/** Elements whose children the manifest has but whose type is simple or defined by attributes only. */
const LEAVES = new Set(['app:Id', 'app:Version', 'app:ProviderName', 'app:DefaultLocale', 'app:IconUrl', 'app:HighResolutionIconUrl',
  'app:SupportUrl', 'app:AppDomain', 'app:Host', 'app:Set', 'app:SourceLocation', 'app:Permissions', 'app:Override', 'ov:Title',
  'ov:Description', 'ov:LearnMoreUrl', 'ov:FunctionFile', 'ov:Label', 'ov:TaskpaneId', 'ov:SourceLocation', 'bt:Image', 'bt:Url',
  'bt:Override']);

function orderProblems(root: Node): string[] {
  const problems: string[] = [];
  for (const node of all(root)) {
    const key = qname(node);
    if (node.children.length === 0) continue;
    const sequence = SEQUENCES[key];
    if (!sequence) {
      if (!LEAVES.has(key)) problems.push(`${key} has children but no known sequence`);
      else problems.push(`${key} must not have child elements`);
      continue;
    }
    let last = -1;
    for (const child of node.children) {
      const at = sequence.indexOf(child.name);
      if (at < 0) problems.push(`${child.name} is not allowed in ${key}`);
      else if (at < last) problems.push(`${child.name} comes too late in ${key} (order: ${sequence.join(', ')})`);
      else last = at;
    }
  }
  return problems;
}

function urlsOf(root: Node): string[] {
  const urls: string[] = [];
  for (const node of all(root)) {
    for (const value of Object.values(node.attrs)) if (/^[a-z]+:\/\//i.test(value)) urls.push(value);
    if (node.children.length === 0 && /^[a-z]+:\/\//i.test(node.text.trim())) urls.push(node.text.trim());
  }
  return urls.filter((u) => !Object.values(NS).includes(u));
}

let source: string;
let root: Node;

beforeAll(async () => {
  source = await readFile(path.join(ROOT, 'manifest.xml'), 'utf8');
  root = parse(source);
});

describe('manifest.xml', () => {
  it('is well formed, a task pane add-in for Excel, zh-CN by default', () => {
    expect(qname(root)).toBe('app:OfficeApp');
    expect(root.attrs['xsi:type']).toBe('TaskPaneApp');
    const child = (name: string) => root.children.find((c) => c.name === name)!;
    expect(child('DefaultLocale').text).toBe('zh-CN');
    expect(child('Id').text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(child('Permissions').text).toBe('ReadWriteDocument');
    expect(child('Hosts').children.map((h) => h.attrs.Name)).toEqual(['Workbook']);
    const set = child('Requirements').children[0]!.children[0]!;
    expect([set.attrs.Name, set.attrs.MinVersion]).toEqual(['ExcelApi', '1.8']);
    expect(source).toMatch(/<!--[^]*data validation[^]*1\.8[^]*-->\s*<Requirements>/);
    expect(() => parse(source.replace('</Hosts>', '</Host>'))).toThrow();
  });

  it('has its elements in the order the schemas require', () => {
    expect(orderProblems(root)).toEqual([]);
    // The check itself catches a swapped pair.
    const swapped = source.replace(/(<Version>[^<]*<\/Version>)(\s*)(<ProviderName>[^<]*<\/ProviderName>)/, '$3$2$1');
    expect(swapped).not.toBe(source);
    expect(orderProblems(parse(swapped))).toContainEqual(expect.stringContaining('ProviderName'));
  });

  it('puts every URL on the configured host, over HTTPS', () => {
    const urls = urlsOf(root);
    expect(urls.length).toBeGreaterThanOrEqual(10);
    for (const url of urls) expect(new URL(url).origin).toBe(DEV_BASE_URL);
  });

  it('resolves every resource id, each to a resource of the right kind, and leaves none unused', () => {
    const resources = root.children.find((c) => c.name === 'VersionOverrides')!.children.find((c) => c.name === 'Resources')!;
    const ids = (group: string) => new Set(resources.children.find((c) => c.name === group)!.children.map((c) => c.attrs.id!));
    const kinds: Record<string, Set<string>> = { Images: ids('Images'), Urls: ids('Urls'), ShortStrings: ids('ShortStrings'), LongStrings: ids('LongStrings') };
    const expectedKind = (n: Node): string => {
      if (n.name === 'Image') return 'Images';
      if (['SourceLocation', 'FunctionFile', 'LearnMoreUrl'].includes(n.name)) return 'Urls';
      if (n.name === 'Description') return 'LongStrings';
      return 'ShortStrings';
    };
    const used = new Set<string>();
    const problems: string[] = [];
    for (const n of all(root).filter((x) => x.attrs.resid !== undefined)) {
      const kind = expectedKind(n);
      if (!kinds[kind]!.has(n.attrs.resid!)) problems.push(`${n.name} resid="${n.attrs.resid}" is not in ${kind}`);
      if (n.attrs.resid!.length > 32) problems.push(`resid ${n.attrs.resid} is longer than 32 characters`);
      used.add(n.attrs.resid!);
    }
    for (const [kind, set] of Object.entries(kinds)) for (const id of set) if (!used.has(id)) problems.push(`${kind} ${id} is never used`);
    expect(problems).toEqual([]);
    // Each icon size the ribbon needs is a real file shipped with the pane.
    expect([...kinds.Images!].sort()).toEqual(['Icon.16', 'Icon.32', 'Icon.80']);
  });

  it('offers every user-visible string in English too', () => {
    const localized = all(root).filter((n) => ['DisplayName', 'Description'].includes(n.name) && n.uri === NS.app || (n.name === 'String' && n.uri === NS.bt));
    expect(localized.length).toBe(7);
    for (const n of localized) {
      expect(n.attrs.DefaultValue).toMatch(/[\u4e00-\u9fff]/);
      const en = n.children.find((c) => c.name === 'Override' && c.attrs.Locale === 'en-US');
      expect([n.attrs.id ?? n.name, en?.attrs.Value]).toEqual([n.attrs.id ?? n.name, expect.stringMatching(/^[\x20-\x7e]+$/)]);
    }
    const short = all(root).filter((n) => n.name === 'String' && n.parent?.name === 'ShortStrings');
    for (const n of short) for (const v of [n.attrs.DefaultValue!, ...n.children.map((c) => c.attrs.Value!)]) expect(v.length).toBeLessThanOrEqual(125);
  });

  it('names icons that exist', async () => {
    const files = urlsOf(root).filter((u) => u.endsWith('.png')).map((u) => new URL(u).pathname);
    for (const file of new Set(files)) await expect(readFile(path.join(ROOT, 'addin', 'static', file))).resolves.toBeInstanceOf(Buffer);
  });

  it('is rewritten to the deployment host by the build, keeping everything else', () => {
    const built = parse(manifestFor(source, 'https://pm.example.cn/addin'));
    for (const url of urlsOf(built)) expect(url.startsWith('https://pm.example.cn/addin/') || url === 'https://pm.example.cn/addin').toBe(true);
    expect(urlsOf(built)).toHaveLength(urlsOf(root).length);
    expect(orderProblems(built)).toEqual([]);
  });

  it('is read by Microsoft\'s own office-addin-manifest (offline "info")', async () => {
    const cli = path.join(ROOT, 'node_modules', 'office-addin-manifest', 'cli.js');
    const { stdout } = await promisify(execFile)(process.execPath, [cli, 'info', path.join(ROOT, 'manifest.xml')], { timeout: 60_000 });
    expect(stdout).toContain('Name: 规划指标月报');
    expect(stdout).toContain('Type: TaskPaneApp');
    expect(stdout).toContain(`Source Location: ${DEV_BASE_URL}/taskpane.html`);
  });
});
