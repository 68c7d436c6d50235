export * from "./api-keys.js";
export * from "./auth.js";
export * from "./error-shape.js";
export * from "./sessions.js";
export * from "./user.js";
