import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What `docker network connect` needs to put a container back as compose attached it. */
export interface NetworkAttachment {
  aliases: string[];
  ipv4Address?: string;
  ipv6Address?: string;
}

/**
 * Attachments of disconnected containers, kept in the run folder as well as in memory so that
 * a later process (a heal after a crash) reconnects them with their aliases and fixed addresses.
 */
export class NetworkAttachments {
  private readonly file: string;

  constructor(runDir: string) {
    this.file = join(runDir, 'network-attachments.json');
  }

  private read(): Record<string, NetworkAttachment> {
    return existsSync(this.file) ? (JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, NetworkAttachment>) : {};
  }

  remember(service: string, attachment: NetworkAttachment): void {
    writeFileSync(this.file, JSON.stringify({ ...this.read(), [service]: attachment }, null, 2));
  }

  recall(service: string): NetworkAttachment | undefined {
    return this.read()[service];
  }

  forget(service: string): void {
    const all = this.read();
    delete all[service];
    writeFileSync(this.file, JSON.stringify(all, null, 2));
  }
}
