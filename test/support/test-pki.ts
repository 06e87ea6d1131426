/**
 * A throwaway PKI for TLS tests, made with the openssl command line (Node cannot issue
 * certificates): two unrelated CAs, server certificates for 127.0.0.1 and for another name,
 * and a client certificate. P-256 keys, valid for two days, in a temporary directory.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface TestPki {
  dir: string;
  /** Paths of PEM files. */
  files: { ca: string; otherCa: string; serverIp: string; serverIpKey: string; serverName: string; serverNameKey: string; client: string; clientKey: string };
  read(file: string): string;
  remove(): void;
}

export function opensslAvailable(): boolean {
  try {
    execFileSync("openssl", ["version"], { stdio: "pipe" });
    return true;
  } catch {
    return false;
  }
}

export function makeTestPki(): TestPki {
  const dir = mkdtempSync(path.join(tmpdir(), "latchkey-pki-"));
  const at = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];

  const ca = (name: string) =>
    openssl(
      "req",
      "-x509",
      ...ec,
      "-keyout",
      at(`${name}.key`),
      "-out",
      at(`${name}.crt`),
      "-days",
      "2",
      "-subj",
      `/CN=${name}`,
      "-addext",
      "basicConstraints=critical,CA:TRUE",
      "-addext",
      "keyUsage=critical,keyCertSign,cRLSign",
    );
  const issued = (name: string, subject: string, extensions: string) => {
    writeFileSync(at(`${name}.ext`), `${extensions}\n`);
    openssl("req", ...ec, "-keyout", at(`${name}.key`), "-out", at(`${name}.csr`), "-subj", subject);
    openssl(
      "x509",
      "-req",
      "-in",
      at(`${name}.csr`),
      "-CA",
      at("ca.crt"),
      "-CAkey",
      at("ca.key"),
      "-CAcreateserial",
      "-out",
      at(`${name}.crt`),
      "-days",
      "2",
      "-extfile",
      at(`${name}.ext`),
    );
  };

  ca("ca");
  ca("other-ca");
  issued("server-ip", "/CN=127.0.0.1", "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth");
  issued("server-name", "/CN=db.internal", "subjectAltName=DNS:db.internal\nextendedKeyUsage=serverAuth");
  issued("client", "/CN=latchkey", "extendedKeyUsage=clientAuth");

  return {
    dir,
    files: {
      ca: at("ca.crt"),
      otherCa: at("other-ca.crt"),
      serverIp: at("server-ip.crt"),
      serverIpKey: at("server-ip.key"),
      serverName: at("server-name.crt"),
      serverNameKey: at("server-name.key"),
      client: at("client.crt"),
      clientKey: at("client.key"),
    },
    read: (file) => readFileSync(file, "utf8"),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
