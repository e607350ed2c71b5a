import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Task reminders locally are timers in the API's process, which do not survive a restart. On start
 * the local stack runs the fire-reminder module's catch-up (in the same process, so on the same
 * runtime as the API handlers): reminders that fell due while it was stopped fire now, and the
 * others get their timers again. Both are found through the index of armed reminders, never a scan.
 */
export async function catchUpTaskReminders(functionsDir: string): Promise<{ fired: number; armed: number }> {
  const module = (await import(pathToFileURL(join(functionsDir, 'tasks/fire-reminder.ts')).href)) as {
    catchUpReminders(): Promise<{ fired: number; armed: number }>;
  };
  return module.catchUpReminders();
}
