import { readFile } from 'node:fs/promises';

/** What the core reads from disk; the server layers open editor buffers over it. */
export interface FileSystem {
  /** The file's text, or undefined when it does not exist or cannot be read. */
  readFile(path: string): Promise<string | undefined>;
  /**
   * Why a path is not read even if it exists (the server in Restricted Mode refuses files outside
   * the workspace folders), so that a report says so instead of "not found"; undefined when it may be read.
   */
  refusal?(path: string): string | undefined;
}

export const nodeFileSystem: FileSystem = {
  async readFile(path) {
    try {
      return await readFile(path, 'utf8');
    } catch {
      return undefined;
    }
  },
};
