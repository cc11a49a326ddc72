import type { ApiRoute } from './api-routes.js';
import type { FaultKind } from './faults.js';

/** One request to a Verifik endpoint, as listed by `GET /__dev/requests`. */
export interface RequestRecord {
  /** The endpoint it was for. */
  route: ApiRoute;
  /** Its HTTP method, e.g. `"POST"`. */
  method: string;
  /** ISO time it arrived (the mock's clock). */
  startedAt: string;
  /** The client closed the connection before the answer was sent (e.g. it aborted the fetch). */
  aborted: boolean;
  /** The status answered; absent while pending, when aborted, and for a dropped connection. */
  status?: number;
  /** The injected fault it met, if any. */
  fault?: FaultKind;
}

const logLimit = 1000;

/** Every request to a Verifik endpoint, oldest first (the oldest dropped past 1000). */
export class RequestLog {
  readonly #records: RequestRecord[] = [];

  /** Records a request as it arrives; the caller fills in the outcome on the returned record. */
  start(route: ApiRoute, method: string, startedAt: number): RequestRecord {
    const record: RequestRecord = {
      route,
      method,
      startedAt: new Date(startedAt).toISOString(),
      aborted: false,
    };
    this.#records.push(record);
    if (this.#records.length > logLimit) this.#records.splice(0, this.#records.length - logLimit);
    return record;
  }

  /** The requests recorded so far, oldest first; a record's outcome fills in as the request ends. */
  get records(): readonly RequestRecord[] {
    return this.#records;
  }

  /** Forgets every request (`DELETE /__dev/requests`). */
  clear(): void {
    this.#records.length = 0;
  }
}
