// The wall-clock trigger: a node-cron job that calls the scheduler's tick every minute. What is
// due is decided by the tick itself (in each subscription's own zone), so a missed or doubled
// cron run is harmless.
import cron from 'node-cron';
import type { Logger } from '../log.ts';

export interface MinuteTick {
  stop(): Promise<void>;
}

export function startMinuteTick(tick: () => Promise<unknown>, log: Logger, expression = '* * * * *'): MinuteTick {
  const task = cron.schedule(
    expression,
    async () => {
      try {
        await tick();
      } catch (err) {
        log.error('schedule tick failed', { err });
      }
    },
    {
      name: 'briefbot-schedule',
      logger: {
        info: (m) => log.debug(m),
        warn: (m) => log.debug(m),
        error: (m, err) => log.warn(typeof m === 'string' ? m : m.message, { err }),
        debug: (m) => log.debug(typeof m === 'string' ? m : m.message),
      },
    },
  );
  return {
    stop: async () => {
      await task.stop();
      await task.destroy();
    },
  };
}
