// Slash commands that act outside the complaint form (/status, staff commands). The runner asks each
// handler in turn inside the message's transaction; null means "not mine", and the dialog answers.
import type { InboundMessage } from "./inbound-message.js";
import type { ParsedInput } from "./parsed-input.js";
import type { OutboundMessage } from "../complaints/push-message.js";
import type { Db } from "../db/database.js";
import type { StaffActor } from "../complaints/permissions.js";

/** The sender's staff registration, as the lifecycle knows it. */
export type StaffMember = StaffActor;

export interface CommandContext {
  db: Db;
  message: InboundMessage;
  /** The message as parsed once by the runner. */
  input: ParsedInput;
  /** `channel:userId` of the sender. */
  identity: string;
  /** The sender's staff registration, or null for citizens. */
  staff: StaffMember | null;
  now: Date;
}

export interface CommandHandler {
  handle(context: CommandContext): Promise<OutboundMessage[] | null>;
}
