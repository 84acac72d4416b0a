/**
 * Starts the app: asks the server who is signed in (GET /api/session), shows the sign-in page when
 * nobody is, and otherwise opens one realtime connection for the session, the header with the
 * connection indicator and the user menu, and the page for the current hash route.
 *
 * The session can end on its own (it expires, or an administrator disables the account): the server
 * closes the WebSocket with 4401, an API call answers 401, or reconnecting keeps failing and
 * GET /api/session says 401. Then the sign-in page comes back, going on to the same page afterwards;
 * except on an editor with unsent edits, which stays on screen (editing stopped) with a "sign in
 * again" dialog, so that those edits are sent once the same user is back. An administrator who sets
 * their own password on the users page ends their own session that way too: the sign-in page says so.
 */
import { h } from './ui/dom.js';
import { locale, t } from './strings/index.js';
import { createCommentsApi } from './api/comments-api.js';
import { createDocsApi } from './api/docs-api.js';
import { createSessionApi } from './api/session-api.js';
import { createUsersApi } from './api/users-api.js';
import { configuredServerUrls } from './config/server-urls.js';
import { closeRealtimeConnection, openRealtimeConnection } from './realtime/realtime-connection.js';
import { monitorConnection } from './realtime/connection-monitor.js';
import { watchSocket } from './realtime/socket-watch.js';
import { signedInUser } from './user/account.js';
import { LIST_HREF, hrefOf, parseRoute, resolveRoute, signInHref } from './routing/routes.js';
import { createConnectionIndicator } from './ui/connection-indicator.js';
import { createHeader } from './ui/header.js';
import { createUserMenu } from './ui/user-menu.js';
import { renderSignInPage } from './ui/sign-in-page.js';
import { openSignInDialog } from './ui/sign-in-dialog.js';
import { renderListPage } from './ui/list-page.js';
import { renderEditorPage } from './ui/editor-page.js';
import { renderUsersPage } from './ui/users-page.js';

