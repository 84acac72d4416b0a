/**
 * Which WebSocket URLs the editor connects to. By default the page's own origin at `/ws`. A deployment
 * with several nodes and no load balancer lists them (the cluster docs: clients use a list of URLs or a
 * load balancer), in `<meta name="collab-servers" content="wss://a/ws wss://b/ws">` or `?servers=` on the
 * page's URL; the client then moves to the next node on every reconnect, so a dead node is skipped.
 *
 * `?servers=` is only a way to pick among the deployment's own nodes: the page's host (any port) or a
 * node of the meta tag. Anything else is dropped, so a crafted link cannot send a signed-in user's
 * typing to someone else's server.
 */

/** `/ws` on the page's host, `wss:` when the page came over https. */
export function defaultServerUrl(pageUrl) {
  const url = new URL('/ws', pageUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

/**
 * The URLs in a whitespace- or comma-separated list that are WebSocket URLs, resolved against the page
 * (so `/ws` or `//node-b/ws` work); anything else is dropped rather than dialled.
 */
export function parseServerList(text, pageUrl) {
  if (!text) return [];
  const urls = [];
  for (const item of text.split(/[\s,]+/)) {
    if (!item) continue;
    let url;
    try {
      url = new URL(item, pageUrl);
    } catch {
      continue;
    }
    if (url.protocol === 'http:') url.protocol = 'ws:';
    if (url.protocol === 'https:') url.protocol = 'wss:';
    if ((url.protocol === 'ws:' || url.protocol === 'wss:') && !urls.includes(url.href)) urls.push(url.href);
  }
  return urls;
}

/**
 * The configured servers: `?servers=` first (handy for trying a node), then the meta tag, else the
 * page's own origin.
 */
export function configuredServerUrls({ pageUrl, metaContent }) {
  const fromMeta = parseServerList(metaContent, pageUrl);
  const pageHost = new URL(pageUrl).hostname;
  const fromQuery = parseServerList(new URL(pageUrl).searchParams.get('servers'), pageUrl)
    .filter((url) => new URL(url).hostname === pageHost || fromMeta.includes(url));
  if (fromQuery.length) return fromQuery;
  if (fromMeta.length) return fromMeta;
  return [defaultServerUrl(pageUrl)];
}

/**
 * A URL provider for reconnecting-websocket: each call (the first connect and every reconnect) returns
 * the next URL of the list. It starts at a random place so a crowd of clients spreads over the nodes.
 */
export function rotatingUrlProvider(urls, random = Math.random) {
  if (!urls.length) throw new Error('no server URL to connect to');
  let next = Math.floor(random() * urls.length) % urls.length;
  return () => {
    const url = urls[next];
    next = (next + 1) % urls.length;
    return url;
  };
}
