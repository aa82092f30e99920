import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBroker, type RunningBroker } from '../../../services/broker/broker';

/** The embedded broker in-process on a free port, stoppable and restartable on the same port and data. */
export class TestBroker implements AsyncDisposable {
  private running: RunningBroker | undefined;
  private port = 0;
  private readonly dataDir = mkdtempSync(join(tmpdir(), 'k2-fh-broker-'));

  static async start(): Promise<TestBroker> {
    const broker = new TestBroker();
    await broker.startAgain();
    return broker;
  }

  get bootstrap(): string {
    return `127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    await this.running?.close();
    this.running = undefined;
  }

  async startAgain(): Promise<void> {
    if (this.running) return;
    this.running = await startBroker({ dataDir: this.dataDir, listeners: [{ host: '127.0.0.1', port: this.port }], fsync: { kind: 'none' }, defaultPartitions: 3 });
    this.port = Number(this.running.bootstrap[0]!.split(':').at(-1));
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
