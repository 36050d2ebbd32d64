import { constants, type Stats } from 'node:fs';
import { open, realpath, type FileHandle } from 'node:fs/promises';
import { normalize, resolve, sep } from 'node:path';

/**
 * The one way the server and the CLI read files: reports, gazetteers, their GeoNames imports, the
 * team configuration and the workspace index all come through here, so that the rules below hold
 * for every read:
 *
 * - a path is resolved with `realpath` first, so a symbolic link (to a file or a folder) is judged
 *   by where it leads, not by its name;
 * - in Restricted Mode (`restrictTo` gives the workspace folders) a file whose real path lies
 *   outside them is refused;
 * - only regular files are read: a FIFO would block a read forever and `/dev/zero` never ends, so
 *   the file is opened without blocking and checked with `fstat` on the handle before any byte is
 *   read (no window between the check and the read for the path to be swapped);
 * - each role has a size limit, checked before reading and again while reading (a file may grow).
 *
 * Every refusal comes back as a `ReadFailure` whose message names the file's problem and what to do,
 * and is shown to the user as is.
 */

/** What a file is read as; each role has its own size limit. */
export type FileRole = 'report' | 'gazetteer' | 'import' | 'config';

const MiB = 1024 * 1024;

/**
 * The largest file read for each role, in bytes (documented in docs/configuration.md).
 * - reports: 16 MiB, three times the 5 MiB report the benchmarks check (about 5 s cold);
 * - gazetteer files (YAML/JSON): 16 MiB, some 100,000 entries; memory is about 70 times the file;
 * - GeoNames imports, streamed line by line and never held whole: 512 MiB, about 3 million lines;
 *   a bigger dump (allCountries.txt is 1.6 GB) is to be cut to the countries reported on;
 * - `.incident-markup.yaml`: 1 MiB; a real one is a few hundred bytes.
 */
export const SIZE_LIMITS: Readonly<Record<FileRole, number>> = Object.freeze({
  report: 16 * MiB,
  gazetteer: 16 * MiB,
  import: 512 * MiB,
  config: 1 * MiB,
});

const ROLE_NAMES: Readonly<Record<FileRole, string>> = Object.freeze({
  report: 'reports',
  gazetteer: 'gazetteer files',
  import: 'GeoNames imports',
  config: 'configuration files',
});

export type ReadFailureReason = 'missing' | 'refused' | 'not-a-file' | 'too-large' | 'unreadable';

export interface ReadFailure {
  reason: ReadFailureReason;
  /** Why the file was not read and what to do, as a clause: "it is a FIFO, not a regular file; …". */
  message: string;
}

export type TextRead = { text: string; failure?: undefined } | { text?: undefined; failure: ReadFailure };

export interface OpenedStream {
  /** The file's UTF-8 text, chunk by chunk; throws a `ReadFailureError` if it grows past the limit. Closes the file at its end. */
  chunks: AsyncIterable<string>;
  size: number;
  /** Modification time, with `size` a signature of the file's version. */
  modifiedMs: number;
  /** Closes the file when `chunks` is not read to its end. */
  close(): Promise<void>;
}
export type StreamRead = { stream: OpenedStream; failure?: undefined } | { stream?: undefined; failure: ReadFailure };

/** A read that failed while streaming, carrying what the user is told. */
export class ReadFailureError extends Error {
  constructor(readonly failure: ReadFailure) {
    super(failure.message);
  }
}

/** What the core reads from disk; the server layers open editor buffers over it. */
export interface FileSystem {
  /** The whole text of a regular file within its role's size limit, or why it was not read. */
  read(path: string, role: FileRole): Promise<TextRead>;
  /** The same checks, then the file's text chunk by chunk, for a file too large to hold (an import). */
  stream(path: string, role: FileRole): Promise<StreamRead>;
}

export interface FileSystemOptions {
  /**
   * The workspace folders when the workspace is not trusted (Restricted Mode): files whose real
   * path lies outside them are refused. Undefined when every file may be read. Asked on every read,
   * so a change of folders applies at once.
   */
  restrictTo?: () => readonly string[] | undefined;
  /** Text held in the editor for a path, which wins over the file on disk. */
  overlay?: (path: string) => string | undefined;
  /** Told of each refusal in Restricted Mode, for the server's log. */
  onRefused?: (path: string, failure: ReadFailure) => void;
  /** Size limits per role, for tests; defaults to SIZE_LIMITS. */
  limits?: Partial<Record<FileRole, number>>;
}

/** Paths compare case-insensitively where the file system usually is. */
export function pathKey(path: string): string {
  const normalised = normalize(path);
  return process.platform === 'win32' || process.platform === 'darwin' ? normalised.toLowerCase() : normalised;
}

/** Whether `path` is `folder` or lies under it, comparing as the file system does. */
function isInsideFolder(path: string, folder: string): boolean {
  const key = pathKey(path);
  const root = pathKey(folder);
  return key === root || key.startsWith(root.endsWith(sep) ? root : `${root}${sep}`);
}

function formatSize(bytes: number): string {
  return bytes >= MiB ? `${(bytes / MiB).toFixed(1)} MiB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${bytes} bytes`;
}

function notRegular(info: Stats): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}

function tooLarge(size: number | undefined, limit: number, role: FileRole): ReadFailure {
  const what = size === undefined ? 'it grew while being read, past' : `it is ${formatSize(size)}, over`;
  return {
    reason: 'too-large',
    message: `${what} the ${formatSize(limit)} limit for ${ROLE_NAMES[role]} (see docs/configuration.md, "Size limits"); split it into smaller files.`,
  };
}