export async function startApp({ root, win = window }) {
  document.documentElement.lang = locale();
  document.title = t('app.name');

  const sessionApi = createSessionApi();
  const apiOptions = { onUnauthenticated: () => sessionEnded() };
  const docsApi = createDocsApi(apiOptions);
  const usersApi = createUsersApi(apiOptions);
  const commentsApi = createCommentsApi(apiOptions);
  const serverUrls = configuredServerUrls({
    pageUrl: win.location.href,
    metaContent: document.querySelector('meta[name="collab-servers"]')?.content,
  });
  const indicator = createConnectionIndicator();
  const userMenu = createUserMenu({ onSignOut: signOut });
  const header = createHeader({ indicator, userMenu });
  const main = h('main', { id: 'main', class: 'page', tabindex: '-1' });
  root.replaceChildren(
    h('a', { class: 'skip-link', href: '#main', text: t('app.skipToContent'),
      onclick: (event) => { event.preventDefault(); main.focus(); } }),
    header.element,
    main,
    indicator.announcer);

  let user = null; // signedInUser(), while signed in
  let live = null; // {realtime, monitor, watch}: the realtime connection of this session
  let page = null;
  let signInNotice = null; // why the sign-in page is shown, if not simply signed out
  let waitingForSignIn = false; // the session ended and the page is kept until the user signs in again
  let signInDialog = null;

  function startSession(account) {
    user = signedInUser(account);
    header.showUser(user);
    const realtime = openRealtimeConnection(serverUrls);
    const monitor = monitorConnection({ ...realtime, win, onChange: (status) => indicator.show(status) });
    const watch = watchSocket({
      socket: realtime.socket,
      // Signed in as someone else in another tab counts as this session having ended.
      checkSession: async () => (await sessionApi.current())?.username === user?.username,
      onSessionEnded: sessionEnded,
      onAccessChanged: () => page?.accessChanged?.(),
    });
    live = { realtime, monitor, watch };
  }

  /** Closes this session's connection (dropping what it had not sent) and forgets the user. */
  function endSession() {
    if (live) {
      live.watch.stop();
      live.monitor.stop();
      closeRealtimeConnection(live.realtime);
    }
    signInDialog?.close();
    live = null;
    user = null;
    waitingForSignIn = false;
    header.showUser(null);
  }

  function sessionEnded() {
    if (!user || waitingForSignIn) return;
    if (live.monitor.unsent() > 0 && page?.sessionEnded) {
      waitingForSignIn = true;
      live.realtime.socket.close(); // no reconnecting: every attempt would be refused until then
      live.monitor.setSessionEnded(true);
      page.sessionEnded({ signInAgain });
      signInAgain();
      return;
    }
    showSignInAgain('session-ended');
  }

  /**
   * The user set their own password (on the users page): the server ended every session of theirs,
   * this one too. The sign-in page says so, rather than that the session merely ended, and leads back
   * to the users page. The server's closing of the connection (or a 401) may have come before the
   * answer to the change and shown the sign-in page already; it is shown again with the reason then.
   */
  function ownPasswordChanged() {
    if (user) {
      showSignInAgain('password-changed');
    } else if (signInNotice === 'session-ended' && parseRoute(win.location.hash).name === 'signIn') {
      signInNotice = 'password-changed';
      showRoute();
    }
  }

  /** Closes the page and the session; the sign-in page, with `notice`, goes back to this page afterwards. */
  function showSignInAgain(notice) {
    const here = hrefOf(parseRoute(win.location.hash));
    page?.destroy();
    page = null;
    endSession();
    signInNotice = notice;
    navigate(signInHref(here), { replace: true });
  }

  /** The user changed their own name, organisation or country (on the users page): the header shows it. */
  function ownAccountChanged(account) {
    if (!user || waitingForSignIn || account?.username !== user.username) return;
    user = signedInUser(account);
    header.showUser(user);
  }

  function signInAgain() {
    if (signInDialog?.isOpen()) return;
    signInDialog = openSignInDialog({ sessionApi, username: user.username, onSignedIn: resumeSession });
  }

  function resumeSession(account) {
    if (account?.username !== user?.username) {
      // Someone else signed in: what the previous user had not sent is theirs, not this user's to send.
      page?.destroy();
      page = null;
      endSession();
      startSession(account);
      showRoute();
      return;
    }
    waitingForSignIn = false;
    user = signedInUser(account);
    header.showUser(user);
    live.monitor.setSessionEnded(false);
    live.realtime.socket.reconnect(); // the stock client then resends what it kept
    page?.sessionResumed?.();
  }

  async function signOut() {
    if ((live?.monitor.unsent() ?? 0) > 0 && !win.confirm(t('menu.signOutUnsent'))) return;
    await sessionApi.signOut(); // throws when the server cannot be reached: the menu says so
    page?.destroy();
    page = null;
    endSession();
    signInNotice = null;
    navigate(signInHref(LIST_HREF));
  }

  function navigate(href, { replace = false } = {}) {
    if (win.location.hash === href) showRoute();
    else if (replace) win.location.replace(href);
    else win.location.hash = href;
  }

  function renderPage(route) {
    switch (route.name) {
      case 'signIn':
        return renderSignInPage({
          main,
          sessionApi,
          notice: signInNotice,
          onSignedIn(account) {
            signInNotice = null;
            startSession(account);
            navigate(route.next, { replace: true });
          },
        });
      case 'doc':
        return renderEditorPage({ main, id: route.id, api: docsApi, usersApi, commentsApi, realtime: live.realtime,
          monitor: live.monitor, getUser: () => user, onReopen: showRoute });
      case 'users':
        return renderUsersPage({ main, usersApi, me: user,
          onOwnAccountChanged: ownAccountChanged, onOwnPasswordChanged: ownPasswordChanged });
      default:
        return renderListPage({ main, api: docsApi, navigate: (href) => navigate(href) });
    }
  }

  function showRoute() {
    const resolved = resolveRoute(win.location.hash, { signedIn: user !== null });
    if (resolved.redirect) {
      navigate(resolved.redirect, { replace: true });
      return;
    }
    page?.destroy();
    page = renderPage(resolved.route);
    // Tell assistive technology the page changed; the next Tab starts from here. (The sign-in page
    // puts the focus into its form itself.)
    if (resolved.route.name !== 'signIn') main.focus({ preventScroll: true });
  }

  // Leaving with edits the server has not acknowledged loses them (they live in memory): ask first.
  win.addEventListener('beforeunload', (event) => {
    if ((live?.monitor.unsent() ?? 0) > 0) {
      event.preventDefault();
      event.returnValue = t('app.unsentOnLeave');
    }
  });

  header.showUser(null);
  let account = null;
  try {
    account = await sessionApi.current();
  } catch {
    signInNotice = 'unreachable'; // signing in will say more, or work once the server is back
  }
  if (account) startSession(account);
  win.addEventListener('hashchange', showRoute);
  showRoute();
}
