import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem, type as osType, release } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** bench/results, next to bench/dist and bench/src. */
export const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'results');

/** What the figures were measured on. */
export interface MachineInfo {
  cpuModel: string;
  cores: number;
  totalMemoryMiB: number;
  freeMemoryMiB: number;
  os: string;
  node: string;
  /** 1/5/15-minute load averages when the program started and ended (other work included). */
  loadAverageAtStart: number[];
  loadAverageAtEnd?: number[];
  /** Free text from BENCH_MACHINE_NOTE, e.g. "shared with 7 engineers running tests". */
  note?: string;
}

const startLoad = loadavg().map((n) => Math.round(n * 100) / 100);

/** Describes this machine now. */
export function machineInfo(): MachineInfo {
  const cpu = cpus();
  const note = process.env.BENCH_MACHINE_NOTE;
  return {
    cpuModel: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    totalMemoryMiB: Math.round(totalmem() / 2 ** 20),
    freeMemoryMiB: Math.round(freemem() / 2 ** 20),
    os: `${osType()} ${release()}`,
    node: process.version,
    loadAverageAtStart: startLoad,
    loadAverageAtEnd: loadavg().map((n) => Math.round(n * 100) / 100),
    ...(note ? { note } : {}),
  };
}

/**
 * Writes bench/results/<name>.json: `{ name, date, machine, ...figures }`, and returns the path.
 * Figures are whatever the program measured; targets are included so a reader can compare.
 */
export function writeResult(name: string, figures: Record<string, unknown>): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${name}.json`);
  const body = { name, date: new Date().toISOString(), machine: machineInfo(), ...figures };
  writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
  console.log(`wrote ${file}`);
  return file;
}
