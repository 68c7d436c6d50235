// Turns Ajv's errors into Stripe's vocabulary: parameter names in bracket notation and Stripe-like messages.
import type { ValidationResult } from "openapi-backend";
import { stripeParamName } from "./form-params.js";

type AjvError = NonNullable<ValidationResult["errors"]>[number];

export interface ValidationIssue {
  /** Where the parameter was sent: `requestBody`, `query`, `path` or `header`. */
  location: string;
  /** In Stripe's bracket notation, e.g. `line_items[0][price_data][unit_amount]`; empty for the whole body. */
  param: string;
  message: string;
}

export function toValidationIssue(error: AjvError): ValidationIssue {
  const [location = "", ...segments] = error.instancePath.split("/").slice(1).map(unescapePointer);
  const params: Record<string, unknown> = error.params;
  switch (error.keyword) {
    case "additionalProperties": {
      const param = stripeParamName([...segments, String(params.additionalProperty)]);
      return { location, param, message: `Received unknown parameter: ${param}` };
    }
    case "required": {
      const param = stripeParamName([...segments, String(params.missingProperty)]);
      return { location, param, message: `Missing required param: ${param}.` };
    }
    case "enum": {
      const param = stripeParamName(segments);
      const allowed = Array.isArray(params.allowedValues) ? params.allowedValues.map(String).join(", ") : "";
      return { location, param, message: `Invalid ${param}: must be one of ${allowed}` };
    }
    default: {
      const param = stripeParamName(segments);
      return { location, param, message: `Invalid ${param || location}: ${error.message ?? error.keyword}` };
    }
  }
}

export function describeIssue(issue: ValidationIssue): string {
  return `${issue.location}${issue.param ? ` ${issue.param}` : ""}: ${issue.message}`;
}

// JSON pointer escapes, as Ajv writes them in instancePath.
function unescapePointer(segment: string): string {
  return segment.replaceAll("~1", "/").replaceAll("~0", "~");
}
