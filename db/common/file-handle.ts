/** The contract's schema of a file handle (db/common/file-kinds.ts), apart so that the page's shell does not load zod. */
import { z } from 'zod';
import { FILE_HANDLE_PATTERN } from './file-kinds.ts';

export const fileHandle = z.string().regex(FILE_HANDLE_PATTERN, 'a file chosen through the app (Open or Save dialog, upload)');
