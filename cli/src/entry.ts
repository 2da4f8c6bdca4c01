// The built agent's entry point (cli/build.mjs bundles from here into dist/clawfleet.mjs).
import { main } from "./main";

process.exitCode = await main(process.argv.slice(2));
