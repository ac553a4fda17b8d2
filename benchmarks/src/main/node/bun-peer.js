// Bun's built-in WebSocket server (uWebSockets underneath); broadcast through publish/subscribe,
// which encodes once. Usage: bun bun-peer.js PORT
const port = Number(process.argv[2]);
const server = Bun.serve({
  hostname: '127.0.0.1',
  port,
  fetch(request, srv) {
    const path = new URL(request.url).pathname;
    if (srv.upgrade(request, { data: { path } })) return undefined;
    return new Response('WebSocket only', { status: 400 });
  },
  websocket: {
    maxPayloadLength: 16 * 1024 * 1024,
    // Off by default in Bun; accepted when a client offers it.
    perMessageDeflate: true,
    backpressureLimit: 64 * 1024 * 1024,
    idleTimeout: 960,
    open(ws) {
      if (ws.data.path === '/broadcast') ws.subscribe('all');
    },
    message(ws, message) {
      // compress: true asks for permessage-deflate where the client negotiated it (Bun sends
      // uncompressed otherwise, even then).
      if (ws.data.path === '/broadcast') server.publish('all', message, true);
      else ws.send(message, true);
    },
  },
});
console.log('READY ' + port);
