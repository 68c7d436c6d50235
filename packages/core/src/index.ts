export { hashPassword, verifyPassword } from "./accounts/password-hash.js";
export { type RegisterUserDependencies, registerUser } from "./accounts/register-user.js";
export { toUserOutput } from "./accounts/to-user-output.js";
export { AppError } from "./app-error.js";
