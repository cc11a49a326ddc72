// A stand-in for React Native's XMLHttpRequest, which its fetch (whatwg-fetch) runs on: one request
// over real HTTP (node:http, which needs none of the web globals the test removes), its body handed
// over whole, as text, never as a stream.
import { request } from 'node:http';

type Listener = (() => void) | null;

/** An XMLHttpRequest class of the shape whatwg-fetch drives (http: URLs only, as the mock's). */
export class NativeXMLHttpRequest {
  readyState = 0;
  status = 0;
  statusText = '';
  responseText = '';
  responseURL = '';
  withCredentials = false;
  onload: Listener = null;
  onerror: Listener = null;
  ontimeout: Listener = null;
  onabort: Listener = null;
  onreadystatechange: Listener = null;
  #method = 'GET';
  #url = '';
  #headers: Record<string, string> = {};
  #rawHeaders = '';
  #aborted = false;
  #abort: () => void = () => undefined;

  open(method: string, url: string): void {
    this.#method = method;
    this.#url = url;
    this.readyState = 1;
  }

  setRequestHeader(name: string, value: string): void {
    const before = this.#headers[name];
    this.#headers[name] = before === undefined ? value : `${before}, ${value}`;
  }

  getAllResponseHeaders(): string {
    return this.#rawHeaders;
  }

  abort(): void {
    this.#aborted = true;
    this.#abort();
  }

  send(body: string | null): void {
    const done = (listener: Listener) => {
      this.readyState = 4;
      this.onreadystatechange?.();
      listener?.();
    };
    const outgoing = request(this.#url, { method: this.#method, headers: this.#headers }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        this.status = incoming.statusCode ?? 0;
        this.statusText = incoming.statusMessage ?? '';
        this.responseURL = this.#url;
        const raw = incoming.rawHeaders;
        const lines: string[] = [];
        for (let index = 0; index < raw.length; index += 2) lines.push(`${raw[index]}: ${raw[index + 1]}`);
        this.#rawHeaders = lines.join('\r\n');
        this.responseText = Buffer.concat(chunks).toString('utf8');
        done(this.onload);
      });
    });
    this.#abort = () => outgoing.destroy();
    outgoing.on('error', () => done(this.#aborted ? this.onabort : this.onerror));
    outgoing.end(body ?? undefined);
  }
}
