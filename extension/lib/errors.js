/**
 * Failures travel from the worker to the pages as plain objects (messages are JSON),
 * and are turned into sentences here, in one place, so the tooltip and the popup say
 * the same thing for the same problem.
 */

/** @typedef {{kind: string, status?: number|null, detail?: string|null, requestId?: string|null, retryAfter?: number|null, apiBaseUrl?: string|null}} ErrorInfo */

/**
 * Maps an HTTP status from the API to the kind of failure a person cares about.
 * @param {number} status
 * @returns {string}
 */
export function kindForStatus(status) {
  if (status === 401 || status === 403) return "unauthorized";
  if (status === 413) return "too_long";
  if (status === 503) return "warming_up";
  if (status === 422 || status === 400) return "invalid";
  if (status === 504) return "timeout";
  return "server";
}

/**
 * The title, sentence and offered actions for a failure.
 * @param {ErrorInfo} error
 * @returns {{title: string, message: string, retry: boolean, options: boolean}}
 */
export function describeError(error) {
  const where = error.apiBaseUrl ? ` at ${error.apiBaseUrl}` : "";
  switch (error.kind) {
    case "unreachable":
      return {
        title: "Can't reach the API",
        message: `Nothing answered${where}. Is the service running? Check the API URL in Options.`,
        retry: true,
        options: true,
      };
    case "timeout":
      return {
        title: "The API took too long",
        message: `No answer${where} in time. A cold start can be slow: try again.`,
        retry: true,
        options: false,
      };
    case "unauthorized":
      return {
        title: "API key refused (401)",
        message: "The API did not accept the key. Check the API key in Options.",
        retry: false,
        options: true,
      };
    case "too_long":
      return {
        title: "Selection too long (413)",
        message: "The API refuses text this long. Select a shorter passage.",
        retry: false,
        options: false,
      };
    case "warming_up":
      return {
        title: "Translation not available (503)",
        message: unavailableMessage(error.detail, error.retryAfter),
        retry: true,
        options: false,
      };
    case "no_voice":
      return {
        title: "No Chinese voice",
        message:
          "This system has no Chinese (zh-CN) text-to-speech voice. Add one in the system's speech " +
          "settings (Windows: Time & language › Speech; macOS: Accessibility › Spoken Content; " +
          "Linux: speech-dispatcher with a Chinese voice), then restart the browser.",
        retry: false,
        options: false,
      };
    case "permission":
      return {
        title: "No access to the API",
        message: `The extension has no permission to reach${where}. Open Options and save the URL to grant it.`,
        retry: false,
        options: true,
      };
    case "invalid":
      return {
        title: `The API could not read the request (${error.status ?? 422})`,
        message: error.detail || "The request was refused as invalid.",
        retry: false,
        options: false,
      };
    case "extension":
      return {
        title: "The extension was updated",
        message: "Reload this page to use the new version.",
        retry: false,
        options: false,
      };
    default:
      return {
        title: error.status ? `The API failed (${error.status})` : "Something went wrong",
        message: error.detail || "Try again in a moment.",
        retry: true,
        options: false,
      };
  }
}

/**
 * A 503 says why in the server's own sentence (the model is loading, or cannot be
 * obtained at all); Retry-After says when to try again.
 * @param {string|null|undefined} detail
 * @param {number|null|undefined} seconds
 * @returns {string}
 */
function unavailableMessage(detail, seconds) {
  const reason = detail || "The translation model is not loaded yet.";
  const wait = Number.isFinite(seconds) && seconds > 0 ? `in ${seconds} s` : "in a few seconds";
  return `${reason} Retry ${wait}.`;
}
