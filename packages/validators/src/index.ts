export * from "./error-shape.js";
export * from "./user.js";
