/**
 * The character ranges of a text to hide. Every finder marks ranges in the original text, and
 * the ranges are merged before anything is replaced, so the finders cannot hide from each
 * other: a known secret inside a Bearer value, or a Bearer phrase inside a known secret, is
 * hidden whole whichever is found first. Adding is O(1) (a difference array) and replacing one
 * pass, so thousands of ranges cost no more than a few.
 */
export class Spans {
  private readonly depth: Int32Array;
  private marked = false;

  constructor(private readonly length: number) {
    this.depth = new Int32Array(length + 1);
  }

  /** Hides [start, end). */
  add(start: number, end: number): void {
    if (end <= start) return;
    this.depth[start]! += 1;
    this.depth[end]! -= 1;
    this.marked = true;
  }

  /** `text` with each run of hidden characters (ranges that overlap or touch) replaced by `marker`. */
  replaceIn(text: string, marker: string): string {
    if (!this.marked) return text;
    let out = "";
    let covered = 0;
    let copiedFrom = 0;
    for (let at = 0; at <= this.length; at++) {
      const before = covered;
      covered += this.depth[at]!;
      if (before === 0 && covered > 0) out += text.slice(copiedFrom, at) + marker;
      else if (before > 0 && covered === 0) copiedFrom = at;
    }
    return out + text.slice(copiedFrom);
  }
}
