export * from "./api-keys.js";
export * from "./auth.js";
export * from "./bookings.js";
export * from "./error-shape.js";
export * from "./payments.js";
export * from "./resources.js";
export * from "./sessions.js";
export * from "./user.js";
