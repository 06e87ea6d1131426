/**
 * Benchmark child process: the real machine API (API-key check, token endpoint, proxy core with
 * the guarded pool and single-flight refresh) on plain node:http without Next.js, exactly as
 * lib/proxy/listener.ts would serve it beside the app. Reads the same environment as the app.
 * Prints `READY <port>`.
 */
import type { AddressInfo } from "node:net";
import { startMachineApiListener } from "../../lib/proxy/listener";

startMachineApiListener({ port: 0, hostname: "127.0.0.1" }).then((server) => console.log(`READY ${(server.address() as AddressInfo).port}`));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(0));
