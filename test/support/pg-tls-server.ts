/**
 * A stand-in for a PostgreSQL server that speaks just enough of the protocol to show how a client
 * connects: it answers an SSLRequest with "S" and runs the TLS handshake with the given
 * certificate (asking for a client certificate), or accepts a plaintext StartupMessage; either
 * way it then refuses the start-up with an ErrorResponse naming what it saw, so the client's
 * connect() fails with that message. The PostgreSQL on the test machine may not have TLS on, and
 * its configuration is not ours to change.
 */
import { createServer, type AddressInfo, type Socket } from "node:net";
import { createSecureContext, TLSSocket } from "node:tls";

/** Protocol 3 §"SSLSessionEncryption": the SSLRequest code. */
const SSL_REQUEST_CODE = 80877103;

export interface SeenConnection {
  /** The client asked for TLS first. */
  sslRequest: boolean;
  /** The TLS handshake completed. */
  handshake: boolean;
  /** Common name of the client certificate, when one was presented. */
  clientCertificate: string | null;
  /** A StartupMessage arrived (over TLS when `handshake`). */
  startup: boolean;
}

export interface PgTlsServer {
  port: number;
  connections: SeenConnection[];
  close(): Promise<void>;
}

function errorResponse(message: string): Buffer {
  const fields = Buffer.concat([Buffer.from(`SFATAL\0VFATAL\0C28000\0M${message}\0`, "utf8"), Buffer.from([0])]);
  const header = Buffer.alloc(5);
  header.write("E", 0);
  header.writeInt32BE(fields.length + 4, 1);
  return Buffer.concat([header, fields]);
}

/** Refuses the start-up once a StartupMessage arrives on `stream`. */
function refuseStartup(stream: Socket, seen: SeenConnection, message: string): void {
  stream.once("data", () => {
    seen.startup = true;
    stream.end(errorResponse(message));
  });
}

export function startPgTlsServer(certificate: { cert: string; key: string; clientCa: string }): Promise<PgTlsServer> {
  const secureContext = createSecureContext({ cert: certificate.cert, key: certificate.key, ca: certificate.clientCa });
  const connections: SeenConnection[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    const seen: SeenConnection = { sslRequest: false, handshake: false, clientCertificate: null, startup: false };
    connections.push(seen);
    socket.once("data", (first) => {
      if (first.length >= 8 && first.readInt32BE(0) === 8 && first.readInt32BE(4) === SSL_REQUEST_CODE) {
        seen.sslRequest = true;
        socket.write("S");
        const tls = new TLSSocket(socket, { isServer: true, secureContext, requestCert: true, rejectUnauthorized: false });
        tls.on("error", () => {});
        tls.once("secure", () => {
          seen.handshake = true;
          const peer = tls.getPeerCertificate();
          seen.clientCertificate = peer && typeof peer.subject?.CN === "string" ? peer.subject.CN : null;
        });
        refuseStartup(tls, seen, "fake server: startup over TLS");
        return;
      }
      seen.startup = true;
      socket.end(errorResponse("fake server: startup in plaintext"));
    });
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      resolve({
        port: (server.address() as AddressInfo).port,
        connections,
        close: () =>
          new Promise((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
