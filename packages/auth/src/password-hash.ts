import { hash, verify } from "@node-rs/argon2";

// OWASP's recommended argon2id parameters (19 MiB, 2 iterations, 1 lane). The library's default
// algorithm is argon2id; the unit test checks the hash says so.
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password);
}
