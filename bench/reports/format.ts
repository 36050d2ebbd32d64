/** Figures and tables as every section of the reports bench prints them, and the waits they share. */
import { median, percentile } from './edits.js';
import type { Stat } from './inprocess.js';

export const stat = (samples: number[]): Stat & { n: number } => ({ p50: median(samples), p95: percentile(samples, 95), max: Math.max(...samples), n: samples.length });

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer after ${ms} ms`)), ms);
    }),
  ]);
}

export const ms = (value: number) =>
  !Number.isFinite(value) ? '—' : value < 10 ? `${value.toFixed(1)} ms` : `${Math.round(value).toLocaleString('en-GB')} ms`;
export const mb = (value: number) => (Number.isFinite(value) ? `${Math.round(value)} MB` : '—');
export const sizeLabel = (bytes: number) => (bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MiB` : `${Math.round(bytes / 1024)} KiB`);
export const mark = (ok: boolean) => (ok ? 'yes' : 'NO');

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('-|-'), ...rows.map(line)].join('\n');
}
