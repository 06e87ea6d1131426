// Storage for one test vendor's sessions, grants and tokens. oidc-provider has a built-in memory
// adapter, but it cannot list grants (needed by revokeAllGrants) and it logs a "development-only"
// warning at start-up. The vendor holds a handful of records, so lookups simply scan.
import type { Adapter, AdapterPayload } from "oidc-provider";

interface StoredRecord {
  model: string;
  id: string;
  payload: AdapterPayload;
  /** Epoch milliseconds; undefined means it never expires. */
  expiresAt: number | undefined;
}

/** Models whose records belong to a grant and die with it (mirrors oidc-provider's own list). */
const GRANT_BOUND_MODELS = new Set(["AccessToken", "AuthorizationCode", "RefreshToken", "DeviceCode", "BackchannelAuthenticationRequest", "PreAuthorizedCode"]);

export class InMemoryStore {
  readonly #records = new Map<string, StoredRecord>();

  adapterFor(model: string): Adapter {
    return new InMemoryAdapter(model, this);
  }

  get(model: string, id: string): AdapterPayload | undefined {
    const key = recordKey(model, id);
    const record = this.#records.get(key);
    if (record?.expiresAt !== undefined && record.expiresAt <= Date.now()) {
      this.#records.delete(key);
      return undefined;
    }
    return record?.payload;
  }

  set(model: string, id: string, payload: AdapterPayload, expiresInSeconds: number | undefined): void {
    const expiresAt = expiresInSeconds === undefined ? undefined : Date.now() + expiresInSeconds * 1000;
    this.#records.set(recordKey(model, id), { model, id, payload, expiresAt });
  }

  delete(model: string, id: string): void {
    this.#records.delete(recordKey(model, id));
  }

  /** Ids of live records of a model whose payload satisfies the predicate. */
  findIds(model: string, predicate: (payload: AdapterPayload) => boolean): string[] {
    return [...this.#records.values()]
      .filter((record) => record.model === model && this.get(model, record.id) !== undefined)
      .filter((record) => predicate(record.payload))
      .map((record) => record.id);
  }

  /** Deletes every token issued under the grant (what oidc-provider calls revokeByGrantId). */
  deleteGrantBoundRecords(grantId: string): void {
    for (const [key, record] of this.#records) {
      if (GRANT_BOUND_MODELS.has(record.model) && record.payload.grantId === grantId) {
        this.#records.delete(key);
      }
    }
  }

  /**
   * Deletes grants (all, or one client's) together with their tokens, the way a vendor does when
   * a user removes an app's access: later refresh_token grants then fail with invalid_grant.
   */
  revokeGrants(clientId?: string): number {
    const grantIds = this.findIds("Grant", (grant) => clientId === undefined || grant.clientId === clientId);
    for (const grantId of grantIds) {
      this.deleteGrantBoundRecords(grantId);
      this.delete("Grant", grantId);
    }
    return grantIds.length;
  }
}

class InMemoryAdapter implements Adapter {
  constructor(
    private readonly model: string,
    private readonly store: InMemoryStore,
  ) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn: number | undefined): Promise<void> {
    this.store.set(this.model, id, payload, expiresIn);
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    return this.store.get(this.model, id);
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return this.findFirst((payload) => payload.uid === uid);
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return this.findFirst((payload) => payload.userCode === userCode);
  }

  async consume(id: string): Promise<void> {
    const payload = this.store.get(this.model, id);
    if (payload) {
      // oidc-provider expects seconds since the epoch here.
      payload.consumed = Math.floor(Date.now() / 1000);
    }
  }

  async destroy(id: string): Promise<void> {
    this.store.delete(this.model, id);
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    this.store.deleteGrantBoundRecords(grantId);
  }

  private findFirst(predicate: (payload: AdapterPayload) => boolean): AdapterPayload | undefined {
    const [id] = this.store.findIds(this.model, predicate);
    return id === undefined ? undefined : this.store.get(this.model, id);
  }
}

function recordKey(model: string, id: string): string {
  return `${model}:${id}`;
}
