/** Where the standard library's Lonala sources live (std/ of the package). */
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const STD_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'std');
