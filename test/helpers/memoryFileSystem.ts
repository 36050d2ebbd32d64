import type { FileSystem, StreamRead, TextRead } from '../../server/src/core/workspace/fileSystem.js';

/** An in-memory file system for the core, so tests can change files between checks. */
export class MemoryFileSystem implements FileSystem {
  readonly files = new Map<string, string>();

  constructor(files: Record<string, string> = {}) {
    for (const [path, text] of Object.entries(files)) this.files.set(path, text);
  }

  async read(path: string): Promise<TextRead> {
    const text = this.files.get(path);
    return text === undefined ? { failure: { reason: 'missing', message: 'it does not exist.' } } : { text };
  }

  async stream(path: string): Promise<StreamRead> {
    const { text, failure } = await this.read(path);
    if (failure) return { failure };
    return {
      stream: {
        chunks: (async function* () {
          yield text;
        })(),
        size: Buffer.byteLength(text),
        // Tests change files by setting their text: a hash of it stands for the modification time.
        modifiedMs: [...text].reduce((hash, char) => (hash * 31 + char.charCodeAt(0)) | 0, 7),
        close: async () => undefined,
      },
    };
  }
}
