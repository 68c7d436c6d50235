// For tests of code that must fail in a known way (an adapter reporting a failed send as a DeliveryError). The
// error class is a parameter so this package imports nothing of ours and any package's tests can use it.

/** The error `settling` rejected with, as an instance of `errorClass`; throws when it resolved or failed otherwise. */
export async function expectedRejection<E extends Error>(
  settling: Promise<unknown>,
  errorClass: abstract new (...args: never[]) => E,
): Promise<E> {
  const error = await settling.then(
    () => new Error(`Expected a ${errorClass.name}, but the promise resolved`),
    (reason: unknown) => reason,
  );
  if (error instanceof errorClass) return error;
  throw error instanceof Error ? error : new Error(`Expected a ${errorClass.name}, got ${String(error)}`);
}
