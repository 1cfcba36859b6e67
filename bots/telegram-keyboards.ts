// Which inline keyboards are still current, so a press on an old one is answered with a toast. A
// chat has one current dialog question; notices after SELESAI ("rating:LPR-..", "fixed:LPR-..") are
// questions of their own and stay answerable while the dialog moves on.

/** Dialog question ids are plain ("type", "menu"); lifecycle questions carry their complaint ("rating:LPR-.."). */
function groupOf(questionId: string): string {
  return questionId.includes(":") ? questionId : "dialog";
}

export class KeyboardTracker {
  /** chat -> question group -> message id of the newest keyboard. Insertion order = age, for the bound. */
  private readonly latest = new Map<string, Map<string, number>>();

  constructor(private readonly maxChats = 50_000) {}

  record(chatId: string, questionId: string, messageId: number): void {
    let groups = this.latest.get(chatId);
    if (groups) this.latest.delete(chatId);
    groups ??= new Map();
    groups.set(groupOf(questionId), messageId);
    this.latest.set(chatId, groups);
    if (this.latest.size > this.maxChats) {
      const oldest = this.latest.keys().next().value;
      if (oldest !== undefined) this.latest.delete(oldest);
    }
  }

  /** A newer keyboard for the same question was sent after this one. Unknown chats (after a restart) are not stale. */
  isStale(chatId: string, questionId: string, messageId: number): boolean {
    const newest = this.latest.get(chatId)?.get(groupOf(questionId));
    return newest !== undefined && newest > messageId;
  }
}
