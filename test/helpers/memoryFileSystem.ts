import type { FileSystem } from '../../server/src/core/workspace/fileSystem.js';

/** An in-memory file system for the core, so tests can change files between checks. */
export class MemoryFileSystem implements FileSystem {
  readonly files = new Map<string, string>();

  constructor(files: Record<string, string> = {}) {
    for (const [path, text] of Object.entries(files)) this.files.set(path, text);
  }

  async readFile(path: string): Promise<string | undefined> {
    return this.files.get(path);
  }
}
