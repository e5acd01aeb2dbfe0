/**
 * Entry point of the task pane bundle (addin/dist/taskpane.js): waits for Office, then mounts the pane with the
 * real host — Excel.run, the document's file, the add-in's local storage.
 */
import { documentBytes } from './excel/document-file';
import { Pane, type PaneHost } from './pane';

/** Set at build time (scripts/build-addin.ts); empty means "the server that serves this pane". */
declare const __INTAKE_URL__: string;

function defaultServerUrl(): string {
  return __INTAKE_URL__ || window.location.origin;
}

Office.onReady(() => {
  const host: PaneHost = {
    run: (batch) => Excel.run((context) => batch(context)),
    fileBytes: () => documentBytes(Office.context.document),
    supportsPageLayout: Office.context.requirements.isSetSupported('ExcelApi', '1.9'),
    storage: window.localStorage,
    defaultServerUrl: defaultServerUrl(),
  };
  new Pane(host).mount(document.getElementById('app')!);
});
