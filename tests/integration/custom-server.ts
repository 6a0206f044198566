import { ensureRuntimeImage } from '@/server/providers/local/docker/runtime-images';
import { buildImage, docker, zipFolderOf, type Harness } from './support';

// What the tests that serve a custom container share: a tiny Python server on 8080 (GET answers
// health, POST runs the test's own body), its image on the minimal runtime, and a project and
// model whose artifact needs no files.

/**
 * A threaded HTTP/1.1 JSON server. `onPost` is the body of do_POST after the request's JSON is in
 * `data`; it ends with `self._send(code, body)`. `imports` names the extra modules it uses.
 */
export function pythonJsonServer(onPost: string, imports: readonly string[] = []): string {
  // Dedented to its least indented line, then set in do_POST's body: nested blocks keep their indent.
  const lines = onPost.split('\n').filter((l) => l.trim() !== '');
  const indent = Math.min(...lines.map((l) => l.length - l.trimStart().length));
  const post = lines.map((l) => `        ${l.slice(indent)}`).join('\n');
  return `
import ${['json', ...imports].join(', ')}
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def _send(self, code, body):
        data = json.dumps(body).encode()
        self.send_response(code); self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data))); self.end_headers(); self.wfile.write(data)
    def do_GET(self):
        self._send(200 if self.path == "/health" else 404, {"status": "ok"})
    def do_POST(self):
        n = int(self.headers.get("content-length") or 0)
        data = json.loads(self.rfile.read(n) or b"{}")
${post}
    def log_message(self, *a): pass
ThreadingHTTPServer(("0.0.0.0", 8080), H).serve_forever()
`;
}

/** Builds the server into an image on the minimal runtime; returns its tag. */
export async function buildServerImage(name: string, serverPy: string): Promise<string> {
  const minimal = await ensureRuntimeImage(docker, 'minimal_p311_cpu_v1');
  if (!minimal.ok) throw new Error('runtime images are missing; run the setup first');
  const tag = `berth-it-${name}:${Date.now()}`;
  await buildImage(tag, {
    Dockerfile: `FROM ${minimal.data.tag}\nCOPY server.py /opt/app/server.py\nENTRYPOINT ["python3", "/opt/app/server.py"]\n`,
    'server.py': serverPy,
  });
  return tag;
}

/** A project and a model for a custom container deployment. */
export async function newContainerModel(h: Harness, name: string): Promise<{ compartmentId: string; projectId: string; modelId: string }> {
  const c = h.ctx;
  const compartmentId = c.installation.defaultCompartmentId;
  const project = await c.provider.createProject({ compartmentId, displayName: name });
  if (!project.ok) throw new Error(project.error.message);
  const model = await c.provider.createModel({ compartmentId, projectId: project.data.id, displayName: name });
  if (!model.ok) throw new Error(model.error.message);
  const artifact = await c.provider.createModelArtifact(model.data.id, zipFolderOf({ 'README.md': 'a custom container' }), 'model.zip');
  if (!artifact.ok) throw new Error(artifact.error.message);
  return { compartmentId, projectId: project.data.id, modelId: model.data.id };
}

/** Polls a condition on real state (the database the console writes) until it holds. */
export async function waitUntil<T>(what: string, read: () => T | undefined | null | false, timeoutMs: number, seen?: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = read();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${seen ? `; ${seen()}` : ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
