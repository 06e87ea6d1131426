/**
 * A token-endpoint proxy in front of the test vendor that can hold requests. Held, it keeps
 * each request waiting; the test then forwards it to the vendor (which acts on it: a refresh
 * token is spent and rotated) without answering the caller, answers it, or drops it. Open, it
 * passes everything through. Records every body the vendor answered with, so a test knows the
 * newest refresh token the vendor issued. Starts open.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface VendorAnswer {
  status: number;
  contentType: string;
  body: string;
}

export interface HeldExchange {
  /** The form body the caller sent. */
  form: Record<string, string>;
  /** Sends the request on to the vendor; the caller gets nothing yet. */
  forward(): Promise<VendorAnswer>;
  /** Answers the caller (forwarding first if needed). */
  answer(): Promise<void>;
  /** Closes the caller's connection without an answer; the request never reaches the vendor unless it was forwarded already. */
  drop(): void;
}

export interface GateProxy {
  url: string;
  held: HeldExchange[];
  /** Every answer the vendor gave through this proxy, oldest first. */
  vendorAnswers: VendorAnswer[];
  /** From now on, hold every request. */
  hold(): void;
  /** Pass everything through, including what is held. */
  open(): Promise<void>;
  close(): Promise<void>;
}

export async function startGateProxy(upstream: string): Promise<GateProxy> {
  const held: HeldExchange[] = [];
  const vendorAnswers: VendorAnswer[] = [];
  let isOpen = true;

  const exchangeOf = (req: IncomingMessage, res: ServerResponse, body: string): HeldExchange => {
    let forwarded: Promise<VendorAnswer> | null = null;
    let dropped = false;
    const forward = () =>
      (forwarded ??= fetch(upstream, {
        method: "POST",
        headers: Object.fromEntries(
          ["content-type", "authorization", "accept"].flatMap((name) => (req.headers[name] ? [[name, String(req.headers[name])]] : [])),
        ),
        body,
      }).then(async (response) => {
        const answer = { status: response.status, contentType: response.headers.get("content-type") ?? "application/json", body: await response.text() };
        vendorAnswers.push(answer);
        return answer;
      }));
    return {
      form: Object.fromEntries(new URLSearchParams(body)),
      forward,
      answer: async () => {
        if (dropped) return;
        const answer = await forward();
        if (res.destroyed) return;
        res.writeHead(answer.status, { "content-type": answer.contentType });
        res.end(answer.body);
      },
      drop: () => {
        dropped = true;
        res.destroy();
      },
    };
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const exchange = exchangeOf(req, res, Buffer.concat(chunks).toString("utf8"));
      if (isOpen) void exchange.answer().catch(() => res.destroy());
      else held.push(exchange);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth2/token`,
    held,
    vendorAnswers,
    hold: () => {
      isOpen = false;
    },
    open: async () => {
      isOpen = true;
      await Promise.all(held.splice(0).map((exchange) => exchange.answer().catch(() => undefined)));
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
