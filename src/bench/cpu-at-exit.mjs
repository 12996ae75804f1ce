// `node --import` this file: as the process exits it writes its own CPU time (user + system, all
// threads, in ms) to the file named by BENCH_CPU_FILE. The bench times start-up in CPU as well as
// wall time: on a shared, loaded machine wall time mostly measures the neighbours.
import { writeFileSync } from 'node:fs';
import process from 'node:process';

process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  if (process.env.BENCH_CPU_FILE) writeFileSync(process.env.BENCH_CPU_FILE, String((user + system) / 1000));
});
