/**
 * Starts test/support/refresh-worker.ts as a real child process (`node --import tsx`, so the
 * child's pid is the worker itself and SIGKILL reaches it, unlike the tsx CLI's wrapper).
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { CallerResult, WorkerCommand, WorkerMessage } from "./refresh-worker";

const ROOT = path.resolve(import.meta.dirname, "../..");

export interface WorkerProcess {
  child: ChildProcess;
  /** Resolves with the first message of this type (messages are kept, so order does not matter). */
  next(type: WorkerMessage["type"]): Promise<WorkerMessage>;
  go(connectorId: string, count: number, force?: boolean): void;
  results(): Promise<CallerResult[]>;
  /** SIGKILL, then wait for the exit. */
  kill(): Promise<void>;
  stop(): Promise<void>;
  output(): string;
}

export async function startWorker(env: Record<string, string>): Promise<WorkerProcess> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith("LATCHKEY_") && name !== "DATABASE_URL" && name !== "AUTH_SECRET"),
  );
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "test/support/refresh-worker.ts"], {
    cwd: ROOT,
    env: { ...inherited, ...env } as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const received: WorkerMessage[] = [];
  const waiting: { type: string; resolve: (m: WorkerMessage) => void }[] = [];
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.on("message", (message: WorkerMessage) => {
    const index = waiting.findIndex((w) => w.type === message.type || (message.type === "failed" && w.type === "done"));
    if (index >= 0) waiting.splice(index, 1)[0]!.resolve(message);
    else received.push(message);
  });
  const next = (type: WorkerMessage["type"]) =>
    new Promise<WorkerMessage>((resolve, reject) => {
      const index = received.findIndex((m) => m.type === type);
      if (index >= 0) return resolve(received.splice(index, 1)[0]!);
      waiting.push({ type, resolve });
      void exited.then(() => reject(new Error(`worker exited before "${type}":\n${output}`)));
    });
  const send = (command: WorkerCommand) => child.send(command);
  await next("ready");
  return {
    child,
    next,
    go: (connectorId, count, force = true) => send({ type: "go", connectorId, count, force }),
    results: async () => {
      const message = await next("done");
      if (message.type === "failed") throw new Error(`worker failed: ${message.message}`);
      return message.type === "done" ? message.results : [];
    },
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) send({ type: "exit" });
      await exited;
    },
    output: () => output,
  };
}
