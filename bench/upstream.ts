/**
 * The benchmark's mock provider: an HTTPS server answering OpenAI chat completions, plain or
 * streamed. Kept tiny so it costs the same behind nginx and behind Airlock.
 * Usage: node --import tsx bench/upstream.ts PORT CERT_FILE KEY_FILE
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';

const [portArg, certFile, keyFile] = process.argv.slice(2);
const answer = JSON.stringify({
  id: 'chatcmpl-bench',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-4o-mini',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hello from the benchmark upstream.' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 250, completion_tokens: 8, total_tokens: 258 },
});

function chunk(text: string, finish: string | null = null): string {
  return `data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, delta: { content: text }, finish_reason: finish }] })}\n\n`;
}

const server = createServer({ cert: readFileSync(certFile as string), key: readFileSync(keyFile as string), keepAliveTimeout: 60_000 }, (req, res) => {
  const parts: Buffer[] = [];
  req.on('data', (c: Buffer) => parts.push(c));
  req.on('end', () => {
    const body = Buffer.concat(parts).toString('utf8');
    if (body.includes('"stream":true')) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write(chunk('Hello'));
      // The rest follows a little later, as a model's tokens would.
      let n = 0;
      const t = setInterval(() => {
        n++;
        if (n < 10) res.write(chunk(` token${n}`));
        else {
          clearInterval(t);
          res.write(chunk('', 'stop'));
          res.end('data: [DONE]\n\n');
        }
      }, 2);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) });
    res.end(answer);
  });
});
server.listen(Number(portArg), '127.0.0.1', () => process.stdout.write('ready\n'));
