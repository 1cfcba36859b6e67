// What a failed Bot API call means for a retry, and how to log it without the token or the message.
// TelegramError carries the request payload (`on.payload`, i.e. the text sent): never log the error object.

export type TelegramErrorKind = "rate_limited" | "permanent" | "transient";

export interface TelegramErrorInfo {
  kind: TelegramErrorKind;
  code?: number;
  retryAfterSeconds?: number;
  /** A group upgraded to a supergroup answers 400 with the new chat id. */
  migrateTo?: string;
}

interface ApiErrorShape {
  response: { error_code: number; description?: string; parameters?: { retry_after?: number; migrate_to_chat_id?: number } };
}

/** Duck-typed rather than instanceof, so a second copy of telegraf in node_modules cannot break it. */
function apiError(error: unknown): ApiErrorShape["response"] | undefined {
  if (typeof error !== "object" || error === null || !("response" in error)) return undefined;
  const response = (error as ApiErrorShape).response;
  return typeof response?.error_code === "number" ? response : undefined;
}

export function telegramErrorInfo(error: unknown): TelegramErrorInfo {
  const response = apiError(error);
  if (!response) return { kind: "transient" }; // network, timeout, a garbled answer
  const code = response.error_code;
  const parameters = response.parameters ?? {};
  if (code === 429) return { kind: "rate_limited", code, retryAfterSeconds: parameters.retry_after ?? 1 };
  if (code === 400 && parameters.migrate_to_chat_id !== undefined) {
    return { kind: "permanent", code, migrateTo: String(parameters.migrate_to_chat_id) };
  }
  // 403: blocked, kicked, deactivated. 400: chat not found and every other malformed request.
  if (code === 403 || code === 400) return { kind: "permanent", code };
  // 5xx, and 401/404/409 (token or webhook setup): fixable without changing the message.
  return { kind: "transient", code };
}

/** Safe for logs and for the outbox's lastError: no token, no payload. */
export function describeTelegramError(error: unknown, token?: string): string {
  const response = apiError(error);
  const raw = response
    ? `${response.error_code}: ${response.description ?? ""}`
    : error instanceof Error
      ? `${error.name}: ${error.message}`
      : String(error);
  let safe = token ? raw.split(token).join("<token>") : raw;
  safe = safe.replace(/bot\d+:[\w-]+/g, "bot<token>");
  return safe.slice(0, 300);
}

/** Whether an error nobody caught came from telegraf (or its HTTP client), which only this channel uses. */
export function isTelegramLibraryFault(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === "TelegramError") return true;
  return /[\\/]node_modules[\\/](telegraf|node-fetch)[\\/]/.test(error.stack ?? "");
}
