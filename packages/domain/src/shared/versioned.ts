/** Fields every stored record carries for optimistic concurrency and auditing. */
export interface Versioned {
  /** Starts at 1 and grows by one with every write; a stale one makes a conditional write fail. */
  version: number;
  createdAt: string;
  updatedAt: string;
}
