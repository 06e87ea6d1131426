/**
 * The worker's request body, held back just enough to be sent twice: a vendor 401 gets one
 * retry with a renewed token (SECURITY 25), which needs the body again. Bodies up to `cap` bytes
 * are buffered whole; a larger one is streamed as it arrives (the part already read first) and
 * is not retried.
 */
import { Readable } from "node:stream";

export const DEFAULT_RETRY_BODY_CAP = 1024 * 1024;

export type PreparedBody = { kind: "none" } | { kind: "buffered"; buffer: Buffer } | { kind: "streamed"; stream: Readable };

export async function prepareBody(body: AsyncIterable<Uint8Array> | null, cap = DEFAULT_RETRY_BODY_CAP): Promise<PreparedBody> {
  if (!body) return { kind: "none" };
  const iterator = body[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let size = 0;
  for (;;) {
    const next = await iterator.next();
    if (next.done) return { kind: "buffered", buffer: Buffer.concat(chunks, size) };
    const chunk = Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
    chunks.push(chunk);
    size += chunk.length;
    if (size > cap) return { kind: "streamed", stream: Readable.from(continued(chunks, iterator), { objectMode: false }) };
  }
}

async function* continued(head: Buffer[], iterator: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield* head;
  for (;;) {
    const next = await iterator.next();
    if (next.done) return;
    yield next.value;
  }
}

/** Whether the request can be sent again (no body, or a buffered one). */
export function replayable(body: PreparedBody): boolean {
  return body.kind !== "streamed";
}

export function bodyForSend(body: PreparedBody): Buffer | Readable | null {
  if (body.kind === "none") return null;
  return body.kind === "buffered" ? body.buffer : body.stream;
}
