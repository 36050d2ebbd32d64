/**
 * The keystrokes every benchmark replays: single letters typed inside words at
 * positions spread evenly through the report, visited in a seeded random order
 * (a writer jumps around; no locality to exploit). Inside a word means no edit
 * opens or closes a block, so each is the ordinary keystroke, not a structural
 * one; an edit inside an annotation's attributes does change its meaning
 * (`type=killled`), as typing does.
 */

import { random } from '../generate-report.js';

export interface Keystroke {
  /** Offset in the text as it is when this keystroke is typed. */
  offset: number;
  inserted: string;
}

const LETTER = /[a-z]/;

export function plannedKeystrokes(text: string, count: number, seed = 7): Keystroke[] {
  const originals: number[] = [];
  for (let i = 0; i < count; i++) {
    let offset = Math.floor(((i + 0.5) * text.length) / count);
    while (offset < text.length - 1 && !(LETTER.test(text[offset - 1] ?? '') && LETTER.test(text[offset]!))) offset++;
    originals.push(offset);
  }
  // Seeded shuffle (the generator's mulberry32 + Fisher–Yates).
  const { next } = random(seed);
  const order = originals.map((_, index) => index);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  // Each earlier insert before a position moves it one character on.
  const done: number[] = [];
  return order.map((index, step) => {
    const original = originals[index]!;
    const shift = done.filter((before) => before <= original).length;
    done.push(original);
    return { offset: original + shift, inserted: 'etaoin'[step % 6]! };
  });
}

export function applyKeystroke(text: string, keystroke: Keystroke): string {
  return text.slice(0, keystroke.offset) + keystroke.inserted + text.slice(keystroke.offset);
}

/** Offsets of the middle of annotation labels, spread through the text, for hover. */
export function annotationPositions(text: string, count: number): number[] {
  const all: number[] = [];
  const pattern = /:(?:count|date|actor|place)\[([^\]\n]*)\]/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    all.push(match.index + match[0].indexOf('[') + 1 + Math.floor(match[1]!.length / 2));
  }
  if (all.length <= count) return all;
  return Array.from({ length: count }, (_, i) => all[Math.floor(((i + 0.5) * all.length) / count)]!);
}

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const median = (samples: readonly number[]) => percentile(samples, 50);
