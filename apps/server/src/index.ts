export { type BuildServerOptions, buildServer } from "./build-server.js";
export { type Config, ConfigError, loadConfig } from "./config.js";
