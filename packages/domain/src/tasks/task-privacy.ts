import type { FieldCipher } from '../privacy/field-cipher';
import { maskText } from '../privacy/masking';
import type { Task } from './task';

/** Binds the notes' ciphertext to this task and field, so it decrypts nowhere else. */
const notesScope = (taskId: string) => ({ itemKey: `task#${taskId}`, field: 'notes' });

/** The task as stored: its notes encrypted under the tenant's current data key. */
export async function sealTask(cipher: FieldCipher, task: Task): Promise<Task> {
  return task.notes === undefined ? task : { ...task, notes: await cipher.encrypt(notesScope(task.id), task.notes) };
}

export async function openTask(cipher: FieldCipher, stored: Task): Promise<Task> {
  return stored.notes === undefined ? stored : { ...stored, notes: await cipher.decrypt(notesScope(stored.id), stored.notes) };
}

/** Notes are free text: their mask reveals nothing, so a stored task is masked without decrypting it. */
export function maskTask(stored: Task): Task {
  return stored.notes === undefined ? stored : { ...stored, notes: maskText(stored.notes) };
}
