import { type Config, ConfigError, loadConfig } from "./config.js";

/** For the entry points: the validated config, or the list of bad variables on stderr and exit status 1. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
