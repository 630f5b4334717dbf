// A progress bar on stderr, only when stderr is a terminal: piped output stays clean.
import cliProgress from 'cli-progress';
import type { IngestProgress } from '../pipeline/ingest.js';

export interface ProgressReporter {
  update(p: IngestProgress): void;
  stop(): void;
}

/** A bar with files, bytes, items, rate and time left; a no-op when stderr is not a TTY. */
export function createProgress(stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  if (!stream.isTTY) return { update() {}, stop() {} };
  const started = Date.now();
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: ' {bar} {percentage}% | {files} files | {mb}/{totalMb} MB | {items} items | {rate} MB/s | ETA {eta_formatted} | {current}',
      barsize: 24,
      hideCursor: true,
      // The pipeline is synchronous between files: redraw from update() rather than a timer.
      synchronousUpdate: true,
      fps: 5,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let running = false;
  return {
    update(p) {
      const payload = {
        files: `${p.filesDone}/${p.filesTotal}`,
        mb: (p.bytesDone / 1e6).toFixed(1),
        totalMb: (p.bytesTotal / 1e6).toFixed(1),
        items: p.items,
        rate: (p.bytesDone / 1e6 / Math.max(0.001, (Date.now() - started) / 1000)).toFixed(1),
        current: (p.current ?? '').slice(-40),
      };
      if (!running) {
        bar.start(Math.max(1, p.bytesTotal), 0, payload);
        running = true;
      }
      bar.update(Math.min(p.bytesDone, Math.max(1, p.bytesTotal)), payload);
    },
    stop() {
      if (running) bar.stop();
    },
  };
}

export interface CountProgress {
  tick(done: number): void;
  stop(): void;
}

/** A bar counting items of a known total (enrich, reuse); a no-op when stderr is not a TTY. */
export function createCountProgress(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): CountProgress {
  if (!stream.isTTY || total <= 0) return { tick() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: ` {bar} {percentage}% | {value}/{total} ${label} | {rate} items/s | ETA {eta_formatted}`,
      barsize: 24,
      hideCursor: true,
      synchronousUpdate: true,
      fps: 5,
      etaBuffer: 200,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  bar.start(total, 0, { rate: '0' });
  return {
    tick(done) {
      bar.update(Math.min(done, total), { rate: (done / Math.max(0.001, (Date.now() - started) / 1000)).toFixed(0) });
    },
    stop() {
      bar.stop();
    },
  };
}
