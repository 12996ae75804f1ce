// Scheduled daily briefings: subscriptions, due-time maths, the delivery ledger and the scheduler.
export * from './clock.ts';
export * from './compose.ts';
export * from './minute-tick.ts';
export * from './parse-time.ts';
export * from './present-schedule.ts';
export * from './scheduler.ts';
export * from './sqlite-schedule-store.ts';
export * from './subscriptions.ts';
export * from './types.ts';
export * from './zoned-time.ts';
