/**
 * One progress line per phase on stderr: done/total, the rate and the time left. On a terminal
 * the line is redrawn in place; otherwise (CI, a log file) a line is written every few seconds.
 */
export interface ProgressSink {
  write(text: string): void;
  isTTY?: boolean;
}

export interface PhaseProgress {
  tick(count?: number): void;
  done(note?: string): void;
}

export type Progress = {
  phase(name: string, total: number): PhaseProgress;
  note(text: string): void;
};

const seconds = (ms: number) => (ms < 60_000 ? `${(ms / 1000).toFixed(0)}s` : `${Math.floor(ms / 60_000)}m${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')}s`);

export function createProgress(sink: ProgressSink = process.stderr, now: () => number = Date.now): Progress {
  return {
    note: (text) => sink.write(`${text}\n`),
    phase(name, total) {
      const started = now();
      let count = 0;
      let lastLine = 0;
      const line = () => {
        const elapsed = Math.max(1, now() - started);
        const rate = (count / elapsed) * 1000;
        const left = rate > 0 ? ((total - count) / rate) * 1000 : 0;
        return `${name.padEnd(14)} ${String(count).padStart(6)}/${total}  ${rate.toFixed(1).padStart(7)}/s  ${count < total ? `ETA ${seconds(left)}` : `in ${seconds(elapsed)}`}`;
      };
      return {
        tick(by = 1) {
          count += by;
          if (sink.isTTY) sink.write(`\r${line()}`);
          else if (now() - lastLine > 3000) {
            lastLine = now();
            sink.write(`${line()}\n`);
          }
        },
        done(note) {
          sink.write(`${sink.isTTY ? '\r' : ''}${line()}${note ? `  ${note}` : ''}\n`);
        },
      };
    },
  };
}
