import { describe, expect, it } from 'vitest';
import { maxLengthOfPattern } from './pattern-length';

describe('maxLengthOfPattern', () => {
  it.each([
    ['^[0-9A-HJKMNP-TV-Z]{26}$', 26],
    ['^[A-Z]{3}$', 3],
    ['^[a-z][a-z0-9_]{0,49}$', 50],
    ['^([a-z_]{2,40}|[0-9A-HJKMNP-TV-Z]{26})$', 40],
    ['^\\d{4}-(0[1-9]|1[0-2])$', 7],
    ['^(?:W\\/)?"(\\d{1,15})"$', 19],
    ['^\\d{1,15}(?:\\.\\d{1,8})?$', 24],
    ['^a{2,5}?b$', 6],
  ])('reads %s as at most %i characters', (pattern, length) => {
    expect(maxLengthOfPattern(pattern)).toBe(length);
  });

  it.each([
    ['unbounded repetition', '^[a-z]+$'],
    ['an open range', '^a{2,}$'],
    ['no anchors', '[a-z]{3}'],
    ['only a start anchor', '^[a-z]{3}'],
    ['a back-reference', '^(a)\\1$'],
    ['a lookahead', '^(?=a)a$'],
    ['an escaped end anchor', '^a\\$'],
  ])('states no bound for %s', (_what, pattern) => {
    expect(maxLengthOfPattern(pattern)).toBeUndefined();
  });
});
