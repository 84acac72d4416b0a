/**
 * Starts the app: the user's name (asked once), one realtime connection for the whole session, the
 * header with the connection indicator, and the page for the current hash route.
 */
import { h } from './ui/dom.js';
import { locale, t } from './strings/index.js';
import { createDocsApi } from './api/docs-api.js';
import { configuredServerUrls } from './config/server-urls.js';
import { openRealtimeConnection } from './realtime/realtime-connection.js';
import { monitorConnection } from './realtime/connection-monitor.js';
import { colorForName } from './presence/colors.js';
import { loadDisplayName, saveDisplayName } from './user/display-name.js';
import { parseRoute } from './routing/routes.js';
import { createConnectionIndicator } from './ui/connection-indicator.js';
import { createHeader } from './ui/header.js';
import { askDisplayName } from './ui/name-dialog.js';
import { renderListPage } from './ui/list-page.js';
import { renderEditorPage } from './ui/editor-page.js';

export async function startApp({ root, win = window }) {
  document.documentElement.lang = locale();
  document.title = t('app.name');

  const storage = localStorageOf(win);
  const api = createDocsApi();
  const realtime = openRealtimeConnection(configuredServerUrls({
    pageUrl: win.location.href,
    metaContent: document.querySelector('meta[name="collab-servers"]')?.content,
  }));
  const indicator = createConnectionIndicator();
  const monitor = monitorConnection({ ...realtime, win, onChange: (status) => indicator.show(status) });

  let user = null;
  const setUser = (name) => {
    user = { name, color: colorForName(name) };
    header.showUser(user);
  };
  const header = createHeader({ indicator, onChangeName: changeName });
  const main = h('main', { id: 'main', class: 'page', tabindex: '-1' });
  root.replaceChildren(
    h('a', { class: 'skip-link', href: '#main', text: t('app.skipToContent'),
      onclick: (event) => { event.preventDefault(); main.focus(); } }),
    header.element,
    main,
    indicator.announcer);

  let page = null;
  function showRoute() {
    page?.destroy();
    const route = parseRoute(win.location.hash);
    page = route.name === 'doc'
      ? renderEditorPage({ main, id: route.id, api, realtime, monitor, getUser: () => user })
      : renderListPage({ main, api, navigate: (href) => { win.location.hash = href; } });
    // Tell assistive technology the page changed; the next Tab starts from here.
    main.focus({ preventScroll: true });
  }

  async function changeName() {
    const name = await askDisplayName({ current: user?.name ?? '', required: false });
    if (!name) return;
    setUser(saveDisplayName(storage, name));
    page?.userChanged?.();
  }

  // Leaving with edits the server has not acknowledged loses them (they live in memory): ask first.
  win.addEventListener('beforeunload', (event) => {
    if (monitor.unsent() > 0) {
      event.preventDefault();
      event.returnValue = t('app.unsentOnLeave');
    }
  });

  const stored = loadDisplayName(storage);
  setUser(stored ?? saveDisplayName(storage, await askDisplayName({ required: true })));
  win.addEventListener('hashchange', showRoute);
  showRoute();
}

/** The page's localStorage, or null where merely touching it throws (storage disabled by policy). */
function localStorageOf(win) {
  try {
    return win.localStorage;
  } catch {
    return null;
  }
}
