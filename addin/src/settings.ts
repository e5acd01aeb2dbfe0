/**
 * What the pane remembers between sessions: the server address, the unit's token, the language, and the last
 * catalog (so that a workbook can be checked while the server is down).
 *
 * Kept in the add-in's own storage (localStorage of the add-in's origin), deliberately NOT in
 * Office.context.document.settings: document settings are saved inside the .xlsx, and the .xlsx is exactly what
 * the pane uploads and officials e-mail around — the token would travel with every copy and sit in the intake's
 * archive of original files. (Roaming settings exist only in Outlook.)
 */
import type { Plan, Unit } from '../../core/schema';
import type { Lang } from './i18n';
import type { Me } from './intake-client';

export interface Connection {
  serverUrl: string;
  token: string;
}

export interface CachedCatalog {
  me: Me;
  plans: Plan[];
  units: Unit[];
  savedAt: string;
}

const KEY = { connection: 'plan-monitor.connection', lang: 'plan-monitor.lang', catalog: 'plan-monitor.catalog' } as const;

export class PaneSettings {
  constructor(private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>) {}

  private read<T>(key: string): T | null {
    try {
      const raw = this.storage.getItem(key);
      return raw === null ? null : (JSON.parse(raw) as T);
    } catch {
      return null;
    }
  }

  private write(key: string, value: unknown): void {
    try {
      this.storage.setItem(key, JSON.stringify(value));
    } catch {
      // Storage full or disabled (private mode): the pane works for this session all the same.
    }
  }

  get connection(): Connection | null {
    const c = this.read<Connection>(KEY.connection);
    return c && typeof c.serverUrl === 'string' && typeof c.token === 'string' ? c : null;
  }

  set connection(value: Connection | null) {
    if (value) this.write(KEY.connection, value);
    else this.storage.removeItem(KEY.connection);
  }

  get lang(): Lang {
    return this.read<Lang>(KEY.lang) === 'en' ? 'en' : 'zh';
  }

  set lang(value: Lang) {
    this.write(KEY.lang, value);
  }

  get catalog(): CachedCatalog | null {
    return this.read<CachedCatalog>(KEY.catalog);
  }

  set catalog(value: CachedCatalog | null) {
    if (value) this.write(KEY.catalog, value);
    else this.storage.removeItem(KEY.catalog);
  }
}
