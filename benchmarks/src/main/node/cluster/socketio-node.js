// One node of the Socket.IO cluster: Socket.IO 4 with @socket.io/redis-adapter on the node-redis
// client, the adapter's documented setup. Every event "m" from a client goes to every client of
// every node with io.emit, as wsboot's sendToPath does. Defaults except a ping interval longer than
// a run, so that the load client need not answer Engine.IO pings (wsboot's 30 s WebSocket pings are
// answered). Usage: node socketio-node.js PORT REDIS_PORT
'use strict';
const { createServer } = require('http');
const { Server } = require('socket.io');
const { createAdapter } = require('@socket.io/redis-adapter');
const { createClient } = require('redis');

const port = Number(process.argv[2]);
const redisPort = Number(process.argv[3]);

async function main() {
  const pubClient = createClient({ socket: { host: '127.0.0.1', port: redisPort } });
  const subClient = pubClient.duplicate();
  pubClient.on('error', (err) => console.error('redis', err.message));
  subClient.on('error', (err) => console.error('redis', err.message));
  await Promise.all([pubClient.connect(), subClient.connect()]);
  const http = createServer();
  const io = new Server(http, { adapter: createAdapter(pubClient, subClient), pingInterval: 600000, serveClient: false });
  io.on('connection', (socket) => {
    socket.on('m', (payload) => io.emit('m', payload));
  });
  http.listen({ host: '127.0.0.1', port, backlog: 4096 }, () => console.log('READY ' + port));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
