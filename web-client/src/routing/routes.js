/**
 * Hash routes, so the server serves one index.html and needs no fallback route:
 *   #/                       the document list
 *   #/d/<id>                 the editor for document <id> (URI-encoded)
 *   #/users                  the accounts (administrators)
 *   #/sign-in[?next=<path>]  the sign-in page; afterwards the app goes on to #<path>
 *
 * Without a session every route leads to the sign-in page, remembering where the user wanted to go.
 */

export const LIST_HREF = '#/';
export const USERS_HREF = '#/users';
const SIGN_IN_PATH = '/sign-in';

export function docHref(id) {
  return `#/d/${encodeURIComponent(id)}`;
}

/** The sign-in page, going on to `next` (a route's href) afterwards; the list needs no mention. */
export function signInHref(next = LIST_HREF) {
  const target = hrefOf(parseRoute(next));
  return target === LIST_HREF ? `#${SIGN_IN_PATH}` : `#${SIGN_IN_PATH}?next=${encodeURIComponent(target.slice(1))}`;
}

export function parseRoute(hash) {
  const path = String(hash ?? '').replace(/^#/, '');
  const doc = /^\/d\/([^/?]+)\/?$/.exec(path);
  if (doc) {
    try {
      const id = decodeURIComponent(doc[1]);
      if (id) return { name: 'doc', id };
    } catch {
      // a malformed escape: fall through to the list
    }
  }
  if (/^\/users\/?$/.test(path)) return { name: 'users' };
  const signIn = /^\/sign-in\/?(?:\?(.*))?$/.exec(path);
  if (signIn) return { name: 'signIn', next: nextOf(signIn[1]) };
  return { name: 'list' };
}

/**
 * Where `next=` leads: only to another route of this app (re-parsed and rebuilt, never to the sign-in
 * page itself), so a crafted link cannot send the user anywhere else.
 */
function nextOf(query) {
  let next = null;
  try {
    next = new URLSearchParams(query ?? '').get('next');
  } catch {
    next = null;
  }
  if (!next || !next.startsWith('/')) return LIST_HREF;
  const route = parseRoute(`#${next}`);
  return route.name === 'signIn' ? LIST_HREF : hrefOf(route);
}

/** The canonical href of a parsed route. */
export function hrefOf(route) {
  switch (route?.name) {
    case 'doc': return docHref(route.id);
    case 'users': return USERS_HREF;
    case 'signIn': return signInHref(route.next);
    default: return LIST_HREF;
  }
}

/**
 * What to show for `hash`: `{route}` to render, or `{redirect}` to go elsewhere first (the sign-in page
 * when signed out, the wanted page once signed in).
 */
export function resolveRoute(hash, { signedIn }) {
  const route = parseRoute(hash);
  if (!signedIn && route.name !== 'signIn') return { redirect: signInHref(hrefOf(route)) };
  if (signedIn && route.name === 'signIn') return { redirect: route.next };
  return { route };
}
