import { runCli } from './run';

runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`flowstage: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
