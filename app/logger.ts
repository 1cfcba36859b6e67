// JSON logs (pino). Message bodies and secrets are never logged; redaction is a second line of defence.
import pino, { type Logger } from "pino";

export function createLogger(level: string, destination: NodeJS.WritableStream = process.stderr): Logger {
  return pino(
    {
      level,
      base: { service: "lapor-chat" },
      redact: {
        paths: ["token", "*.token", "secret", "*.secret", "text", "*.text", "body", "*.body", "description", "*.description"],
        censor: "[disembunyikan]",
      },
    },
    destination as pino.DestinationStream,
  );
}
