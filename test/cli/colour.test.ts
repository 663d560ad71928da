import { spawn } from 'child_process';
import * as path from 'path';

/**
 * Colour only where a person reads it: escape codes on a terminal, none in pipes and files, none
 * when NO_COLOR is set to anything but the empty string (https://no-color.org). The terminal is a
 * real pseudo-terminal from util-linux's `script`.
 */

const ROOT = path.join(__dirname, '..', '..');
const NAG = `${JSON.stringify(process.execPath)} ${JSON.stringify(path.join(ROOT, 'bin', 'lzkit.js'))} nag --dir ${JSON.stringify(ROOT)}`;
const ESC = '\u001b[';

function output(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.on('error', reject);
    child.on('close', () => resolve(out));
  });
}

const withoutNoColor = (): NodeJS.ProcessEnv => {
  const env = { ...process.env };
  delete env.NO_COLOR;
  return env;
};

describe('lzkit nag output', () => {
  let piped = '';
  let terminal = '';
  let terminalNoColor = '';

  beforeAll(async () => {
    [piped, terminal, terminalNoColor] = await Promise.all([
      output('sh', ['-c', NAG], withoutNoColor()),
      output('script', ['-qec', NAG, '/dev/null'], withoutNoColor()),
      output('script', ['-qec', NAG, '/dev/null'], { ...withoutNoColor(), NO_COLOR: '1' }),
    ]);
  }, 120_000);

  it('has no escape codes in a pipe', () => {
    expect(piped).toContain('finding(s)');
    expect(piped).not.toContain(ESC);
  });

  it('is coloured on a terminal', () => {
    expect(terminal).toContain('finding(s)');
    expect(terminal).toContain(ESC);
  });

  it('has no escape codes on a terminal when NO_COLOR is set', () => {
    expect(terminalNoColor).toContain('finding(s)');
    expect(terminalNoColor).not.toContain(ESC);
  });
});
