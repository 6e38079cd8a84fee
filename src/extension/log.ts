import * as vscode from 'vscode';
import type { Logger } from '../core/logger';

/**
 * The "Help Scout" LogOutputChannel behind the core's Logger interface. The core already never
 * logs secrets; as a second net, every secret the session currently knows is masked here too.
 */
export class RedactingLog implements Logger, vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;
  private readonly secrets = new Set<string>();

  constructor() {
    this.channel = vscode.window.createOutputChannel('Help Scout', { log: true });
  }

  /**
   * Registers a value that must never appear in the log (tokens, app secrets). The newest 32 are
   * kept: a renewal every two days must not grow the set for ever.
   */
  addSecret(value: string | undefined): void {
    if (!value || value.length < 6) return;
    this.secrets.delete(value);
    this.secrets.add(value);
    if (this.secrets.size > 32) this.secrets.delete(this.secrets.values().next().value!);
  }

  trace(message: string): void {
    this.channel.trace(this.redact(message));
  }
  debug(message: string): void {
    this.channel.debug(this.redact(message));
  }
  info(message: string): void {
    this.channel.info(this.redact(message));
  }
  warn(message: string): void {
    this.channel.warn(this.redact(message));
  }
  error(message: string): void {
    this.channel.error(this.redact(message));
  }

  redact(message: string): string {
    let result = message;
    for (const secret of this.secrets) result = result.split(secret).join('«redacted»');
    return result.replace(/(Bearer\s+)[^\s"']+/gi, '$1«redacted»');
  }

  dispose(): void {
    this.channel.dispose();
  }
}
