import type { Command } from 'commander';
import { register as validate } from './validate';
import { register as synth } from './synth';
import { register as diagram } from './diagram';
import { register as start } from './start';
import { register as simulate } from './simulate';
import { register as diff } from './diff';
import { register as effective } from './effective';
import { register as reach } from './reach';
import { register as nag } from './nag';
import { register as preflight } from './preflight';
import { register as audit } from './audit';
import { register as sandbox } from './sandbox';
import { register as importCommand } from './import';
import { register as fullAwsAccess } from './full-aws-access';
import { register as init } from './init';

/** Every command, in the order `lzkit --help` lists them. One file per command. */
export const COMMANDS: ((program: Command) => void)[] = [init, validate, synth, diagram, start, simulate, effective, diff, reach, nag, preflight, audit, sandbox, importCommand, fullAwsAccess];
