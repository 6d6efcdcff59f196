import { markedForDeletion, secretNotFound } from './ServiceError.js';
import type { StoredSecret } from './StoredSecret.js';

/**
 * The secrets of one account in one Region, by name. A secret whose recovery window has ended is
 * gone for good the next time anything looks (the service deletes it "as a background task").
 */
export class SecretStore {
  readonly #byName = new Map<string, StoredSecret>();

  constructor(private readonly now: () => number) {}

  add(secret: StoredSecret): void {
    this.#byName.set(secret.Name, secret);
  }

  remove(secret: StoredSecret): void {
    if (this.#byName.get(secret.Name) === secret) this.#byName.delete(secret.Name);
  }

  /** Every secret still held, scheduled deletions included, in creation order. */
  all(): StoredSecret[] {
    const out: StoredSecret[] = [];
    for (const secret of this.#byName.values()) if (!this.#expire(secret)) out.push(secret);
    return out;
  }

  byName(name: string): StoredSecret | undefined {
    const secret = this.#byName.get(name);
    return secret && !this.#expire(secret) ? secret : undefined;
  }

  /**
   * A secret by SecretId: its name, its ARN, or its ARN without the six random characters the service
   * appends (a partial ARN: https://docs.aws.amazon.com/secretsmanager/latest/userguide/troubleshoot.html#ARN_secretnamehyphen).
   */
  find(secretId: string): StoredSecret | undefined {
    if (!secretId.startsWith('arn:')) return this.byName(secretId);
    for (const secret of this.#byName.values()) {
      if (secret.ARN === secretId || secret.ARN.slice(0, -7) === secretId) return this.#expire(secret) ? undefined : secret;
    }
    return undefined;
  }

  /** The secret, or the service's ResourceNotFoundException. */
  get(secretId: string): StoredSecret {
    const secret = this.find(secretId);
    if (!secret) throw secretNotFound();
    return secret;
  }

  /** The secret, which must not be scheduled for deletion (InvalidRequestException if it is). */
  getLive(secretId: string): StoredSecret {
    const secret = this.get(secretId);
    if (secret.DeletedDate !== undefined) throw markedForDeletion();
    return secret;
  }

  clear(): void {
    this.#byName.clear();
  }

  #expire(secret: StoredSecret): boolean {
    if (secret.DeletedDate === undefined || secret.DeletedDate > this.now()) return false;
    this.#byName.delete(secret.Name);
    return true;
  }
}
