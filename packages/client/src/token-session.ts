export interface BookableTokens {
  accessToken: string;
  refreshToken: string;
}

/**
 * The client's token pair, and its one refresh at a time: refresh tokens rotate, and a refresh token
 * presented twice (two requests hearing 401 together) would be refused, so concurrent callers share the
 * refresh in flight.
 */
export class TokenSession {
  #tokens: BookableTokens | undefined;
  #refreshing: Promise<boolean> | undefined;
  /** Requests that carry this session's access token (not one the caller set), so only they are refreshed. */
  readonly #authorised = new WeakSet<Request>();
  readonly #exchangeRefreshToken: (refreshToken: string) => Promise<BookableTokens | undefined>;
  readonly #onTokens: ((tokens: BookableTokens) => void | Promise<void>) | undefined;

  constructor(
    tokens: BookableTokens | undefined,
    exchangeRefreshToken: (refreshToken: string) => Promise<BookableTokens | undefined>,
    onTokens: ((tokens: BookableTokens) => void | Promise<void>) | undefined,
  ) {
    this.#tokens = tokens;
    this.#exchangeRefreshToken = exchangeRefreshToken;
    this.#onTokens = onTokens;
  }

  get tokens(): BookableTokens | undefined {
    return this.#tokens;
  }

  async store(tokens: BookableTokens): Promise<void> {
    this.#tokens = tokens;
    await this.#onTokens?.(tokens);
  }

  /** Sets the bearer header on a request that has no Authorization of its own. */
  authorise(request: Request): void {
    const accessToken = this.#tokens?.accessToken;
    if (accessToken === undefined || request.headers.has("Authorization")) return;
    request.headers.set("Authorization", `Bearer ${accessToken}`);
    this.#authorised.add(request);
  }

  /** The access token the session put on `request`, if it put one there. */
  accessTokenOf(request: Request): string | undefined {
    if (!this.#authorised.has(request)) return undefined;
    return request.headers.get("Authorization")?.slice("Bearer ".length);
  }

  /** Replaces the pair without telling `onTokens` (the caller set it, so it knows). */
  replace(tokens: BookableTokens): void {
    this.#tokens = tokens;
  }

  clear(): void {
    this.#tokens = undefined;
  }

  /**
   * Gets a new pair for the access token `rejected`, which the server answered 401 to. True when there is a
   * newer access token to retry with: one this call fetched, or one another request fetched meanwhile.
   */
  refresh(rejected: string): Promise<boolean> {
    const current = this.#tokens;
    // An API key has no refresh token: its 401 is final.
    if (!current?.refreshToken) return Promise.resolve(false);
    if (current.accessToken !== rejected) return Promise.resolve(true);
    this.#refreshing ??= this.#exchange(current.refreshToken).finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  async #exchange(refreshToken: string): Promise<boolean> {
    const tokens = await this.#exchangeRefreshToken(refreshToken);
    if (!tokens) return false;
    await this.store(tokens);
    return true;
  }
}
