import http from 'node:http';

// The benchmark's stand-in model server: a node:http process answering every POST with about 1 KB
// of JSON and /health with 200. It prints "listening <port> <answer bytes> <pid>" once it accepts
// connections (the pid is this process's, not tsx's, for the benchmark's CPU figures).
const answer = Buffer.from(
  JSON.stringify({ prediction: Array.from({ length: 136 }, (_, i) => Math.round(Math.sin(i) * 1e4) / 1e4), model: 'bench' }),
);

const server = http.createServer({ noDelay: true }, (req, res) => {
  if (req.url === '/health') {
    res.writeHead(200, { 'content-length': '2' }).end('ok');
    return;
  }
  // Read the request body to its end, as a model server would before predicting.
  req.on('data', () => undefined);
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(answer.length) });
    res.end(answer);
  });
});
// Keep idle keep-alive connections longer than any proxy in front of it keeps them.
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : 0} ${answer.length} ${process.pid}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
