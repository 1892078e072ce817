import type { Hash } from 'node:crypto';

export function hashText(text: string | Uint8Array): string;
export function newHash(): Hash;
