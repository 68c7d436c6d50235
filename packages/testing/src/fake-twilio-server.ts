// A local stand-in for api.twilio.com (2010-04-01 API) for tests: the real `twilio` SDK talks to it over HTTP
// (through createTwilioSmsSender's apiBase), every request is checked against Twilio's OpenAPI document, and
// sent messages are kept so a test can assert what the provider received.
import {
  type ApiOperationHandler,
  FakeApiRefusal,
  type FakeReply,
  type IncomingApiRequest,
  mediaType,
  type ValidApiRequest,
} from "./fake-api-requests.js";
import { FakeApiServer, startFakeApiServer } from "./fake-api-server.js";
import { FormDecodeError, type FormParams, isRecord, parseFormParams, stringParam } from "./form-params.js";
import { type FakeTwilioMessage, newTwilioMessage, twilioError, twilioErrorCode } from "./twilio-messages.js";
import type { ValidationIssue } from "./validation-issues.js";
import type { VendorSpec } from "./vendor-openapi.js";

const TWILIO_SPEC: VendorSpec = {
  name: "twilio",
  file: new URL("../vendor-specs/twilio/twilio_api_v2010.json", import.meta.url),
  // Form values are all strings: `Attempt=3` must pass as the integer the document asks for.
  coerceBody: true,
  formats: {
    // Twilio checks numbers itself, after the document (21211 for a bad `To`); `From` may also be a sender id.
    "phone-number": /\S/,
    uri: (value) => URL.canParse(value),
    "date-time": (value) => /^\d{4}-\d\d-\d\dT/.test(value) && !Number.isNaN(Date.parse(value)),
    date: /^\d{4}-\d\d-\d\d$/,
    "http-method": /^(?:GET|POST)$/i,
    "iso-country-code": /^[A-Z]{2}$/,
    endpoint: /\S/,
    twiml: /\S/,
  },
};

const ACCOUNT_PATH = /^\/2010-04-01\/Accounts\/([^/]+?)(?:\.json)?(?:\/|$)/;

export interface FakeTwilioServerOptions {
  /**
   * Messages a second one sender (`From` or Messaging Service) may create before the fake answers 429 with
   * error 20429. Unlimited by default: Twilio itself queues a sender's messages beyond its rate; the limit lets a
   * test prove that an adapter stays within it, or copes when it does not.
   */
  messagesPerSecond?: number | undefined;
}

/** Starts a fake on 127.0.0.1 on a free port. Twilio's document is loaded once per process and shared. */
export async function startFakeTwilioServer(options: FakeTwilioServerOptions = {}): Promise<FakeTwilioServer> {
  const server = await startFakeApiServer(TWILIO_SPEC, FakeTwilioServer);
  server.limitRate(options.messagesPerSecond);
  return server;
}

