import type { Command } from 'commander';
import { register as validate } from './validate';

/** Every command, in the order `lzkit --help` lists them. One file per command. */
export const COMMANDS: ((program: Command) => void)[] = [validate];
