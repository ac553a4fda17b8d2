// Node.js with the `ws` package, defaults except the payload limit and permessage-deflate accepted
// when offered (off by default in ws). Usage: node ws-peer.js PORT
'use strict';
const { WebSocketServer } = require('ws');

const port = Number(process.argv[2]);
const subscribers = new Set();
const server = new WebSocketServer({ host: '127.0.0.1', port, maxPayload: 16 * 1024 * 1024, backlog: 4096, perMessageDeflate: true });
server.on('connection', (socket, request) => {
  if (request.url === '/broadcast') {
    subscribers.add(socket);
    socket.on('close', () => subscribers.delete(socket));
    socket.on('message', (data, isBinary) => {
      for (const s of subscribers) s.send(data, { binary: isBinary });
    });
  } else {
    socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
  }
});
server.on('listening', () => console.log('READY ' + port));