/** Create it with startFakeTwilioServer. Twilio's Messages API has no idempotency keys, and neither has the fake. */
export class FakeTwilioServer extends FakeApiServer<FakeTwilioMessage> {
  protected readonly vendor = "Twilio";
  protected readonly operations: ReadonlyMap<string, ApiOperationHandler> = new Map([
    ["CreateMessage", (request: ValidApiRequest) => this.#createMessage(request)],
    ["FetchMessage", (request: ValidApiRequest) => this.#fetchMessage(request)],
    ["ListMessage", (request: ValidApiRequest) => this.#listMessages(request)],
  ]);

  /** The messages Twilio accepted, oldest first. */
  sentMessages(): FakeTwilioMessage[] {
    return this.savedObjects();
  }

  // Basic auth with the account sid (or an API key `SK...`) as user; an account's resources only for that account.
  protected override admit(request: IncomingApiRequest): { body: FormParams | undefined } {
    const [scheme, encoded = ""] = (request.headers.authorization ?? "").split(" ");
    const [user = "", password = ""] = Buffer.from(encoded, "base64").toString("utf8").split(/:(.*)/s);
    const account = ACCOUNT_PATH.exec(request.url.pathname)?.[1];
    const ownAccount = account === undefined || user.startsWith("SK") || user === account;
    if (scheme !== "Basic" || user === "" || password === "" || !ownAccount) {
      const message = "Authenticate: Basic credentials of this account are missing";
      throw new FakeApiRefusal(twilioError(401, 20003, "Authenticate"), message, { invalid: true });
    }
    if (request.rawBody === "") return { body: undefined };
    if (mediaType(request) !== "application/x-www-form-urlencoded") {
      refuse("The request body must be application/x-www-form-urlencoded.");
    }
    try {
      return { body: parseFormParams(request.rawBody) };
    } catch (error) {
      if (!(error instanceof FormDecodeError)) throw error;
      return refuse(`The request body could not be decoded: ${error.message}`);
    }
  }

  protected override invalidParams(issues: readonly ValidationIssue[]): FakeReply {
    // Twilio's error dictionary lists 400 "Bad Request" for a parameter that does not pass validation.
    return twilioError(400, 400, issues[0]?.message ?? "Bad Request");
  }

  protected override errorReply(status: number, message: string): FakeReply {
    return twilioError(status, twilioErrorCode(status), message);
  }

  // Only sending counts, per sender.
  protected override rateLimitKey({ record, operation }: ValidApiRequest): string | undefined {
    if (operation.operationId !== "CreateMessage" || !isRecord(record.body)) return undefined;
    const sender = record.body.From ?? record.body.MessagingServiceSid;
    return typeof sender === "string" ? sender : undefined;
  }

  protected override rateLimitedReply(): FakeReply {
    return twilioError(429, 20429, "Too Many Requests");
  }

  #createMessage({ record, pathParams }: ValidApiRequest): FakeReply {
    const message = newTwilioMessage(pathParams.AccountSid ?? "", isRecord(record.body) ? record.body : {});
    this.saveObject(message.sid, message);
    return { status: 201, body: message, headers: { "twilio-request-id": `RQ${record.requestId.replaceAll("-", "")}` } };
  }

  #fetchMessage({ pathParams }: ValidApiRequest): FakeReply {
    const message = this.findObject(pathParams.Sid);
    if (message === undefined || message.account_sid !== pathParams.AccountSid) {
      return twilioError(
        404,
        20404,
        `The requested resource /2010-04-01/Accounts/${pathParams.AccountSid}/Messages/${pathParams.Sid}.json was not found`,
      );
    }
    return { status: 200, body: message };
  }

  // `GET .../Messages.json`: the account's messages, newest first, filtered by To and From, one page at a time
  // (how a sender reconciles an attempt it lost track of; issue 13). Date filters are not modelled.
  #listMessages({ record, pathParams }: ValidApiRequest): FakeReply {
    const accountSid = pathParams.AccountSid ?? "";
    const to = stringParam(record.query, "To");
    const from = stringParam(record.query, "From");
    const pageSize = Number(stringParam(record.query, "PageSize") ?? DEFAULT_PAGE_SIZE);
    const page = Number(stringParam(record.query, "Page") ?? 0);
    const matching = this.savedObjects()
      .filter((message) => message.account_sid === accountSid)
      .filter((message) => (to === undefined || message.to === to) && (from === undefined || message.from === from))
      .reverse();
    const messages = matching.slice(page * pageSize, (page + 1) * pageSize);
    const base = `/2010-04-01/Accounts/${accountSid}/Messages.json`;
    const pageUri = (number: number) => {
      const query = new URLSearchParams({ ...(to ? { To: to } : {}), ...(from ? { From: from } : {}) });
      query.set("PageSize", String(pageSize));
      query.set("Page", String(number));
      return `${base}?${query}`;
    };
    const more = (page + 1) * pageSize < matching.length;
    return {
      status: 200,
      body: {
        messages,
        start: page * pageSize,
        end: page * pageSize + Math.max(messages.length - 1, 0),
        page,
        page_size: pageSize,
        uri: pageUri(page),
        first_page_uri: pageUri(0),
        previous_page_uri: page > 0 ? pageUri(page - 1) : null,
        next_page_uri: more ? pageUri(page + 1) : null,
      },
    };
  }
}

// Twilio's default page size for list operations.
const DEFAULT_PAGE_SIZE = 50;

function refuse(message: string): never {
  throw new FakeApiRefusal(twilioError(400, 400, message), message, { invalid: true });
}
