// Admin web components. Loaded as an ES module from the shop backend:
// <script type="module" src=".../stammkunde-admin.js"></script>
// The engine runs in a worker (stammkunde-worker.js next to this file, which
// loads admin-engine/, the admin's own wasm build); this module never loads
// the wasm on the page's main thread.
import { sharedClient, config } from './admin/client.js';
import { DataElement } from './admin/data.js';
import { SegmentsElement } from './admin/segments.js';
import { RfmElement } from './admin/rfm.js';
import { AbcElement } from './admin/abc.js';
import { ClvElement } from './admin/clv.js';
import { MembersElement } from './admin/members.js';
import { NpsElement } from './admin/nps.js';
import { CampaignsElement } from './admin/campaigns.js';
import { ImportElement } from './admin/import.js';
import { errorNodes } from './admin/base.js';
import { langOf } from './admin/i18n.js';

export { config };

/** Asks the worker for the engine version once for all components on the page. */
let engine;
export function loadEngine() {
  engine ??= sharedClient()
    .request('version')
    .then((v) => ({ version: v }));
  return engine;
}

/** Defines a custom element unless a second copy of this script already did. */
export function define(name, cls) {
  if (!customElements.get(name)) customElements.define(name, cls);
}

/** `<stammkunde-status>`: shows whether the engine loaded, and its version; a failure in the page's language. */
class StatusElement extends HTMLElement {
  /** @type {MutationObserver | undefined} */ langObserver;
  /** The worker's error ({ message, code, … }). @type {any} */ error;

  connectedCallback() {
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    root.textContent = 'Stammkunde …';
    loadEngine().then(
      ({ version: v }) => {
        root.textContent = `Stammkunde ${v}`;
        this.setAttribute('version', v);
      },
      (e) => {
        this.error = { message: String((e && e.message) || e), ...((e && e.detail) || {}) };
        this.setAttribute('error', this.error.code || 'unknown');
        this.renderError();
        this.langObserver ??= new MutationObserver(() => this.renderError());
        this.langObserver.observe(document.documentElement, { attributes: true, subtree: true, attributeFilter: ['lang'] });
      },
    );
  }

  disconnectedCallback() {
    this.langObserver?.disconnect();
  }

  renderError() {
    const el = /** @type {any} */ (this);
    const lang = langOf(el.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang);
    this.shadowRoot?.replaceChildren('Stammkunde: ', ...errorNodes(this.error, lang).filter(Boolean));
  }
}

define('stammkunde-status', StatusElement);
define('stammkunde-data', DataElement);
define('stammkunde-segments', SegmentsElement);
define('stammkunde-rfm', RfmElement);
define('stammkunde-abc', AbcElement);
define('stammkunde-clv', ClvElement);
define('stammkunde-members', MembersElement);
define('stammkunde-nps', NpsElement);
define('stammkunde-campaigns', CampaignsElement);
define('stammkunde-import', ImportElement);
