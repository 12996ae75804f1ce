// A responder that keeps what a command sent back, like a platform would show it.
import type { Responder } from '../../src/core/dispatch.ts';
import { replyText, type Reply } from '../../src/core/reply.ts';

export interface Sent {
  reply: Reply;
  private: boolean;
  text: string;
}

export class RecordingResponder implements Responder {
  acknowledged = 0;
  readonly sent: Sent[] = [];
  async acknowledge(): Promise<void> {
    this.acknowledged++;
  }
  async reply(reply: Reply): Promise<void> {
    this.sent.push({ reply, private: false, text: replyText(reply) });
  }
  async replyPrivately(reply: Reply): Promise<void> {
    this.sent.push({ reply, private: true, text: replyText(reply) });
  }
}
