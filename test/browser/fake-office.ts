/**
 * Stands in for office.js inside the task pane's frame during the browser tests: the test routes the office.js CDN
 * URL to this bundle. Office and Excel are wired to the simulated Excel host that the parent page (host.html)
 * keeps — as in Office, where the pane is a frame beside the workbook. getFileAsync asks the test (Node) to save the
 * simulated workbook as a real .xlsx, served in slices like Office does.
 */
import type { SimWorkbook } from './sim-excel';

interface HostWindow extends Window {
  __excelHost: SimWorkbook;
  __fileStats: { opened: number; closed: number };
  __saveWorkbook(json: string): Promise<string>;
}

const host = window.parent as HostWindow;

function ok<T>(value: T) {
  return { status: 'succeeded', value, error: null };
}

const Office = {
  FileType: { Compressed: 'compressed' },
  AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
  HostType: { Excel: 'Excel' },
  onReady(callback?: (info: { host: string; platform: string }) => void) {
    const info = { host: 'Excel', platform: 'OfficeOnline' };
    return new Promise((resolve) => {
      setTimeout(() => {
        callback?.(info);
        resolve(info);
      }, 0);
    });
  },
  context: {
    displayLanguage: 'zh-CN',
    requirements: {
      isSetSupported: (name: string, version?: string) => name === 'ExcelApi' && Number(version ?? '1.1') <= 1.9,
    },
    document: {
      getFileAsync(type: string, options: { sliceSize?: number }, done: (r: unknown) => void) {
        if (type !== 'compressed') throw new Error(`getFileAsync(${type}) is not simulated`);
        const sliceSize = options.sliceSize ?? 4 * 1024 * 1024;
        host.__fileStats.opened += 1;
        if (host.__fileStats.opened - host.__fileStats.closed > 2) {
          done({ status: 'failed', error: { code: 5001, message: 'Too many open files (a previous file was not closed)' } });
          return;
        }
        void host.__saveWorkbook(JSON.stringify(host.__excelHost.toJSON())).then((b64) => {
          const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
          const file = {
            size: bytes.length,
            sliceCount: Math.ceil(bytes.length / sliceSize),
            getSliceAsync(index: number, cb: (r: unknown) => void) {
              setTimeout(() => cb(ok({ index, size: 0, data: Array.from(bytes.subarray(index * sliceSize, (index + 1) * sliceSize)) })), 0);
            },
            closeAsync(cb?: (r: unknown) => void) {
              host.__fileStats.closed += 1;
              cb?.(ok(undefined));
            },
          };
          done(ok(file));
        });
      },
    },
  },
};

const Excel = {
  async run<T>(batch: (context: unknown) => Promise<T>): Promise<T> {
    return batch(host.__excelHost.context());
  },
};

Object.assign(window, { Office, Excel });
