/** After `vite build`: prints the shell's gzipped size and fails when it is over the budget. */
import { join } from 'node:path';
import { formatShellSize, shellSize } from '../build/shell-size';

const size = shellSize(join(import.meta.dirname, '../dist'));
console.log(formatShellSize(size));
if (!size.withinBudget) process.exit(1);
