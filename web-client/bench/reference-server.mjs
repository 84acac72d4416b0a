/**
 * The stock ShareDB server, for side-by-side benchmark figures only: sharedb 7.0.0 with the `rich-text`
 * type registered and presence on, persisting through sharedb-mongo 6.0.0 over the MongoDB Node driver
 * 5.9.2 (the newest major that speaks to our Mongo-wire store, which reports MongoDB 5.0), served over
 * `ws` with `@teamwork/websocket-json-stream`, as a ShareDB app would set it up. Any URL path is a
 * ShareDB socket, so `ws://127.0.0.1:PORT/ws` works like our server's.
 *
 *   node bench/reference-server.mjs --port 8090 [--mongo mongodb://127.0.0.1:27017/bench_ref]
 *
 * Without --mongo it keeps documents in memory (ShareDB's MemoryDB). Prints
 * `sharedb reference listening on 127.0.0.1:PORT` once it accepts connections, and exits non-zero if
 * the store cannot be reached.
 */
import http from 'node:http';
import { parseArgs } from 'node:util';
import WebSocketJSONStream from '@teamwork/websocket-json-stream';
import mongodb from 'mongodb';
import richText from 'rich-text';
import ShareDB from 'sharedb';
import ShareDbMongo from 'sharedb-mongo';
import { WebSocketServer } from 'ws';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '8090' }, mongo: { type: 'string' } },
});
const port = Number(values.port);

ShareDB.types.register(richText.type);

let db;
let client;
if (values.mongo) {
  // Connect once up front, so that a store that is not there fails the start, not the first request.
  client = await mongodb.MongoClient.connect(values.mongo);
  db = ShareDbMongo({ mongo: (callback) => callback(null, client) });
}
const backend = new ShareDB({ db, presence: true, doNotForwardSendPresenceErrorsToClient: true });

const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('ok\n');
});
const wss = new WebSocketServer({ server });
wss.on('connection', (ws) => {
  const stream = new WebSocketJSONStream(ws);
  // A client that vanished mid-send must not take the server down.
  stream.on('error', () => ws.terminate());
  ws.on('error', () => ws.terminate());
  backend.listen(stream);
});

function shutdown() {
  wss.close();
  server.close();
  backend.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
}
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);

server.listen(port, '127.0.0.1', () => {
  const where = values.mongo ? `with ${values.mongo}` : '(memory)';
  console.log(`sharedb reference listening on 127.0.0.1:${server.address().port} ${where}`);
});