function failureOf(error: unknown): ReadFailure {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { reason: 'missing', message: 'it does not exist.' };
  if (code === 'ELOOP') return { reason: 'unreadable', message: 'it is a loop of symbolic links; point the link at a file.' };
  if (code === 'EACCES' || code === 'EPERM') return { reason: 'unreadable', message: 'permission to read it was denied.' };
  if (code === 'EISDIR') return { reason: 'not-a-file', message: 'it is a folder, not a file; name a file.' };
  return { reason: 'unreadable', message: `it could not be read (${(error as Error).message}).` };
}

const REFUSED_OUTSIDE =
  'outside the workspace folders, and the workspace is not trusted (Restricted Mode). Trust the workspace to use it, or copy it into the workspace.';

// O_NONBLOCK makes opening a FIFO return at once instead of waiting for a writer; Windows has
// no FIFOs of this kind and no such flag.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** The file system of this machine, seen through the rules above. */
export function createFileSystem(options: FileSystemOptions = {}): FileSystem {
  const limits = { ...SIZE_LIMITS, ...options.limits };
  // Workspace folders' own real paths: a workspace opened through a link (/tmp on macOS, a
  // linked home folder) must still contain its own files. Kept per folder; folders are few.
  const realRoots = new Map<string, Promise<string>>();
  const realRoot = (folder: string): Promise<string> => {
    let real = realRoots.get(folder);
    if (!real) realRoots.set(folder, (real = realpath(folder).catch(() => resolve(folder))));
    return real;
  };

  /** Why a file at this real path may not be read in Restricted Mode; undefined when it may. */
  async function refusal(path: string, real: string): Promise<ReadFailure | undefined> {
    const roots = options.restrictTo?.();
    if (roots === undefined) return undefined;
    for (const root of roots) if (isInsideFolder(real, await realRoot(root))) return undefined;
    const linked = pathKey(resolve(path)) !== pathKey(real);
    const failure: ReadFailure = { reason: 'refused', message: linked ? `it is a link to ${real}, which is ${REFUSED_OUTSIDE}` : `it is ${REFUSED_OUTSIDE}` };
    options.onRefused?.(path, failure);
    return failure;
  }

  /** Opens a regular file for reading after every check, or says why not. */
  async function openChecked(path: string, role: FileRole): Promise<{ handle: FileHandle; size: number; modifiedMs: number } | { failure: ReadFailure }> {
    let real: string;
    try {
      real = await realpath(path);
    } catch (error) {
      return { failure: failureOf(error) };
    }
    const refused = await refusal(path, real);
    if (refused) return { failure: refused };
    let handle: FileHandle;
    try {
      handle = await open(real, OPEN_FLAGS);
    } catch (error) {
      return { failure: failureOf(error) };
    }
    try {
      const info = await handle.stat();
      const failure: ReadFailure | undefined = !info.isFile()
        ? { reason: 'not-a-file', message: `it is ${notRegular(info)}, not a regular file; name a file.` }
        : info.size > limits[role]
          ? tooLarge(info.size, limits[role], role)
          : undefined;
      if (!failure) return { handle, size: info.size, modifiedMs: info.mtimeMs };
      await handle.close();
      return { failure };
    } catch (error) {
      await handle.close().catch(() => undefined);
      return { failure: failureOf(error) };
    }
  }

  /** An editor buffer for the path, if the path may be read at all. */
  async function fromOverlay(path: string): Promise<TextRead | undefined> {
    const text = options.overlay?.(path);
    if (text === undefined || options.restrictTo?.() === undefined) return text === undefined ? undefined : { text };
    // A buffer of a file outside the workspace is refused as the file would be: what a report
    // means must not depend on which other files happen to be open.
    const real = await realpath(path).catch(() => resolve(path));
    const refused = await refusal(path, real);
    return refused ? { failure: refused } : { text };
  }

  return {
    async read(path, role) {
      const buffered = await fromOverlay(path);
      if (buffered) return buffered;
      const opened = await openChecked(path, role);
      if ('failure' in opened) return { failure: opened.failure };
      const { handle, size } = opened;
      try {
        // One byte more than the limit: a file that grew since fstat is caught, not truncated.
        const buffer = Buffer.allocUnsafe(Math.min(size, limits[role]) + 1);
        let length = 0;
        for (;;) {
          if (length === buffer.length) return { failure: tooLarge(undefined, limits[role], role) };
          const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
          if (bytesRead === 0) break;
          length += bytesRead;
          if (length > limits[role]) return { failure: tooLarge(undefined, limits[role], role) };
        }
        return { text: buffer.toString('utf8', 0, length) };
      } catch (error) {
        return { failure: failureOf(error) };
      } finally {
        await handle.close().catch(() => undefined);
      }
    },

    async stream(path, role) {
      const opened = await openChecked(path, role);
      if ('failure' in opened) return { failure: opened.failure };
      const { handle, size, modifiedMs } = opened;
      const limit = limits[role];
      const close = () => handle.close().catch(() => undefined);
      async function* chunks(): AsyncGenerator<string> {
        let bytes = 0;
        try {
          for await (const chunk of handle.createReadStream({ encoding: 'utf8', highWaterMark: 1 << 16, autoClose: false })) {
            bytes += Buffer.byteLength(chunk as string, 'utf8');
            if (bytes > limit) throw new ReadFailureError(tooLarge(undefined, limit, role));
            yield chunk as string;
          }
        } finally {
          await close();
        }
      }
      return { stream: { chunks: chunks(), size, modifiedMs, close } };
    },
  };
}

/** This machine's files with no Restricted Mode and no editor: the CLI's view. */
export const nodeFileSystem: FileSystem = createFileSystem();
