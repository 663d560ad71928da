import type { Command } from 'commander';
import { DIAGRAM_FORMATS, renderDiagram, type DiagramFormat } from '../diagram';
import { CliError } from '../errors';
import { loadDeclaration, withDir, type DirOptions } from '../common';

export function register(program: Command): void {
  withDir(program.command('diagram'))
    .description('print the OU tree with its accounts and the guardrails attached at each node')
    .option('--format <format>', `${DIAGRAM_FORMATS.join(' or ')}`, 'mermaid')
    .action((opts: DirOptions & { format: string }) => {
      if (!DIAGRAM_FORMATS.includes(opts.format as DiagramFormat)) {
        throw new CliError(`--format must be ${DIAGRAM_FORMATS.join(' or ')}, got '${opts.format}'`, 2);
      }
      process.stdout.write(renderDiagram(loadDeclaration(opts.dir), opts.format as DiagramFormat));
    });
}
