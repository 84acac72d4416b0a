/**
 * Hash routes, so the server serves one index.html and needs no fallback route:
 *   #/          the document list
 *   #/d/<id>    the editor for document <id> (URI-encoded)
 */

export const LIST_HREF = '#/';

export function docHref(id) {
  return `#/d/${encodeURIComponent(id)}`;
}

export function parseRoute(hash) {
  const path = String(hash ?? '').replace(/^#/, '');
  const match = /^\/d\/([^/?]+)\/?$/.exec(path);
  if (match) {
    try {
      const id = decodeURIComponent(match[1]);
      if (id) return { name: 'doc', id };
    } catch {
      // a malformed escape: fall through to the list
    }
  }
  return { name: 'list' };
}
