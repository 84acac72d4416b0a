/**
 * The ShareDB connection of one signed-in session, over reconnecting-websocket. It is opened only once
 * a session exists: the server refuses the WebSocket upgrade without the session cookie, which the
 * browser sends by itself on the page's own origin. The stock client keeps the same Connection across
 * sockets: on each reconnect it resends its unacknowledged op (same src/seq), resubscribes and re-sends
 * presence, so edits made offline reach the server once it is back.
 */
import ReconnectingWebSocket from 'reconnecting-websocket';
import ShareDB from 'sharedb/lib/client';
import richText from 'rich-text';
import { rotatingUrlProvider } from '../config/server-urls.js';

ShareDB.types.register(richText.type);

export const COLLECTION = 'docs';

export function openRealtimeConnection(urls) {
  const socket = new ReconnectingWebSocket(rotatingUrlProvider(urls), [], {
    minReconnectionDelay: 500,
    maxReconnectionDelay: 5000,
    reconnectionDelayGrowFactor: 1.5,
    // The stock client only sends while connected and resends what the server has not acked; a
    // socket-level queue would replay stale messages after a reconnect.
    maxEnqueuedMessages: 0,
  });
  const connection = new ShareDB.Connection(socket);
  return { socket, connection };
}

/**
 * Ends the session's connection for good (signed out, or another user signed in): no reconnecting, and
 * whatever it had not sent is dropped with it.
 */
export function closeRealtimeConnection({ socket, connection }) {
  socket.close(1000, 'signed out');
  connection.close();
}
