/**
 * Stream sequence numbers are decimal strings of up to 40 digits, increasing for one item (and, in
 * one delivered batch, along the batch): padded, they compare as strings, in code and in a
 * DynamoDB condition alike.
 */
export const orderedSequence = (sequence: string) => sequence.padStart(40, '0');

/** Whether a record at `sequence` is at or below what was applied already. */
export const sequenceSeen = (applied: string | undefined, sequence: string) => applied !== undefined && orderedSequence(applied) >= orderedSequence(sequence);
