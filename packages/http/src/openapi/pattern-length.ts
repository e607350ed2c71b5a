/**
 * The longest string an anchored pattern (`^…$`) matches, in UTF-16 code units as `maxLength`
 * counts them, or `undefined` when it has no bound (`*`, `+`, `{n,}`) or uses syntax read here
 * wrongly (back-references, lookarounds, unanchored): the document then states no bound rather
 * than a false one. A ULID's `^[0-9A-HJKMNP-TV-Z]{26}$` gives 26, so every id states its length
 * without each schema repeating it.
 */
export function maxLengthOfPattern(pattern: string): number | undefined {
  if (!pattern.startsWith('^') || !pattern.endsWith('$') || pattern.endsWith('\\$')) return undefined;
  const reader = new PatternReader(pattern.slice(1, -1));
  const length = reader.alternatives();
  return reader.done() && Number.isFinite(length) ? length : undefined;
}

class PatternReader {
  #at = 0;
  constructor(private readonly source: string) {}

  done() {
    return this.#at === this.source.length;
  }

  /** `a|b|c` up to the end or a `)`: the longest alternative. */
  alternatives(): number {
    let longest = this.sequence();
    while (this.source[this.#at] === '|') {
      this.#at += 1;
      longest = Math.max(longest, this.sequence());
    }
    return longest;
  }

  #fail(): number {
    this.#at = Number.NaN;
    return Number.POSITIVE_INFINITY;
  }

  sequence(): number {
    let total = 0;
    while (this.#at < this.source.length && this.source[this.#at] !== '|' && this.source[this.#at] !== ')') {
      const atom = this.atom();
      total += atom * this.quantifier();
      if (Number.isNaN(this.#at)) return Number.POSITIVE_INFINITY;
    }
    return total;
  }

  atom(): number {
    const char = this.source[this.#at]!;
    if (char === '(') {
      this.#at += 1;
      if (this.source[this.#at] === '?') {
        if (this.source[this.#at + 1] !== ':') return this.#fail();
        this.#at += 2;
      }
      const inner = this.alternatives();
      if (this.source[this.#at] !== ')') return this.#fail();
      this.#at += 1;
      return inner;
    }
    if (char === '[') {
      const end = this.#classEnd();
      if (end < 0) return this.#fail();
      this.#at = end + 1;
      return 1;
    }
    if (char === '\\') {
      const escaped = this.source[this.#at + 1];
      // \1 (back-reference), \b and \B (no character), \u{…} and \p{…} are left to a human.
      if (escaped === undefined || /[1-9bBupPkcx]/.test(escaped)) return this.#fail();
      this.#at += 2;
      return 1;
    }
    if ('^$*+?{'.includes(char)) return this.#fail();
    this.#at += 1;
    return 1;
  }

  /** Index of the `]` closing the class that starts here, or -1. */
  #classEnd(): number {
    for (let index = this.#at + 1; index < this.source.length; index += 1) {
      if (this.source[index] === '\\') index += 1;
      else if (this.source[index] === ']' && index > this.#at + 1) return index;
    }
    return -1;
  }

  /** How many times the atom just read may repeat. */
  quantifier(): number {
    const char = this.source[this.#at];
    if (char === '*' || char === '+') return this.#fail();
    if (char === '?') {
      this.#at += 1;
      return this.#lazy(1);
    }
    if (char !== '{') return 1;
    const match = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.#at));
    if (!match) return this.#fail();
    this.#at += match[0].length;
    if (match[2] === undefined) return this.#lazy(Number(match[1]));
    if (match[3] === '') return this.#fail();
    return this.#lazy(Number(match[3]));
  }

  /** A `?` after a quantifier makes it lazy, which does not change what it can match. */
  #lazy(times: number): number {
    if (this.source[this.#at] === '?') this.#at += 1;
    return times;
  }
}
