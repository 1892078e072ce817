export const fs: typeof import('node:fs');
export const path: typeof import('node:path');
