import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;
type StrictConfig<O extends Options> = {
  args: string[];
  options: O;
  strict: true;
  allowPositionals: boolean;
};

/**
 * A command's arguments, parsed the one way the commands share: strictly, so that an unknown
 * option or a missing value prints `flowstage COMMAND: …` and the usage on `err` (exit status 64),
 * and `--help` prints the usage on `out` (exit status 0). Returns the exit status in those cases,
 * else the parsed values and positionals. `options` should declare `help`.
 */
export function parseCommandArgs<const O extends Options>(
  command: string,
  args: string[],
  options: O,
  usage: string,
  io: { out: (line: string) => void; err: (line: string) => void; allowPositionals?: boolean },
): ReturnType<typeof parseArgs<StrictConfig<O>>> | number {
  let parsed: ReturnType<typeof parseArgs<StrictConfig<O>>>;
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: io.allowPositionals ?? false });
  } catch (error) {
    io.err(`flowstage ${command}: ${(error as Error).message}`);
    io.err(usage);
    return 64;
  }
  if ((parsed.values as { help?: boolean }).help) {
    io.out(usage);
    return 0;
  }
  return parsed;
}
