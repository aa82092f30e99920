import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../../bin/k2-chaos.mjs', import.meta.url));

/** `k2-chaos feed-handler` as a child process, so that a test can SIGKILL it like a crash. */
export class HandlerProcess {
  private constructor(private readonly child: ChildProcess, readonly httpUrl: string, readonly output: string[]) {}

  static async start(args: string[]): Promise<HandlerProcess> {
    const child = spawn(process.execPath, [BIN, 'feed-handler', '--http', '127.0.0.1:0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const output: string[] = [];
    const httpUrl = await new Promise<string>((resolve, reject) => {
      const onLine = (chunk: Buffer) => {
        output.push(chunk.toString());
        const match = /"httpUrl":"([^"]+)"/.exec(output.join(''));
        if (match) resolve(match[1]!);
      };
      child.stdout!.on('data', onLine);
      child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      child.once('exit', (code) => reject(new Error(`feed-handler exited with ${code}: ${output.join('')}`)));
    });
    return new HandlerProcess(child, httpUrl, output);
  }

  /** SIGKILL: no shutdown code runs, whatever was buffered in memory is lost. */
  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await exited;
  }
}
