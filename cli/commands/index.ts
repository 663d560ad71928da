import type { Command } from 'commander';
import { register as validate } from './validate';
import { register as synth } from './synth';
import { register as diagram } from './diagram';
import { register as start } from './start';
import { register as simulate } from './simulate';
import { register as effective } from './effective';
import { register as reach } from './reach';
import { register as nag } from './nag';
import { register as audit } from './audit';
import { register as sandbox } from './sandbox';
import { register as importCommand } from './import';

/** Every command, in the order `lzkit --help` lists them. One file per command. */
export const COMMANDS: ((program: Command) => void)[] = [validate, synth, diagram, start, simulate, effective, reach, nag, audit, sandbox, importCommand];
