/**
 * One request at a time: asks made while one is in flight collapse into a single further request,
 * the latest ask, made once the current one settles. A view that asks on every epoch event thus
 * ends on the latest answer without piling requests on the lab core. Requests must not reject
 * (LabApi calls answer with a Reply, failures included).
 */
export class SerialRequests {
  #busy = false;
  #next: (() => Promise<void>) | null = null;

  ask(request: () => Promise<void>): void {
    if (this.#busy) {
      this.#next = request;
      return;
    }
    this.#busy = true;
    void request().finally(() => {
      this.#busy = false;
      const next = this.#next;
      this.#next = null;
      if (next) this.ask(next);
    });
  }
}
